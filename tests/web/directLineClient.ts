/** What DirectLineJS sends, as plain fetch calls, for the HTTP tests of the built-in endpoint. */

export interface TokenBody {
  conversationId: string;
  token: string;
  expires_in: number;
}

export interface ActivityBody {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role?: string };
  replyToId?: string;
  channelId?: string;
  channelData?: Record<string, unknown>;
  suggestedActions?: { actions: Array<{ title: string; value: string }> };
  attachments?: unknown[];
}

export interface ActivitySet {
  activities: ActivityBody[];
  watermark: string;
}

export class DirectLineClient {
  constructor(
    readonly baseUrl: string,
    public token = '',
    readonly headers: Record<string, string> = {},
  ) {}

  private url(path: string): string {
    return `${this.baseUrl}/v3/directline${path}`;
  }

  private auth(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), 'x-ms-bot-agent': 'DirectLine/3.0 (directlinejs 0.15.5)', ...this.headers, ...extra };
  }

  generate(extra: Record<string, string> = {}): Promise<Response> {
    return fetch(this.url('/tokens/generate'), { method: 'POST', headers: { ...this.headers, ...extra } });
  }

  start(extra: Record<string, string> = {}): Promise<Response> {
    return fetch(this.url('/conversations'), {
      method: 'POST',
      headers: this.auth({ 'content-type': 'application/json', accept: 'application/json', ...extra }),
      body: JSON.stringify({ user: { id: 'r_client_chosen' }, locale: 'en-US' }),
    });
  }

  post(conversationId: string, activity: Record<string, unknown>, extra: Record<string, string> = {}): Promise<Response> {
    return fetch(this.url(`/conversations/${encodeURIComponent(conversationId)}/activities`), {
      method: 'POST',
      headers: this.auth({ 'content-type': 'application/json', ...extra }),
      body: JSON.stringify(activity),
    });
  }

  poll(conversationId: string, watermark = '', extra: Record<string, string> = {}): Promise<Response> {
    return fetch(this.url(`/conversations/${encodeURIComponent(conversationId)}/activities?watermark=${watermark}`), {
      headers: this.auth({ accept: 'application/json', ...extra }),
    });
  }

  refresh(extra: Record<string, string> = {}): Promise<Response> {
    return fetch(this.url('/tokens/refresh'), { method: 'POST', headers: this.auth(extra) });
  }

  /** generate + start, as Web Chat does; returns the conversation id. */
  async open(): Promise<string> {
    const generated = await this.generate();
    if (generated.status !== 200) throw new Error(`tokens/generate: HTTP ${generated.status}`);
    const body = (await generated.json()) as TokenBody;
    this.token = body.token;
    const started = await this.start();
    if (started.status !== 201) throw new Error(`conversations: HTTP ${started.status}`);
    return body.conversationId;
  }

  async say(conversationId: string, text: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await this.post(conversationId, { type: 'message', text, from: { id: 'r_client_chosen', role: 'user' }, ...extra });
    if (res.status !== 200) throw new Error(`post: HTTP ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  }

  async activities(conversationId: string, watermark = ''): Promise<ActivitySet> {
    const res = await this.poll(conversationId, watermark);
    if (res.status !== 200) throw new Error(`poll: HTTP ${res.status}`);
    return (await res.json()) as ActivitySet;
  }
}
