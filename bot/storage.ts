import { MemoryStorage, type Storage } from 'botbuilder';

export function createStorage(): Storage {
  return new MemoryStorage();
}
