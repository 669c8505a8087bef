import fc from 'fast-check';
import { BoundedMemoryStorage } from '../../bot/storage/boundedMemoryStorage';
import { createStateStore } from '../../bot/storage';
import { silentLogger } from '../../bot/logger';
import { StorageConflictError } from '../../bot/storage/errors';
import { conversationKey, forget, loadState, saveState, userKey } from './helpers';

function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function storage(options: { maxEntries?: number; ttlMs?: number; now?: () => number } = {}) {
  return new BoundedMemoryStorage({ maxEntries: options.maxEntries ?? 100, ttlMs: options.ttlMs ?? 60_000, now: options.now, sweepIntervalMs: 0 });
}

describe('BoundedMemoryStorage', () => {
  it('reads back what was written, with an eTag, and nothing for unknown keys', async () => {
    const s = storage();
    await s.write({ a: { count: 1, nested: { list: [1, 2] } } });
    const items = await s.read(['a', 'missing']);
    expect(Object.keys(items)).toEqual(['a']);
    expect(items.a).toEqual({ count: 1, nested: { list: [1, 2] }, eTag: expect.any(String) });
  });

  it('stores copies: changing a written or a read object does not change the stored state', async () => {
    const s = storage();
    const written = { nested: { n: 1 } };
    await s.write({ a: written });
    written.nested.n = 2;
    const first = await s.read(['a']);
    first.a.nested.n = 3;
    expect((await s.read(['a'])).a.nested).toEqual({ n: 1 });
  });

  describe('eTags', () => {
    it('refuses a write with a stale eTag and writes nothing of that batch', async () => {
      const s = storage();
      await s.write({ a: { v: 1 }, b: { v: 1 } });
      const stale = await s.read(['a', 'b']);
      await s.write({ a: { ...stale.a, v: 2 } });
      await expect(s.write({ b: { ...stale.b, v: 3 }, a: { ...stale.a, v: 3 } })).rejects.toThrow(/eTag conflict/);
      const now = await s.read(['a', 'b']);
      expect([now.a.v, now.b.v]).toEqual([2, 1]);
    });

    it('accepts the current eTag and gives the new version a new eTag', async () => {
      const s = storage();
      await s.write({ a: { v: 1 } });
      const current = await s.read(['a']);
      await s.write({ a: { ...current.a, v: 2 } });
      const next = await s.read(['a']);
      expect(next.a.v).toBe(2);
      expect(next.a.eTag).not.toBe(current.a.eTag);
    });

    it('overwrites whatever is stored when the eTag is "*" or missing', async () => {
      const s = storage();
      await s.write({ a: { v: 1 } });
      await s.write({ a: { v: 2 } });
      await s.write({ a: { v: 3, eTag: '*' } });
      expect((await s.read(['a'])).a.v).toBe(3);
    });

    it('through the store, a conflict is a StorageConflictError', async () => {
      const store = createStateStore({ kind: 'memory', ttlMs: 60_000, maxConversations: 10, blobContainer: 'unused' }, silentLogger, { sweepIntervalMs: 0 });
      await store.storage.write({ a: { v: 1 } });
      const stale = await store.storage.read(['a']);
      await store.storage.write({ a: { v: 2 } });
      await expect(store.storage.write({ a: stale.a })).rejects.toBeInstanceOf(StorageConflictError);
      await store.close();
    });
  });

  it('deletes keys, and deleting an unknown key is not an error', async () => {
    const s = storage();
    await s.write({ a: { v: 1 }, b: { v: 2 } });
    await s.delete(['a', 'never-written']);
    expect(await s.read(['a', 'b'])).toEqual({ b: expect.objectContaining({ v: 2 }) });
    expect(s.stats().entries).toBe(1);
  });

  it('keeps conversations apart', async () => {
    const s = storage();
    await saveState(s, 'conv-1', 'user-1', { symptom: 'leaking' });
    await saveState(s, 'conv-2', 'user-2', { symptom: 'discharge' });
    await forget(s, 'conv-1', 'user-1');
    expect(await loadState(s, 'conv-1', 'user-1')).toEqual({ conversation: undefined, user: undefined });
    expect(await loadState(s, 'conv-2', 'user-2')).toEqual({ conversation: { symptom: 'discharge' }, user: { symptom: 'discharge' } });
  });

  it('ConversationState.delete and UserState.delete remove the keys from the store ("forget me")', async () => {
    const s = storage();
    await saveState(s, 'conv-1', 'user-1', { symptom: 'leaking' });
    expect(Object.keys(await s.read([conversationKey('conv-1'), userKey('user-1')]))).toHaveLength(2);
    await forget(s, 'conv-1', 'user-1');
    expect(await s.read([conversationKey('conv-1'), userKey('user-1')])).toEqual({});
    expect(s.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  describe('least-recently-used eviction', () => {
    it('evicts the entry used longest ago; reads and writes both count as use', async () => {
      const s = storage({ maxEntries: 3 });
      await s.write({ a: { v: 1 } });
      await s.write({ b: { v: 1 } });
      await s.write({ c: { v: 1 } });
      await s.read(['a']); // order now b, c, a
      await s.write({ d: { v: 1 } }); // evicts b
      expect(Object.keys(await s.read(['a', 'b', 'c', 'd'])).sort()).toEqual(['a', 'c', 'd']);
      await s.write({ c: { v: 2 } }); // order now a, d, c  (the read above touched a, c, d in that order)
      await s.write({ e: { v: 1 } }); // evicts a
      expect(Object.keys(await s.read(['a', 'c', 'd', 'e'])).sort()).toEqual(['c', 'd', 'e']);
      expect(s.stats()).toMatchObject({ entries: 3, evicted: 2 });
    });

    it('stays flat however many conversations there are', async () => {
      const store = createStateStore({ kind: 'memory', ttlMs: 86_400_000, maxConversations: 50, blobContainer: 'unused' }, silentLogger, { sweepIntervalMs: 0 });
      const state = { dialogState: { dialogStack: [{ id: 'main', state: { step: 2, values: { symptom: 'x'.repeat(200) } } }] } };
      const measure = async (conversations: number, from: number) => {
        for (let i = from; i < from + conversations; i++) {
          await store.storage.write({ [conversationKey(`c${i}`)]: state, [userKey(`u${i}`)]: { welcomed: true } });
        }
        return store.stats!();
      };
      const after100 = await measure(100, 0);
      const after2000 = await measure(1900, 100);
      expect(after100.entries).toBe(100);
      expect(after2000.entries).toBe(100);
      expect(after2000.bytes).toBeLessThanOrEqual(after100.bytes * 1.05);
      // The most recent conversations are the ones kept.
      expect(Object.keys(await store.storage.read([conversationKey('c1999'), conversationKey('c0')]))).toEqual([conversationKey('c1999')]);
      await store.close();
    });
  });

  describe('idle expiry', () => {
    it('the sweep deletes entries idle for ttlMs, not the others', async () => {
      const clock = fakeClock();
      const s = storage({ ttlMs: 100, now: clock.now });
      await s.write({ a: { v: 1 } });
      clock.advance(50);
      await s.write({ b: { v: 1 } });
      clock.advance(60); // a idle 110, b idle 60
      expect(s.sweep()).toBe(1);
      expect(s.stats()).toMatchObject({ entries: 1, expired: 1 });
      clock.advance(40); // b idle 100
      expect(s.sweep()).toBe(1);
      expect(s.stats()).toMatchObject({ entries: 0, bytes: 0, expired: 2 });
    });

    it('an expired entry touched before the sweep is deleted then, not just hidden', async () => {
      const clock = fakeClock();
      const s = storage({ ttlMs: 100, now: clock.now });
      await s.write({ a: { v: 1 }, b: { v: 1 } });
      clock.advance(100);
      expect(await s.read(['a'])).toEqual({});
      expect(s.stats()).toMatchObject({ entries: 1, expired: 1 });
      // A write over an expired entry starts afresh: its stale eTag no longer conflicts.
      await s.write({ b: { v: 2, eTag: 'stale' } });
      expect((await s.read(['b'])).b.v).toBe(2);
    });

    it('reading keeps an entry alive', async () => {
      const clock = fakeClock();
      const s = storage({ ttlMs: 100, now: clock.now });
      await s.write({ a: { v: 1 } });
      for (let i = 0; i < 5; i++) {
        clock.advance(90);
        expect(await s.read(['a'])).toHaveProperty('a');
      }
      expect(s.sweep()).toBe(0);
    });

    it('a wall clock stepping back does not make entries immortal or reorder them', async () => {
      const clock = fakeClock();
      const s = storage({ ttlMs: 100, now: clock.now });
      await s.write({ a: { v: 1 } });
      clock.advance(-1000);
      await s.write({ b: { v: 1 } });
      clock.advance(1000 + 100);
      expect(s.sweep()).toBe(2);
    });

    it('a timer sweeps by itself, unref\'d, and close() stops it', async () => {
      jest.useFakeTimers();
      try {
        const s = new BoundedMemoryStorage({ maxEntries: 10, ttlMs: 1000, sweepIntervalMs: 250 });
        await s.write({ a: { v: 1 } });
        jest.advanceTimersByTime(1250);
        expect(s.stats()).toMatchObject({ entries: 0, expired: 1 });
        expect(jest.getTimerCount()).toBe(1);
        s.close();
        expect(jest.getTimerCount()).toBe(0);
      } finally {
        jest.useRealTimers();
      }
      const spy = jest.spyOn(global, 'setInterval');
      const s = new BoundedMemoryStorage({ maxEntries: 10, ttlMs: 1000 });
      const timer = spy.mock.results[0].value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
      s.close();
      spy.mockRestore();
    });
  });

  it('behaves like a model LRU cache with idle expiry (property)', async () => {
    type Op = { kind: 'write' | 'read' | 'delete'; key: number; value: number } | { kind: 'wait'; ms: number } | { kind: 'sweep' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constantFrom('write' as const, 'read' as const, 'delete' as const), key: fc.integer({ min: 0, max: 7 }), value: fc.integer() }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 60 }) }),
      fc.record({ kind: fc.constant('sweep' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), async (ops, maxEntries) => {
        const clock = fakeClock();
        const s = storage({ maxEntries, ttlMs: 100, now: clock.now });
        // The model: keys in recency order (oldest first), each with its value and last use.
        let model: Array<{ key: string; value: number; touched: number }> = [];
        const expire = () => (model = model.filter((e) => clock.now() - e.touched < 100));
        for (const o of ops) {
          if (o.kind === 'wait') {
            clock.advance(o.ms);
          } else if (o.kind === 'sweep') {
            s.sweep();
            expire();
          } else {
            const key = `k${o.key}`;
            expire();
            const existing = model.find((e) => e.key === key);
            model = model.filter((e) => e.key !== key);
            if (o.kind === 'write') {
              await s.write({ [key]: { value: o.value } });
              model.push({ key, value: o.value, touched: clock.now() });
              if (model.length > maxEntries) model.shift();
            } else if (o.kind === 'read') {
              const got = await s.read([key]);
              expect(got[key]?.value).toBe(existing?.value);
              if (existing) model.push({ ...existing, touched: clock.now() });
            } else {
              await s.delete([key]);
            }
          }
          expect(s.stats().entries).toBeLessThanOrEqual(maxEntries);
        }
        expire();
        const all = await s.read(model.map((e) => e.key));
        expect(Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.value]))).toEqual(Object.fromEntries(model.map((e) => [e.key, e.value])));
      }),
      { numRuns: 300 },
    );
  });
});
