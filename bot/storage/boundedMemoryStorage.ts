import type { Storage, StoreItem, StoreItems } from 'botbuilder';

export interface BoundedMemoryStorageOptions {
  /** The most entries kept; the least recently used go first. */
  maxEntries: number;
  /** An entry not read or written for this long is deleted. */
  ttlMs: number;
  /** How often expired entries are swept; 0 turns the timer off (call sweep() yourself). Default min(ttl/4, 1 min). */
  sweepIntervalMs?: number;
  /** Milliseconds clock; injectable for tests. */
  now?: () => number;
}

export interface MemoryStorageStats {
  entries: number;
  /** Approximate bytes held by keys and serialized values (UTF-16: 2 bytes a character). */
  bytes: number;
  evicted: number;
  expired: number;
}

interface Entry {
  json: string;
  eTag: string;
  touched: number;
}

/**
 * botbuilder's MemoryStorage, bounded: values are kept as JSON (callers cannot change stored state by
 * reference, and the size is countable), at most `maxEntries` are kept (least recently used evicted
 * first), and entries idle for `ttlMs` are deleted by a timer and whenever they are touched.
 *
 * eTags work like MemoryStorage's: a write whose eTag is stale throws; "*" or no eTag overwrites.
 */
export class BoundedMemoryStorage implements Storage {
  /** Map order is recency order: every touch moves the entry to the end. */
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly timer?: NodeJS.Timeout;
  private lastTouch = -Infinity;
  private nextETag = 1;
  private chars = 0;
  private evictedCount = 0;
  private expiredCount = 0;

  constructor(options: BoundedMemoryStorageOptions) {
    if (!(options.maxEntries >= 1)) throw new RangeError('maxEntries must be at least 1');
    if (!(options.ttlMs > 0)) throw new RangeError('ttlMs must be positive');
    this.maxEntries = Math.floor(options.maxEntries);
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
    const interval = options.sweepIntervalMs ?? Math.max(1000, Math.min(this.ttlMs / 4, 60_000));
    if (interval > 0) {
      this.timer = setInterval(() => this.sweep(), interval);
      this.timer.unref();
    }
  }

  async read(keys: string[]): Promise<StoreItems> {
    const now = this.clock();
    const items: StoreItems = {};
    for (const key of keys) {
      const entry = this.live(key, now);
      if (!entry) continue;
      this.touch(key, entry, now);
      items[key] = { ...JSON.parse(entry.json), eTag: entry.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const now = this.clock();
    const prepared: Array<[string, string]> = [];
    // Check every item before storing any, so a conflict leaves the batch unwritten.
    for (const [key, item] of Object.entries(changes)) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        throw new TypeError('Storage: each item to write must be an object');
      }
      const { eTag, ...value } = item as StoreItem;
      const current = this.live(key, now);
      if (current && typeof eTag === 'string' && eTag !== '' && eTag !== '*' && eTag !== current.eTag) {
        throw new Error('Storage: error writing an item due to eTag conflict.');
      }
      prepared.push([key, JSON.stringify(value)]);
    }
    for (const [key, json] of prepared) {
      this.remove(key);
      const entry: Entry = { json, eTag: String(this.nextETag++), touched: now };
      this.entries.set(key, entry);
      this.chars += key.length + json.length;
    }
    this.evictOverflow();
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.remove(key);
  }

  /** Deletes every entry idle for ttlMs or longer; returns how many. Stops at the first live one (recency order). */
  sweep(): number {
    const now = this.clock();
    let removed = 0;
    for (const [key, entry] of this.entries) {
      if (now - entry.touched < this.ttlMs) break;
      this.remove(key);
      removed++;
    }
    this.expiredCount += removed;
    return removed;
  }

  stats(): MemoryStorageStats {
    return { entries: this.entries.size, bytes: this.chars * 2, evicted: this.evictedCount, expired: this.expiredCount };
  }

  /** Stops the sweep timer. Entries stay readable; nothing else needs closing. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** A monotonic clock, so recency order and idle times agree even if the wall clock steps back. */
  private clock(): number {
    this.lastTouch = Math.max(this.now(), this.lastTouch);
    return this.lastTouch;
  }

  /** The entry, unless it has expired: then it is deleted now. */
  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.touched >= this.ttlMs) {
      this.remove(key);
      this.expiredCount++;
      return undefined;
    }
    return entry;
  }

  private touch(key: string, entry: Entry, now: number): void {
    entry.touched = now;
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.chars -= key.length + entry.json.length;
  }

  private evictOverflow(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.remove(oldest);
      this.evictedCount++;
    }
  }
}
