import { createHash, randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';

/** Bounds on what the built-in Direct Line endpoint keeps. */
export interface StoreLimits {
  /** The life of a token whose conversation the parent has written in; Web Chat refreshes at half Azure's hour, so this must stay above 15 minutes. */
  tokenTtlMs: number;
  /**
   * The life of a token nobody has written with yet: shorter, so tokens taken and never used go first,
   * but past 15 minutes, when Web Chat first refreshes (a parent may read the welcome a while).
   */
  unusedTokenTtlMs: number;
  /** After a refresh the old token still works this long, for requests already on their way. */
  refreshGraceMs: number;
  /** A conversation is not refreshed past this age: the parent starts a new chat. */
  maxConversationAgeMs: number;
  /** Conversations a parent has written in, held at once (memory): the slots. */
  maxConversations: number;
  /** Slots one address (an IPv6 /64) may hold; past it, its own least recently written conversation goes. */
  maxConversationsPerAddress: number;
  /** Tokens not used yet, held at once (memory); past it, the oldest of the address holding the most go. */
  maxUnusedTokens: number;
  /** Unused tokens one address may hold; past it, its own oldest goes. */
  maxUnusedTokensPerAddress: number;
  /** Activities kept a conversation; older ones are dropped (clients have read them long ago). */
  maxActivitiesPerConversation: number;
  /** Bytes (JSON) kept a conversation; older activities are dropped to stay under. */
  maxConversationBytes: number;
  /** Over this, conversations the parent has not written in for `idleEvictMs` are dropped (memory). */
  maxTotalBytes: number;
  idleEvictMs: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = {
  tokenTtlMs: 30 * 60_000,
  unusedTokenTtlMs: 17 * 60_000,
  refreshGraceMs: 60_000,
  maxConversationAgeMs: 12 * 3_600_000,
  maxConversations: 2_000,
  maxConversationsPerAddress: 40,
  maxUnusedTokens: 5_000,
  maxUnusedTokensPerAddress: 30,
  maxActivitiesPerConversation: 200,
  maxConversationBytes: 128 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  idleEvictMs: 5 * 60_000,
};

export type StoredActivity = Partial<Activity> & { id: string };

/** What the endpoint knows of a conversation. */
export interface ConversationView {
  readonly id: string;
  /** Issued by the server and bound to the token: what the client says its id is does not matter. */
  readonly userId: string;
  readonly createdAt: number;
  started: boolean;
  locale?: string;
}

export interface Session {
  conversation: ConversationView;
  token: string;
  /** Seconds the token has left. */
  expiresIn: number;
  /** Opened with the store down, from the token's signature alone (OutageFallback): nothing is written to the store. */
  degraded?: true;
}

export interface IssuedToken {
  conversationId: string;
  token: string;
  /** Seconds, as Direct Line's expires_in. */
  expiresIn: number;
  userId: string;
}

/**
 * Tokens and conversation logs of the built-in Direct Line endpoint. A token is issued for a new
 * conversation; the conversation takes a slot (admit) only when the parent writes in it. Only writes
 * keep a conversation alive: polls read it and change nothing.
 */
export interface DirectLineStore {
  issue(address: string): Promise<IssuedToken>;
  /** The conversation a token opens, or undefined for an unknown or expired token. */
  authenticate(token: string): Promise<Session | undefined>;
  /** A fresh token for the same conversation; the old one keeps working for a short grace period. Undefined past the conversation's maximum age. */
  refresh(token: string, conversation: ConversationView): Promise<IssuedToken | undefined>;
  /** Marks the conversation started; true only for the call that started it. */
  start(conversation: ConversationView, locale?: string): Promise<boolean>;
  /** The parent wrote in it: it takes (or keeps) a slot, and its tokens get their full life. */
  admit(conversation: ConversationView, address: string): Promise<void>;
  /** Appends activities, giving each the id `{conversationId}|{seq}` Direct Line uses; trims old ones to the bounds. */
  append(conversationId: string, activities: Array<Partial<Activity>>): Promise<StoredActivity[]>;
  /** Activities after a watermark (a sequence number; -1 for all) and the new watermark. */
  after(conversationId: string, watermark: number): Promise<{ activities: StoredActivity[]; watermark: string }>;
  /** Drops what has expired. */
  sweep(): void | Promise<void>;
  clear(): void;
}

export class CapacityError extends Error {
  constructor() {
    super('The chat is busy.');
    this.name = 'CapacityError';
  }
}

/** 32 random bytes, URL-safe: the bearer secret a browser holds for one conversation. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

interface Entry {
  seq: number;
  activity: StoredActivity;
  bytes: number;
}

interface Conversation extends ConversationView {
  admitted: boolean;
  /** Who holds it: the address that took the token, then the one that wrote in it. */
  address: string;
  /** When the parent last wrote; polls do not count. */
  lastWrite: number;
  readonly entries: Entry[];
  nextSeq: number;
  bytes: number;
  /** Hashes of the tokens that open this conversation. */
  readonly tokens: Set<string>;
}

interface TokenRecord {
  conversationId: string;
  issuedAt: number;
  expiresAt: number;
}

/** Map of address to the ids it holds, oldest first. */
class Holdings {
  private readonly byAddress = new Map<string, Set<string>>();

  add(address: string, id: string): void {
    let ids = this.byAddress.get(address);
    if (!ids) this.byAddress.set(address, (ids = new Set()));
    ids.delete(id);
    ids.add(id);
  }

  remove(address: string, id: string): void {
    const ids = this.byAddress.get(address);
    if (!ids) return;
    ids.delete(id);
    if (ids.size === 0) this.byAddress.delete(address);
  }

  count(address: string): number {
    return this.byAddress.get(address)?.size ?? 0;
  }

  oldest(address: string): string | undefined {
    return this.byAddress.get(address)?.values().next().value;
  }

  /** The address holding the most (the first such, on a tie). */
  largest(): string | undefined {
    let best: string | undefined;
    let size = 0;
    for (const [address, ids] of this.byAddress) {
      if (ids.size > size) [best, size] = [address, ids.size];
    }
    return best;
  }

  clear(): void {
    this.byAddress.clear();
  }
}

/**
 * The built-in Direct Line's store in this process's memory (STORAGE=memory: one instance), bounded so
 * nobody can lock parents out: unused tokens live in a pool of their own with a short life; slots go
 * only to conversations a parent writes in; each address holds a bounded share of either; and when
 * the slots are full, a parent who writes takes one from idle conversations or else from the address
 * holding the most. Tokens are kept only as hashes. A conversation lives as long as one of its
 * tokens: when the last expires, the log (what the parent wrote) goes with it.
 */
export class ConversationStore implements DirectLineStore {
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly conversations = new Map<string, Conversation>();
  /** Admitted conversations, least recently written first. */
  private readonly admitted = new Map<string, Conversation>();
  private readonly unused = new Holdings();
  private readonly slots = new Holdings();
  private unusedCount = 0;
  private totalBytes = 0;

  constructor(
    readonly limits: StoreLimits = DEFAULT_STORE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): { conversations: number; slots: number; unused: number; tokens: number; bytes: number } {
    return { conversations: this.conversations.size, slots: this.admitted.size, unused: this.unusedCount, tokens: this.tokens.size, bytes: this.totalBytes };
  }

  /** Slots held by an address key (see http.addressKey). */
  slotsHeldBy(address: string): number {
    return this.slots.count(address);
  }

  async issue(address: string): Promise<IssuedToken> {
    if (this.unusedCount >= this.limits.maxUnusedTokens) this.sweep();
    while (this.unused.count(address) >= this.limits.maxUnusedTokensPerAddress) this.dropUnusedOf(address);
    while (this.unusedCount >= this.limits.maxUnusedTokens) this.dropUnusedOf(this.unused.largest()!);
    if (this.totalBytes >= this.limits.maxTotalBytes) this.evictIdle();
    if (this.totalBytes >= this.limits.maxTotalBytes) throw new CapacityError();
    const now = this.now();
    const conversation: Conversation = {
      id: randomToken(18),
      userId: `u_${randomToken(12)}`,
      createdAt: now,
      started: false,
      admitted: false,
      address,
      lastWrite: now,
      entries: [],
      nextSeq: 1,
      bytes: 0,
      tokens: new Set(),
    };
    this.conversations.set(conversation.id, conversation);
    this.unused.add(address, conversation.id);
    this.unusedCount++;
    return this.addToken(conversation, now + this.limits.unusedTokenTtlMs);
  }

  async authenticate(token: string): Promise<Session | undefined> {
    const hash = hashToken(token);
    const record = this.tokens.get(hash);
    if (!record) return undefined;
    const now = this.now();
    if (record.expiresAt <= now) {
      this.dropToken(hash);
      return undefined;
    }
    const conversation = this.conversations.get(record.conversationId);
    if (!conversation) {
      this.tokens.delete(hash);
      return undefined;
    }
    return { conversation, token, expiresIn: Math.max(0, Math.floor((record.expiresAt - now) / 1000)) };
  }

  async refresh(token: string, view: ConversationView): Promise<IssuedToken | undefined> {
    const conversation = this.conversations.get(view.id);
    const now = this.now();
    if (!conversation || now - conversation.createdAt >= this.limits.maxConversationAgeMs) return undefined;
    const old = this.tokens.get(hashToken(token));
    if (old) old.expiresAt = Math.min(old.expiresAt, now + this.limits.refreshGraceMs);
    return this.addToken(conversation, now + (conversation.admitted ? this.limits.tokenTtlMs : this.limits.unusedTokenTtlMs));
  }

  async start(view: ConversationView, locale?: string): Promise<boolean> {
    const conversation = this.conversations.get(view.id);
    if (!conversation || conversation.started) return false;
    conversation.started = true;
    if (locale) conversation.locale = locale;
    return true;
  }

  async admit(view: ConversationView, address: string): Promise<void> {
    const conversation = this.conversations.get(view.id);
    if (!conversation) return;
    const now = this.now();
    conversation.lastWrite = now;
    if (conversation.admitted) {
      this.admitted.delete(conversation.id);
      this.admitted.set(conversation.id, conversation);
      this.slots.add(conversation.address, conversation.id);
      return;
    }
    this.unused.remove(conversation.address, conversation.id);
    this.unusedCount--;
    conversation.address = address;
    while (this.slots.count(address) >= this.limits.maxConversationsPerAddress) this.dropConversation(this.conversations.get(this.slots.oldest(address)!)!);
    if (this.admitted.size >= this.limits.maxConversations) this.evictIdle();
    while (this.admitted.size >= this.limits.maxConversations) {
      const holder = this.slots.largest()!;
      this.dropConversation(this.conversations.get(this.slots.oldest(holder)!)!);
    }
    conversation.admitted = true;
    this.admitted.set(conversation.id, conversation);
    this.slots.add(address, conversation.id);
    for (const hash of conversation.tokens) {
      const record = this.tokens.get(hash);
      if (record) record.expiresAt = Math.max(record.expiresAt, record.issuedAt + this.limits.tokenTtlMs);
    }
  }

  async append(conversationId: string, activities: Array<Partial<Activity>>): Promise<StoredActivity[]> {
    const conversation = this.conversations.get(conversationId);
    // Dropped meanwhile (expired or evicted): nobody can read it any more.
    if (!conversation) return [];
    const stored = activities.map((activity) => {
      const seq = conversation.nextSeq++;
      const item: StoredActivity = { ...activity, id: `${conversation.id}|${String(seq).padStart(7, '0')}` };
      const bytes = Buffer.byteLength(JSON.stringify(item));
      conversation.entries.push({ seq, activity: item, bytes });
      this.addBytes(conversation, bytes);
      return item;
    });
    // Always keep the newest activity, even one larger than the bound on its own.
    while (
      conversation.entries.length > 1 &&
      (conversation.entries.length > this.limits.maxActivitiesPerConversation || conversation.bytes > this.limits.maxConversationBytes)
    ) {
      const dropped = conversation.entries.shift()!;
      this.addBytes(conversation, -dropped.bytes);
    }
    if (this.totalBytes > this.limits.maxTotalBytes) this.evictIdle(conversation);
    return stored;
  }

  async after(conversationId: string, watermark: number): Promise<{ activities: StoredActivity[]; watermark: string }> {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return { activities: [], watermark: String(Math.max(0, watermark)) };
    const activities = conversation.entries.filter((e) => e.seq > watermark).map((e) => e.activity);
    return { activities, watermark: String(conversation.nextSeq - 1) };
  }

  sweep(): void {
    const now = this.now();
    for (const [hash, record] of this.tokens) {
      if (record.expiresAt <= now) this.dropToken(hash);
    }
  }

  clear(): void {
    this.tokens.clear();
    this.conversations.clear();
    this.admitted.clear();
    this.unused.clear();
    this.slots.clear();
    this.unusedCount = 0;
    this.totalBytes = 0;
  }

  private addToken(conversation: Conversation, expiresAt: number): IssuedToken {
    const token = randomToken();
    const hash = hashToken(token);
    const now = this.now();
    this.tokens.set(hash, { conversationId: conversation.id, issuedAt: now, expiresAt });
    conversation.tokens.add(hash);
    return { conversationId: conversation.id, token, expiresIn: Math.floor((expiresAt - now) / 1000), userId: conversation.userId };
  }

  private dropToken(hash: string): void {
    const record = this.tokens.get(hash);
    this.tokens.delete(hash);
    if (!record) return;
    const conversation = this.conversations.get(record.conversationId);
    if (!conversation) return;
    conversation.tokens.delete(hash);
    if (conversation.tokens.size === 0) this.dropConversation(conversation);
  }

  private dropUnusedOf(address: string): void {
    const id = this.unused.oldest(address);
    const conversation = id === undefined ? undefined : this.conversations.get(id);
    if (conversation) this.dropConversation(conversation);
    else if (id !== undefined) this.unused.remove(address, id);
  }

  private dropConversation(conversation: Conversation): void {
    if (this.conversations.get(conversation.id) !== conversation) return;
    for (const hash of conversation.tokens) this.tokens.delete(hash);
    conversation.tokens.clear();
    this.totalBytes -= conversation.bytes;
    this.conversations.delete(conversation.id);
    if (conversation.admitted) {
      this.admitted.delete(conversation.id);
      this.slots.remove(conversation.address, conversation.id);
    } else {
      this.unused.remove(conversation.address, conversation.id);
      this.unusedCount--;
    }
    conversation.entries.length = 0;
    conversation.bytes = 0;
  }

  private addBytes(conversation: Conversation, bytes: number): void {
    conversation.bytes += bytes;
    if (this.conversations.get(conversation.id) === conversation) this.totalBytes += bytes;
  }

  /** Drops admitted conversations not written in for idleEvictMs, least recently written first, until back under the bounds. */
  private evictIdle(keep?: Conversation): void {
    const idleBefore = this.now() - this.limits.idleEvictMs;
    for (const conversation of [...this.admitted.values()]) {
      const over = this.admitted.size >= this.limits.maxConversations || this.totalBytes > this.limits.maxTotalBytes;
      if (!over || conversation.lastWrite > idleBefore) break;
      if (conversation !== keep) this.dropConversation(conversation);
    }
  }
}
