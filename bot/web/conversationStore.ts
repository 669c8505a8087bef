import { createHash, randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';

/** Bounds on what the built-in Direct Line endpoint keeps in memory. */
export interface StoreLimits {
  /** A token's life; Web Chat refreshes at half Azure's hour, so this must stay above 15 minutes. */
  tokenTtlMs: number;
  /** After a refresh the old token still works this long, for requests already on their way. */
  refreshGraceMs: number;
  /** A conversation is not refreshed past this age: the parent starts a new chat. */
  maxConversationAgeMs: number;
  /** Conversations held at once (started or not). */
  maxConversations: number;
  /** Activities kept a conversation; older ones are dropped (clients have read them long ago). */
  maxActivitiesPerConversation: number;
  /** Bytes (JSON) kept a conversation; older activities are dropped to stay under. */
  maxConversationBytes: number;
  /** Over this, conversations idle for `idleEvictMs` are dropped, and new ones refused until there is room. */
  maxTotalBytes: number;
  idleEvictMs: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = {
  tokenTtlMs: 30 * 60_000,
  refreshGraceMs: 60_000,
  maxConversationAgeMs: 12 * 3_600_000,
  maxConversations: 2_000,
  maxActivitiesPerConversation: 200,
  maxConversationBytes: 128 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  idleEvictMs: 5 * 60_000,
};

export type StoredActivity = Partial<Activity> & { id: string };

interface Entry {
  seq: number;
  activity: StoredActivity;
  bytes: number;
}

export interface Conversation {
  readonly id: string;
  /** Issued by the server and bound to the token: what the client says its id is does not matter. */
  readonly userId: string;
  readonly createdAt: number;
  lastActive: number;
  started: boolean;
  locale?: string;
  /** Turns run one after another, so conversation state is never saved by two turns at once. */
  queue: Promise<void>;
  readonly entries: Entry[];
  nextSeq: number;
  bytes: number;
  /** Hashes of the tokens that open this conversation. */
  readonly tokens: Set<string>;
}

interface TokenRecord {
  conversationId: string;
  expiresAt: number;
}

export interface IssuedToken {
  conversationId: string;
  token: string;
  /** Seconds, as Direct Line's expires_in. */
  expiresIn: number;
  userId: string;
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

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * Tokens and conversation logs for the built-in Direct Line endpoint, in memory and bounded. Tokens
 * are kept only as hashes. A conversation lives as long as one of its tokens: when the last expires,
 * the log (what the parent wrote) goes with it.
 */
export class ConversationStore {
  private readonly tokens = new Map<string, TokenRecord>();
  /** In least-recently-active order (touched entries are moved to the end). */
  private readonly conversations = new Map<string, Conversation>();
  private totalBytes = 0;

  constructor(
    readonly limits: StoreLimits = DEFAULT_STORE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): { conversations: number; tokens: number; bytes: number } {
    return { conversations: this.conversations.size, tokens: this.tokens.size, bytes: this.totalBytes };
  }

  /** A new conversation and its first token. Throws CapacityError when full of active conversations. */
  issue(): IssuedToken {
    this.sweep();
    if (this.conversations.size >= this.limits.maxConversations || this.totalBytes >= this.limits.maxTotalBytes) {
      this.evictIdle();
    }
    if (this.conversations.size >= this.limits.maxConversations || this.totalBytes >= this.limits.maxTotalBytes) {
      throw new CapacityError();
    }
    const now = this.now();
    const conversation: Conversation = {
      id: randomToken(18),
      userId: `u_${randomToken(12)}`,
      createdAt: now,
      lastActive: now,
      started: false,
      queue: Promise.resolve(),
      entries: [],
      nextSeq: 1,
      bytes: 0,
      tokens: new Set(),
    };
    this.conversations.set(conversation.id, conversation);
    return this.addToken(conversation);
  }

  /** The conversation a token opens, or undefined for an unknown or expired token. */
  authenticate(token: string): Conversation | undefined {
    const hash = hashToken(token);
    const record = this.tokens.get(hash);
    if (!record) return undefined;
    if (record.expiresAt <= this.now()) {
      this.dropToken(hash);
      return undefined;
    }
    const conversation = this.conversations.get(record.conversationId);
    if (!conversation) {
      this.tokens.delete(hash);
      return undefined;
    }
    this.touch(conversation);
    return conversation;
  }

  /** A fresh token for the same conversation; the old one keeps working for a short grace period. Undefined past the conversation's maximum age. */
  refresh(token: string, conversation: Conversation): IssuedToken | undefined {
    if (this.now() - conversation.createdAt >= this.limits.maxConversationAgeMs) return undefined;
    const old = this.tokens.get(hashToken(token));
    if (old) old.expiresAt = Math.min(old.expiresAt, this.now() + this.limits.refreshGraceMs);
    return this.addToken(conversation);
  }

  /** The token's remaining life, in seconds. */
  secondsLeft(token: string): number {
    const record = this.tokens.get(hashToken(token));
    return record ? Math.max(0, Math.floor((record.expiresAt - this.now()) / 1000)) : 0;
  }

  /** Appends an activity, giving it the id `{conversationId}|{seq}` Direct Line uses; trims old ones to the bounds. */
  append(conversation: Conversation, activity: Partial<Activity>): StoredActivity {
    const seq = conversation.nextSeq++;
    const stored: StoredActivity = { ...activity, id: `${conversation.id}|${String(seq).padStart(7, '0')}` };
    const bytes = Buffer.byteLength(JSON.stringify(stored));
    conversation.entries.push({ seq, activity: stored, bytes });
    this.addBytes(conversation, bytes);
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

  /** Activities after a watermark (a sequence number; -1 for all) and the new watermark. */
  after(conversation: Conversation, watermark: number): { activities: StoredActivity[]; watermark: string } {
    const activities = conversation.entries.filter((e) => e.seq > watermark).map((e) => e.activity);
    return { activities, watermark: String(conversation.nextSeq - 1) };
  }

  /** Drops expired tokens, and conversations with no token left. */
  sweep(): void {
    const now = this.now();
    for (const [hash, record] of this.tokens) {
      if (record.expiresAt <= now) this.dropToken(hash);
    }
  }

  clear(): void {
    this.tokens.clear();
    this.conversations.clear();
    this.totalBytes = 0;
  }

  private addToken(conversation: Conversation): IssuedToken {
    const token = randomToken();
    const hash = hashToken(token);
    this.tokens.set(hash, { conversationId: conversation.id, expiresAt: this.now() + this.limits.tokenTtlMs });
    conversation.tokens.add(hash);
    return { conversationId: conversation.id, token, expiresIn: Math.floor(this.limits.tokenTtlMs / 1000), userId: conversation.userId };
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

  private dropConversation(conversation: Conversation): void {
    if (this.conversations.get(conversation.id) !== conversation) return;
    for (const hash of conversation.tokens) this.tokens.delete(hash);
    conversation.tokens.clear();
    this.totalBytes -= conversation.bytes;
    this.conversations.delete(conversation.id);
    // A turn still running for it appends to a detached object, which is then collected.
    conversation.entries.length = 0;
    conversation.bytes = 0;
  }

  private addBytes(conversation: Conversation, bytes: number): void {
    conversation.bytes += bytes;
    if (this.conversations.get(conversation.id) === conversation) this.totalBytes += bytes;
  }

  private touch(conversation: Conversation): void {
    conversation.lastActive = this.now();
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
  }

  /** Drops the least recently active conversations idle for idleEvictMs until back under the bounds. */
  private evictIdle(keep?: Conversation): void {
    const idleBefore = this.now() - this.limits.idleEvictMs;
    for (const conversation of [...this.conversations.values()]) {
      const over = this.conversations.size >= this.limits.maxConversations || this.totalBytes > this.limits.maxTotalBytes;
      if (!over || conversation.lastActive > idleBefore) break;
      if (conversation !== keep) this.dropConversation(conversation);
    }
  }
}
