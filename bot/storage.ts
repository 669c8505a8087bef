import { MemoryStorage, type Storage } from 'botbuilder';
import type { AppConfig } from './config';
import type { Logger } from './logger';

export interface StateStore {
  storage: Storage;
  /** Stops timers and connections. */
  close(): Promise<void>;
}

export function createStateStore(_config: AppConfig['storage'], _logger: Logger): StateStore {
  return { storage: new MemoryStorage(), close: async () => {} };
}
