import type { Admin } from 'kafkajs';
import {
  committedOffsets,
  endOffsets,
  messagesBehind,
  partitionsBehind,
  waitForGroup,
} from '../../../workers/demo/registry-wait';

const offsets = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('partitionsBehind', () => {
  it('when the group committed every end offset, then no partition is behind', () => {
    expect(partitionsBehind(offsets({ 'a:0': 10, 'a:1': 4 }), offsets({ 'a:0': 10, 'a:1': 7 }))).toEqual([]);
  });

  it('when a partition is short of its end or never committed, then it is behind; an empty partition never is', () => {
    expect(partitionsBehind(offsets({ 'a:0': 10, 'a:1': 4, 'b:0': 0 }), offsets({ 'a:0': 9, 'b:0': -1 }))).toEqual([
      'a:0',
      'a:1',
    ]);
  });

  it('when counting what is left, then each partition counts end minus committed, all of it when nothing is committed', () => {
    expect(messagesBehind(offsets({ 'a:0': 10, 'a:1': 4, 'b:0': 0 }), offsets({ 'a:0': 9, 'b:0': -1 }))).toBe(5);
    expect(messagesBehind(offsets({ 'a:0': 10 }), offsets({ 'a:0': 12 }))).toBe(0);
  });
});

/** An admin whose group commits `step` more on every partition at each look. */
function fakeAdmin(ends: Record<string, number>, step: number) {
  let looks = 0;
  const admin = {
    fetchTopicOffsets: async (topic: string) =>
      Object.entries(ends)
        .filter(([k]) => k.startsWith(`${topic}:`))
        .map(([k, high]) => ({
          partition: Number(k.split(':')[1]),
          offset: String(high),
          high: String(high),
          low: '0',
        })),
    fetchOffsets: async ({ topics }: { groupId: string; topics: string[] }) => {
      looks += 1;
      return topics.map((topic) => ({
        topic,
        partitions: Object.entries(ends)
          .filter(([k]) => k.startsWith(`${topic}:`))
          .map(([k, high]) => ({
            partition: Number(k.split(':')[1]),
            offset: String(Math.min(high, looks * step - 1)),
            metadata: null,
          })),
      }));
    },
  } as unknown as Admin;
  return { admin, looks: () => looks };
}

describe('waitForGroup', () => {
  const ENDS = { 'registry.employers:0': 30, 'registry.contributions:0': 80, 'registry.contributions:1': 75 };

  it('when the consumer catches up, then the wait ends at the first look that finds every offset committed', async () => {
    const { admin, looks } = fakeAdmin(ENDS, 40);
    const ends = await endOffsets(admin, ['registry.employers', 'registry.contributions']);
    expect(ends).toEqual(offsets(ENDS));
    const behind = await waitForGroup(admin, {
      groupId: 'claims-registry',
      ends,
      timeoutMs: 10_000,
      pollMs: 1,
      signal: new AbortController().signal,
    });
    expect(behind).toBe(0);
    expect(looks()).toBe(3);
    expect(await committedOffsets(admin, 'claims-registry', ['registry.employers'])).toEqual(
      offsets({ 'registry.employers:0': 30 })
    );
  });

  it('when no consumer commits, then the wait gives up after the timeout and says how much is left', async () => {
    const { admin } = fakeAdmin(ENDS, 0);
    let t = 0;
    const behind = await waitForGroup(admin, {
      groupId: 'claims-registry',
      ends: offsets(ENDS),
      timeoutMs: 50,
      pollMs: 1,
      now: () => (t += 10),
      signal: new AbortController().signal,
    });
    expect(behind).toBe(30 + 80 + 75);
  });

  it('when the demo is stopped while waiting, then the wait ends at once', async () => {
    const { admin } = fakeAdmin(ENDS, 0);
    const controller = new AbortController();
    const waiting = waitForGroup(admin, {
      groupId: 'claims-registry',
      ends: offsets(ENDS),
      timeoutMs: 60_000,
      pollMs: 30_000,
      signal: controller.signal,
    });
    controller.abort();
    await expect(waiting).resolves.toBeGreaterThan(0);
  });
});
