import type { Activity } from 'botbuilder';
import { randomToken, type IssuedToken, type Session, type StoredActivity, type StoreLimits } from './conversationStore';
import type { TokenSigner } from './tokenSigner';

/** Bounds of what this process keeps for chats while the shared store is down. */
export interface OutageLogLimits {
  /** Conversations kept at once; past it, the one written least recently goes. */
  maxConversations: number;
  /** Activities kept a conversation; the oldest go first. */
  maxActivitiesPerConversation: number;
  /** Bytes (JSON) kept a conversation; the oldest activities go first (the newest always stays). */
  maxConversationBytes: number;
  /** A conversation not written for this long is dropped: its parent has read it long ago. */
  keepMs: number;
}

export const DEFAULT_OUTAGE_LOG_LIMITS: OutageLogLimits = {
  maxConversations: 500,
  maxActivitiesPerConversation: 50,
  maxConversationBytes: 64 * 1024,
  keepMs: 30 * 60_000,
};

interface OutageConversation {
  started: boolean;
  nextSeq: number;
  lastWrite: number;
  bytes: number;
  readonly entries: Array<{ seq: number; bytes: number; activity: StoredActivity }>;
}

/**
 * What the built-in Direct Line does while the shared store (STORAGE=blob) cannot be reached, so a
 * parent's message is still read for red flags and the reply reaches the web chat: tokens are
 * recognised by their signature (TokenSigner) instead of the store, and what is said in the outage
 * (the parent's message, the advice, the apology) is kept in this process, bounded, for the client's
 * next polls. Nothing here is written to the store, so nothing stored is changed or overwritten:
 * when the store is back, the conversation carries on from its stored log and state. The limit: a
 * poll that reaches another instance does not see these replies (an instance that takes a post
 * usually takes the polls that follow, and the replies come back in the post's own turn-wait).
 */
export class OutageFallback {
  private readonly conversations = new Map<string, OutageConversation>();

  constructor(
    private readonly signer: TokenSigner,
    private readonly storeLimits: Pick<StoreLimits, 'tokenTtlMs' | 'maxConversationAgeMs'>,
    readonly limits: OutageLogLimits = DEFAULT_OUTAGE_LOG_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.conversations.size;
  }

  /**
   * The session a signed token opens, judged without the store: it lives tokenTtlMs from its issue at
   * most (the store may have cut it shorter, after a refresh, which cannot be known now).
   */
  authenticate(token: string): Session | undefined {
    const claims = this.signer.verify(token);
    if (!claims) return undefined;
    const now = this.now();
    const expiresAt = Math.min(claims.issuedAt + this.storeLimits.tokenTtlMs, claims.createdAt + this.storeLimits.maxConversationAgeMs);
    if (expiresAt <= now) return undefined;
    // A chat the store knows was started when its token was issued (Web Chat starts at once); one opened in the outage, only if started here.
    const started = claims.outage ? (this.conversations.get(claims.conversationId)?.started ?? false) : true;
    return {
      conversation: { id: claims.conversationId, userId: claims.userId, createdAt: claims.createdAt, started },
      token,
      expiresIn: Math.floor((expiresAt - now) / 1000),
      degraded: true,
    };
  }

  /** A token for a new chat while the store is down. The store never holds it, so once the store is back it gets 401 and the parent starts a new chat. */
  issue(): IssuedToken {
    const now = this.now();
    const conversationId = randomToken(18);
    const userId = `u_${randomToken(12)}`;
    const token = this.signer.sign({ conversationId, userId, createdAt: now, issuedAt: now, outage: true });
    return { conversationId, userId, token, expiresIn: Math.floor(this.storeLimits.tokenTtlMs / 1000) };
  }

  /** Marks a chat opened in the outage started; true only for the call that started it. */
  start(conversationId: string): boolean {
    const conversation = this.entry(conversationId);
    if (conversation.started) return false;
    conversation.started = true;
    return true;
  }

  /** Keeps activities for the client's polls, with ids `{conversationId}|o{seq}`, apart from the store's. */
  append(conversationId: string, activities: Array<Partial<Activity>>): StoredActivity[] {
    const conversation = this.entry(conversationId);
    conversation.lastWrite = this.now();
    const stored = activities.map((activity) => {
      const seq = conversation.nextSeq++;
      const item = JSON.parse(JSON.stringify({ ...activity, id: `${conversationId}|o${String(seq).padStart(7, '0')}` })) as StoredActivity;
      const bytes = Buffer.byteLength(JSON.stringify(item));
      conversation.entries.push({ seq, bytes, activity: item });
      conversation.bytes += bytes;
      return item;
    });
    while (
      conversation.entries.length > 1 &&
      (conversation.entries.length > this.limits.maxActivitiesPerConversation || conversation.bytes > this.limits.maxConversationBytes)
    ) {
      conversation.bytes -= conversation.entries.shift()!.bytes;
    }
    return stored;
  }

  /** Activities kept here after an outage watermark (0 for all) and the new one. */
  after(conversationId: string, watermark: number): { activities: StoredActivity[]; watermark: number } {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return { activities: [], watermark };
    return {
      activities: conversation.entries.filter((e) => e.seq > watermark).map((e) => e.activity),
      watermark: Math.max(watermark, conversation.nextSeq - 1),
    };
  }

  /** Drops conversations not written for keepMs. */
  sweep(): void {
    const before = this.now() - this.limits.keepMs;
    for (const [id, conversation] of this.conversations) {
      if (conversation.lastWrite <= before) this.conversations.delete(id);
    }
  }

  clear(): void {
    this.conversations.clear();
  }

  private entry(conversationId: string): OutageConversation {
    let conversation = this.conversations.get(conversationId);
    if (conversation) {
      // Most recently written last, so the first is the one to drop when full.
      this.conversations.delete(conversationId);
    } else {
      this.sweep();
      while (this.conversations.size >= this.limits.maxConversations) this.conversations.delete(this.conversations.keys().next().value!);
      conversation = { started: false, nextSeq: 1, lastWrite: this.now(), bytes: 0, entries: [] };
    }
    this.conversations.set(conversationId, conversation);
    return conversation;
  }
}
