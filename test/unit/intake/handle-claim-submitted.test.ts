import type { KafkaMessage } from 'kafkajs';
import {
  handleClaimSubmitted,
  newIntakeCounters,
  type ClaimStarter,
} from '../../../workers/intake/handle-claim-submitted';
import type { DeadLetterWriter } from '../../../workers/kafka-messages';
import { aWorkAccidentClaim } from '../../support/builders';

function aMessage(value: string | null, key: string | null = 'C-2026-000123', offset = '7'): KafkaMessage {
  return {
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
    offset,
    timestamp: '0',
    attributes: 0,
    headers: { 'trace-id': 'abc' },
  } as KafkaMessage;
}

function ports(startResult: 'started' | 'duplicate' | Error = 'started') {
  const started: string[] = [];
  const dead: Parameters<DeadLetterWriter['write']>[0][] = [];
  const starter: ClaimStarter = {
    start: jest.fn(async (claim) => {
      if (startResult instanceof Error) throw startResult;
      started.push(claim.claimId);
      return startResult;
    }),
  };
  const dlq: DeadLetterWriter = { write: jest.fn(async (record) => void dead.push(record)) };
  return { starter, dlq, counters: newIntakeCounters(), started, dead };
}

const source = (message: KafkaMessage) => ({ topic: 'claims.submitted', partition: 2, message });

describe('intake: one claims.submitted message', () => {
  it('when the claim is valid, then its workflow is started and counted', async () => {
    const p = ports();
    const claim = aWorkAccidentClaim();
    expect(await handleClaimSubmitted(source(aMessage(JSON.stringify(claim))), p)).toBe('started');
    expect(p.started).toEqual([claim.claimId]);
    expect(p.counters).toEqual({ received: 1, started: 1, duplicate: 0, deadLettered: 0 });
  });

  it('when the claim was already started, then it counts as a duplicate', async () => {
    const p = ports('duplicate');
    expect(await handleClaimSubmitted(source(aMessage(JSON.stringify(aWorkAccidentClaim()))), p)).toBe('duplicate');
    expect(p.counters).toEqual({ received: 1, started: 0, duplicate: 1, deadLettered: 0 });
  });

  it.each([
    ['malformed JSON', '{"claimId": "C-2026-000123",', /^malformed JSON/],
    ['an empty value', '', /^empty message value/],
    [
      'a schema-invalid claim',
      JSON.stringify({ ...aWorkAccidentClaim(), claimId: 'X-1' }),
      /^schema: claimId: expected C-YYYY-NNNNNN/,
    ],
    ['an unknown field', JSON.stringify({ ...aWorkAccidentClaim(), bogus: 1 }), /bogus: unrecognized field/],
    ['a non-ISO submittedAt', JSON.stringify({ ...aWorkAccidentClaim(), submittedAt: '20/07/2026' }), /submittedAt/],
  ])(
    'when the message is %s, then the original bytes go to the DLQ with the reason and source',
    async (_, value, reason) => {
      const p = ports();
      const message = aMessage(value);
      expect(await handleClaimSubmitted(source(message), p)).toBe('dead-lettered');
      expect(p.starter.start).not.toHaveBeenCalled();
      const record = p.dead[0]!;
      expect(record.value).toEqual(message.value);
      expect(record.key?.toString()).toBe('C-2026-000123');
      expect(String(record.headers['x-dlq-reason'])).toMatch(reason);
      expect(record.headers).toMatchObject({
        'x-source-topic': 'claims.submitted',
        'x-source-partition': '2',
        'x-source-offset': '7',
        'trace-id': 'abc',
      });
      expect(p.counters).toEqual({ received: 1, started: 0, duplicate: 0, deadLettered: 1 });
    }
  );

  it('when the key differs from the claim id, then the message is dead-lettered', async () => {
    const p = ports();
    await handleClaimSubmitted(source(aMessage(JSON.stringify(aWorkAccidentClaim()), 'C-2026-999999')), p);
    expect(String(p.dead[0]?.headers['x-dlq-reason'])).toMatch(/key/);
  });

  it('when the DLQ write fails, then the handler throws so the message is redelivered, and nothing is counted', async () => {
    const p = ports();
    p.dlq.write = jest.fn(async () => {
      throw new Error('broker down');
    });
    await expect(handleClaimSubmitted(source(aMessage('not json')), p)).rejects.toThrow('broker down');
    expect(p.counters.received).toBe(0);
  });

  it('when the workflow start fails, then the handler throws and nothing is counted', async () => {
    const p = ports(new Error('temporal unavailable'));
    await expect(handleClaimSubmitted(source(aMessage(JSON.stringify(aWorkAccidentClaim()))), p)).rejects.toThrow(
      'temporal unavailable'
    );
    expect(p.counters).toEqual({ received: 0, started: 0, duplicate: 0, deadLettered: 0 });
  });

  it('when a claim is invalid, then the DLQ reason names fields but never echoes personal data', async () => {
    const p = ports();
    const claim = aWorkAccidentClaim();
    const bad = { ...claim, claimant: { ...claim.claimant, dateOfBirth: 'not-a-date' } };
    await handleClaimSubmitted(source(aMessage(JSON.stringify(bad))), p);
    const reason = String(p.dead[0]?.headers['x-dlq-reason']);
    expect(reason).toMatch(/claimant\.dateOfBirth/);
    expect(reason).not.toContain(claim.claimant.name);
  });
});
