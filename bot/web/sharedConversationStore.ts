import type { Activity, Storage, StoreItem } from 'botbuilder';
import { classifyStorageError } from '../storage/errors';
import {
  DEFAULT_STORE_LIMITS,
  hashToken,
  randomToken,
  type ConversationView,
  type DirectLineStore,
  type IssuedToken,
  type Session,
  type StoreLimits,
  type StoredActivity,
} from './conversationStore';
import { TokenSigner } from './tokenSigner';

/** Keys in the shared store; "<prefix>/conversations/..." is what the blob sweeper deletes when idle past STATE_TTL_HOURS. */
const PREFIX = 'directline';
const tokenKey = (hash: string) => `${PREFIX}/tokens/${hash}`;
const conversationKey = (id: string) => `${PREFIX}/conversations/${id}`;

interface TokenDocument extends StoreItem {
  conversationId: string;
  issuedAt: number;
  /** Set when the token was refreshed: it works until then (the grace period) at most. */
  retiredAt?: number;
}

interface ConversationDocument extends StoreItem {
  id: string;
  userId: string;
  createdAt: number;
  started: boolean;
  locale?: string;
  admitted: boolean;
  lastWrite: number;
  /** The latest expiry of its tokens: past it, the conversation (and what the parent wrote) is deleted. */
  expiresAt: number;
  nextSeq: number;
  entries: Array<{ seq: number; bytes: number; activity: StoredActivity }>;
  bytes: number;
}

/** Tries an optimistic read-change-write this many times when another instance wrote in between. */
const WRITE_ATTEMPTS = 8;

/**
 * The built-in Direct Line's tokens and conversation logs in the shared state store (STORAGE=blob),
 * so every instance behind a load balancer serves every request: a token issued by one opens the
 * conversation on another, and a reply appended by one is polled from another. Writes to a
 * conversation are optimistic (eTag) and retried when two instances write at once. Unused tokens
 * expire fast and only writes extend a conversation's life; the store is not this process's memory,
 * so there is no slot count (the per-address rate limits bound what one address can create), and
 * what expires is deleted when found and otherwise by the store's idle sweep.
 */
export class SharedConversationStore implements DirectLineStore {
  constructor(
    private readonly storage: Storage,
    readonly limits: StoreLimits = DEFAULT_STORE_LIMITS,
    private readonly now: () => number = Date.now,
    /** Signs tokens so that, with the store down, an instance can still tell whose they are (see OutageFallback). */
    private readonly signer: TokenSigner = new TokenSigner(),
  ) {}

  async issue(_address: string): Promise<IssuedToken> {
    const now = this.now();
    const conversation: ConversationDocument = {
      id: randomToken(18),
      userId: `u_${randomToken(12)}`,
      createdAt: now,
      started: false,
      admitted: false,
      lastWrite: now,
      expiresAt: now + this.limits.unusedTokenTtlMs,
      nextSeq: 1,
      entries: [],
      bytes: 0,
      eTag: '*',
    };
    const { token, hash, record } = this.newToken(conversation);
    await this.storage.write({ [conversationKey(conversation.id)]: conversation, [tokenKey(hash)]: record });
    return this.issued(conversation, token, record);
  }

  async authenticate(token: string): Promise<Session | undefined> {
    const hash = hashToken(token);
    const record = (await this.storage.read([tokenKey(hash)]))[tokenKey(hash)] as TokenDocument | undefined;
    if (!record) return undefined;
    const now = this.now();
    const key = conversationKey(record.conversationId);
    const conversation = (await this.storage.read([key]))[key] as ConversationDocument | undefined;
    const expiresAt = conversation ? this.tokenExpiry(record, conversation) : 0;
    if (!conversation || expiresAt <= now) {
      // Found expired: deleted now, with the conversation (what the parent wrote) once none of its tokens works.
      const gone = [tokenKey(hash), ...(conversation && conversation.expiresAt <= now ? [key] : [])];
      await this.storage.delete(gone);
      return undefined;
    }
    return { conversation: this.view(conversation), token, expiresIn: Math.max(0, Math.floor((expiresAt - now) / 1000)) };
  }

  async refresh(token: string, view: ConversationView): Promise<IssuedToken | undefined> {
    const now = this.now();
    if (now - view.createdAt >= this.limits.maxConversationAgeMs) return undefined;
    const issued = this.newToken(view);
    const updated = await this.change(view.id, (c) => {
      c.expiresAt = Math.max(c.expiresAt, this.tokenExpiry(issued.record, c));
    });
    if (!updated) return undefined;
    const oldKey = tokenKey(hashToken(token));
    const old = (await this.storage.read([oldKey]))[oldKey] as TokenDocument | undefined;
    const changes: Record<string, StoreItem> = { [tokenKey(issued.hash)]: issued.record };
    if (old) changes[oldKey] = { ...old, retiredAt: Math.min(old.retiredAt ?? Infinity, now + this.limits.refreshGraceMs), eTag: '*' };
    await this.storage.write(changes);
    return this.issued(updated, issued.token, issued.record);
  }

  async start(view: ConversationView, locale?: string): Promise<boolean> {
    let started = false;
    await this.change(view.id, (c) => {
      if (c.started) return false;
      c.started = started = true;
      if (locale) c.locale = locale;
    });
    return started;
  }

  async admit(view: ConversationView, _address: string): Promise<void> {
    const now = this.now();
    await this.change(view.id, (c) => {
      c.lastWrite = now;
      if (!c.admitted) c.admitted = true;
      // Its tokens now live tokenTtlMs from their issue (tokenExpiry); the conversation at least as long.
      c.expiresAt = Math.max(c.expiresAt, now + this.limits.tokenTtlMs);
    });
  }

  async append(conversationId: string, activities: Array<Partial<Activity>>): Promise<StoredActivity[]> {
    let stored: StoredActivity[] = [];
    await this.change(conversationId, (c) => {
      stored = activities.map((activity) => {
        const seq = c.nextSeq++;
        // Through JSON, as it will be read back: dates become strings, undefined fields go.
        const item = JSON.parse(JSON.stringify({ ...activity, id: `${c.id}|${String(seq).padStart(7, '0')}` })) as StoredActivity;
        const bytes = Buffer.byteLength(JSON.stringify(item));
        c.entries.push({ seq, bytes, activity: item });
        c.bytes += bytes;
        return item;
      });
      while (c.entries.length > 1 && (c.entries.length > this.limits.maxActivitiesPerConversation || c.bytes > this.limits.maxConversationBytes)) {
        c.bytes -= c.entries.shift()!.bytes;
      }
    });
    return stored;
  }

  async after(conversationId: string, watermark: number): Promise<{ activities: StoredActivity[]; watermark: string }> {
    const conversation = await this.conversation(conversationId);
    if (!conversation) return { activities: [], watermark: String(Math.max(0, watermark)) };
    return { activities: conversation.entries.filter((e) => e.seq > watermark).map((e) => e.activity), watermark: String(conversation.nextSeq - 1) };
  }

  /** The state store's own idle sweep deletes what is left behind. */
  sweep(): void {}

  clear(): void {}

  private view(c: ConversationDocument): ConversationView {
    return { id: c.id, userId: c.userId, createdAt: c.createdAt, started: c.started, locale: c.locale };
  }

  private newToken(conversation: Pick<ConversationView, 'id' | 'userId' | 'createdAt'>): { token: string; hash: string; record: TokenDocument } {
    const issuedAt = this.now();
    const token = this.signer.sign({ conversationId: conversation.id, userId: conversation.userId, createdAt: conversation.createdAt, issuedAt, outage: false });
    return { token, hash: hashToken(token), record: { conversationId: conversation.id, issuedAt, eTag: '*' } };
  }

  /** A token lives unusedTokenTtlMs until the parent writes in its conversation, tokenTtlMs after; a refreshed one only its grace period. */
  private tokenExpiry(record: TokenDocument, conversation: ConversationDocument): number {
    const life = record.issuedAt + (conversation.admitted ? this.limits.tokenTtlMs : this.limits.unusedTokenTtlMs);
    return Math.min(life, record.retiredAt ?? Infinity);
  }

  private issued(conversation: ConversationDocument, token: string, record: TokenDocument): IssuedToken {
    return { conversationId: conversation.id, token, userId: conversation.userId, expiresIn: Math.floor((this.tokenExpiry(record, conversation) - this.now()) / 1000) };
  }

  private async conversation(id: string): Promise<ConversationDocument | undefined> {
    const found = (await this.storage.read([conversationKey(id)]))[conversationKey(id)] as ConversationDocument | undefined;
    return found && found.expiresAt > this.now() ? found : undefined;
  }

  /**
   * Reads a conversation, lets `edit` change it (returning false to leave it as it is) and writes it
   * back on condition that nobody wrote it meanwhile; retries when somebody did. Undefined when the
   * conversation is gone or expired.
   */
  private async change(id: string, edit: (c: ConversationDocument) => void | false): Promise<ConversationDocument | undefined> {
    for (let attempt = 1; ; attempt++) {
      const conversation = await this.conversation(id);
      if (!conversation) return undefined;
      if (edit(conversation) === false) return conversation;
      try {
        await this.storage.write({ [conversationKey(id)]: conversation });
        return conversation;
      } catch (err) {
        if (classifyStorageError(err) !== 'conflict' || attempt >= WRITE_ATTEMPTS) throw err;
        // A random pause, growing, so writers that collided do not collide again in step.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }
}
