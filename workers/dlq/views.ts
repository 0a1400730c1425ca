import type { DlqReplayRecord } from '../../schemas/dlq/replay-record';
import type { DeadLetterEntry } from './dead-letters';
import { maskedValue, maskText, type MaskedValue } from './mask';

/** An entry as `claims dlq list --json` prints it (schemaVersion 1): coordinates, reason, replay state; no content. */
export interface DeadLetterSummary {
  id: string;
  dlqTopic: string;
  partition: number;
  offset: string;
  source: DeadLetterEntry['source'];
  reason: string;
  attempts: number | null;
  time: string;
  replayOf: string | null;
  replay: Pick<DlqReplayRecord, 'state' | 'actorId' | 'published'> | null;
}

/** An entry as `claims dlq show --json` prints it: the summary plus key, headers and value, personal data masked. */
export interface DeadLetterDetail extends DeadLetterSummary {
  key: string | null;
  headers: Record<string, string>;
  value: MaskedValue;
}

/** The summary of an entry, with its replay record if there is one. */
export function summary(entry: DeadLetterEntry, replay: DlqReplayRecord | undefined): DeadLetterSummary {
  const { original: _original, ...rest } = entry;
  return {
    ...rest,
    replay: replay ? { state: replay.state, actorId: replay.actorId, published: replay.published } : null,
  };
}

/** The detail of an entry: the original key, headers and value decoded, with personal data masked. */
export function detail(entry: DeadLetterEntry, replay: DlqReplayRecord | undefined): DeadLetterDetail {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(entry.original.headers)) {
    headers[name] = maskText((Array.isArray(value) ? value.join(',') : (value ?? '')).toString());
  }
  return {
    ...summary(entry, replay),
    key: entry.original.key === null ? null : maskText(entry.original.key.toString('utf8')),
    headers,
    value: maskedValue(entry.original.value),
  };
}

const coordinates = (s: DeadLetterEntry['source']): string =>
  `${s.topic ?? '?'}:${s.partition ?? '?'}:${s.offset ?? '?'}`;

const replayText = (r: DeadLetterSummary['replay']): string =>
  r === null ? 'not replayed' : r.state === 'done' ? `replayed by ${r.actorId}` : `replay interrupted (${r.actorId})`;

/** One line of `claims dlq list`: DLQ partition:offset, original topic:partition:offset, attempts, time, replay, reason. */
export function summaryLine(s: DeadLetterSummary): string {
  return [
    `${s.partition}:${s.offset}`,
    coordinates(s.source),
    `attempts ${s.attempts ?? '-'}`,
    s.time,
    replayText(s.replay),
    s.reason,
  ].join('  ');
}

/** The lines of `claims dlq show`. */
export function detailLines(d: DeadLetterDetail): string[] {
  const value =
    d.value.kind === 'json'
      ? ['value (JSON, personal data masked):', JSON.stringify(d.value.value, null, 2)]
      : d.value.kind === 'text'
        ? ['value (not JSON; text, personal data masked):', d.value.text]
        : d.value.kind === 'binary'
          ? [`value: ${d.value.bytes} bytes, not UTF-8 text (not shown)`]
          : ['value: empty'];
  const published = d.replay?.published;
  return [
    `DLQ entry ${d.id}`,
    `  original:  ${coordinates(d.source)}`,
    `  reason:    ${d.reason}`,
    `  attempts:  ${d.attempts ?? '-'}`,
    `  time:      ${d.time}`,
    ...(d.replayOf ? [`  replay of: ${d.replayOf}`] : []),
    `  replay:    ${replayText(d.replay)}${published ? ` at ${published.at} to partition ${published.partition} offset ${published.offset}` : ''}`,
    `  key:       ${d.key ?? '(null)'}`,
    ...Object.entries(d.headers).map(([name, v]) => `  header ${name}: ${v}`),
    ...value,
  ];
}
