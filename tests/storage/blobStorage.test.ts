import { ContainerClient } from '@azure/storage-blob';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createLogger, silentLogger, type Logger } from '../../bot/logger';
import { createStateStore, type StateStore, type StateStoreOptions } from '../../bot/storage';
import { isStateBlobName } from '../../bot/storage/blobStateStorage';
import { StorageConflictError, StorageUnavailableError } from '../../bot/storage/errors';
import type { AppConfig } from '../../bot/config';
import { azuriteConnectionString, listBlobs, startAzurite, uniqueContainerName, type Azurite } from '../support/azurite';
import { conversationKey, forget, loadState, saveState, userKey } from './helpers';

let azurite: Azurite;
const stores: StateStore[] = [];

beforeAll(async () => {
  azurite = await startAzurite();
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  if (!azurite.running) await azurite.restart();
});
afterAll(async () => {
  await azurite?.stop();
});

function blobConfig(container: string, ttlMs = 86_400_000): AppConfig['storage'] {
  return { kind: 'blob', ttlMs, maxConversations: 100, blobConnectionString: azurite.connectionString, blobContainer: container };
}

function blobStore(container = uniqueContainerName(), options: StateStoreOptions & { ttlMs?: number; logger?: Logger } = {}) {
  const store = createStateStore(blobConfig(container, options.ttlMs), options.logger ?? silentLogger, { sweepIntervalMs: 0, ...options });
  stores.push(store);
  return { store, storage: store.storage, container };
}

const blobNames = async (container: string) => (await listBlobs(azurite.connectionString, container)).map((b) => b.name).sort();

describe('blob state storage (Azurite)', () => {
  it('writes, reads and deletes, creating the container on first use', async () => {
    const { storage, container } = blobStore();
    expect(await storage.read([conversationKey('c1')])).toEqual({});
    await storage.write({ [conversationKey('c1')]: { welcomed: true, note: 'café, 🍼, ñ' }, [userKey('u1')]: { visits: 2 } });
    const items = await storage.read([conversationKey('c1'), userKey('u1'), conversationKey('missing')]);
    expect(items).toEqual({
      [conversationKey('c1')]: { welcomed: true, note: 'café, 🍼, ñ', eTag: expect.any(String) },
      [userKey('u1')]: { visits: 2, eTag: expect.any(String) },
    });
    expect(await blobNames(container)).toEqual(['emulator/conversations/c1', 'emulator/users/u1']);
    await storage.delete([conversationKey('c1'), conversationKey('never-written')]);
    expect(Object.keys(await storage.read([conversationKey('c1'), userKey('u1')]))).toEqual([userKey('u1')]);
    expect(await blobNames(container)).toEqual(['emulator/users/u1']);
  });

  it('refuses a write with a stale eTag (StorageConflictError); "*" overwrites', async () => {
    const { storage } = blobStore();
    const key = conversationKey('c1');
    await storage.write({ [key]: { v: 1 } });
    const stale = (await storage.read([key]))[key];
    await storage.write({ [key]: { ...stale, v: 2 } });
    await expect(storage.write({ [key]: { ...stale, v: 3 } })).rejects.toBeInstanceOf(StorageConflictError);
    await storage.write({ [key]: { v: 4, eTag: '*' } });
    expect((await storage.read([key]))[key].v).toBe(4);
  });

  it('ConversationState.delete and UserState.delete remove the blobs ("forget me"), and only those', async () => {
    const { storage, container } = blobStore();
    await saveState(storage, 'conv-1', 'user-1', { symptom: 'leaking' });
    await saveState(storage, 'conv-2', 'user-2', { symptom: 'discharge' });
    expect(await blobNames(container)).toEqual(['emulator/conversations/conv-1', 'emulator/conversations/conv-2', 'emulator/users/user-1', 'emulator/users/user-2']);
    await forget(storage, 'conv-1', 'user-1');
    expect(await blobNames(container)).toEqual(['emulator/conversations/conv-2', 'emulator/users/user-2']);
    expect(await loadState(storage, 'conv-1', 'user-1')).toEqual({ conversation: undefined, user: undefined });
    expect(await loadState(storage, 'conv-2', 'user-2')).toEqual({ conversation: { symptom: 'discharge' }, user: { symptom: 'discharge' } });
  });

  describe('expiry sweep', () => {
    it('deletes state blobs not written for ttlMs and keeps fresh ones and foreign blobs', async () => {
      const ttlMs = 60_000;
      let now = Date.now();
      const { store, storage, container } = blobStore(uniqueContainerName(), { ttlMs, now: () => now });
      await storage.write({ [conversationKey('old')]: { v: 1 }, [userKey('old')]: { v: 1 } });
      // A blob that is not bot state (someone shares the container): never touched by the sweep.
      await new ContainerClient(azurite.connectionString, container).getBlockBlobClient('readme.txt').upload('x', 1);
      // Last-Modified has one-second resolution: let the fresh blob be written in a later second.
      await new Promise((r) => setTimeout(r, 1100));
      await storage.write({ [conversationKey('fresh')]: { v: 1 } });
      const blobs = await listBlobs(azurite.connectionString, container);
      const fresh = blobs.find((b) => b.name === 'emulator/conversations/fresh')!.lastModified.getTime();
      // The fresh blob is ttlMs - 1 ms old, the old ones at least 1 s older: past the TTL.
      now = fresh + ttlMs - 1;
      expect(await store.sweepExpired()).toBe(2);
      expect(await blobNames(container)).toEqual(['emulator/conversations/fresh', 'readme.txt']);
      now = fresh + ttlMs;
      expect(await store.sweepExpired()).toBe(1);
      expect(await blobNames(container)).toEqual(['readme.txt']);
    });

    it('is a no-op on a container that does not exist yet', async () => {
      const { store } = blobStore();
      expect(await store.sweepExpired()).toBe(0);
    });

    it('runs by itself on a timer, logging counts only', async () => {
      const lines: string[] = [];
      const logger = createLogger({ level: 'debug', write: (l) => lines.push(l) });
      const container = uniqueContainerName();
      const writer = blobStore(container);
      await writer.storage.write({ [conversationKey('secret-conversation-id')]: { v: 1 } });
      blobStore(container, { logger, sweepIntervalMs: 200, now: () => Date.now() + 86_400_000 * 2 });
      const deadline = Date.now() + 10_000;
      while ((await blobNames(container)).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await blobNames(container)).toEqual([]);
      const sweeps = lines.map((l) => JSON.parse(l)).filter((e) => e.event === 'storage_sweep');
      expect(sweeps[0]).toMatchObject({ store: 'blob', deleted: 1 });
      expect(lines.join('\n')).not.toContain('secret-conversation-id');
    });

    it.each([
      ['emulator%2Fconversations%2Fc1', true],
      ['msteams%2Fusers%2F29%3Aabc', true],
      ['emulator%2Fconversations%2Fc1%2Fusers%2Fu1', true],
      ['readme.txt', false],
      ['backups%2F2024.json', false],
      ['emulator%2Fconversations%2F', false],
      ['directline%2Fconversations%2FaB3', true],
      ['directline%2Ftokens%2Fx_Y-z', true],
    ])('treats %s as state: %s', (name, expected) => {
      expect(isStateBlobName(name)).toBe(expected);
    });
  });

  describe('outages', () => {
    it('fails fast with StorageUnavailableError, and recovers by itself when the store is back', async () => {
      const lines: string[] = [];
      const logger = createLogger({ write: (l) => lines.push(l) });
      const { storage } = blobStore(uniqueContainerName(), { logger });
      await storage.write({ [conversationKey('c1')]: { v: 1 } });
      await azurite.pause();
      // Fast, without a stopwatch: the SDK's own retries (FAST_FAIL_RETRY, well under a second) give up on
      // the refused connection before the default 10 s operation deadline would cut them off as a
      // "timeout". With the SDK's default retries (about 16 s) the deadline would come first.
      const err = await storage.read([conversationKey('c1')]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageUnavailableError);
      expect((err as StorageUnavailableError).reason).toBe('ECONNREFUSED');
      await azurite.restart();
      expect((await storage.read([conversationKey('c1')]))[conversationKey('c1')].v).toBe(1);
      const events = lines.map((l) => JSON.parse(l).event);
      expect(events).toEqual(['storage_unavailable', 'storage_recovered']);
    });

    it('cuts off a store that accepts connections but never answers (the SDK has no client-side timeout)', async () => {
      const sockets = new Set<Socket>();
      const silent = createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const config = { ...blobConfig(uniqueContainerName()), blobConnectionString: azuriteConnectionString((silent.address() as AddressInfo).port) };
        const store = createStateStore(config, silentLogger, { sweepIntervalMs: 0, operationTimeoutMs: 800 });
        stores.push(store);
        // "timeout" is the deadline's own reason: without the deadline this read would hang (and the test time out).
        await expect(store.storage.read([conversationKey('c1')])).rejects.toMatchObject({ name: 'StorageUnavailableError', reason: 'timeout' });
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
    });

    it('recovers even when the store was down the first time it was used (BlobsStorage keeps a failed container creation)', async () => {
      await azurite.pause();
      const { storage, container } = blobStore();
      await expect(storage.write({ [conversationKey('c1')]: { v: 1 } })).rejects.toBeInstanceOf(StorageUnavailableError);
      await azurite.restart();
      await storage.write({ [conversationKey('c1')]: { v: 1 } });
      expect(await blobNames(container)).toEqual(['emulator/conversations/c1']);
    });
  });
});
