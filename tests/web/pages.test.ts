import { gunzipSync } from 'node:zlib';
import { startWebChatServer, type WebChatServer } from './webChatServer';

function directives(policy: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

/** The local URLs a page refers to in src= and href=. */
function localUrls(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/[^"]*)"/g)].map((m) => m[1].replace(/&#38;/g, '&'));
}

describe('the pages', () => {
  let server: WebChatServer;
  const ALLOWED = 'https://www.clinic.example.org';
  beforeAll(async () => {
    server = await startWebChatServer({
      CLINIC_NAME: 'Riverside <script>alert("x")</script> & Co',
      CLINIC_PHONE: '+1 555 010 0199',
      CLINIC_COLOR: '#ffd700',
      WEBCHAT_ALLOWED_ORIGINS: ALLOWED,
      MAX_MESSAGE_CHARS: '1500',
    });
  });
  afterAll(() => server.stop());

  it('serves the clinic page with a strict CSP and no framing', async () => {
    const res = await fetch(`${server.baseUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    const styles = csp.get('style-src') ?? [];
    expect(styles).not.toContain("'unsafe-inline'");
    expect(styles.some((s) => s.startsWith("'nonce-"))).toBe(true);
    expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('has no inline script or style of its own, and loads the launcher from /embed.js', async () => {
    for (const path of ['/', '/chat']) {
      const html = await (await fetch(`${server.baseUrl}${path}`)).text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html).not.toMatch(/<style/i);
      expect(html).not.toMatch(/\sstyle=/i);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    }
    expect(await (await fetch(`${server.baseUrl}/`)).text()).toContain('<script src="/embed.js" async></script>');
  });

  it('escapes everything from config in the page', async () => {
    const html = await (await fetch(`${server.baseUrl}/`)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('Riverside &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; Co');
    expect(html).toContain('href="tel:+15550100199"');
    const chat = await (await fetch(`${server.baseUrl}/chat`)).text();
    expect(chat).not.toContain('<script>alert');
    expect(chat).toContain('data-max-chars="1500"');
    const embed = await (await fetch(`${server.baseUrl}/embed.js`)).text();
    expect(embed).not.toContain('<script>alert');
    expect(embed).toContain('\\u003cscript\\u003ealert');
  });

  it('uses a fresh nonce for every response', async () => {
    const nonceOf = async () => /'nonce-([^']+)'/.exec((await fetch(`${server.baseUrl}/chat`)).headers.get('content-security-policy') ?? '')?.[1];
    const [a, b] = [await nonceOf(), await nonceOf()];
    expect(a).toMatch(/^[A-Za-z0-9+/]{24}$/);
    expect(a).not.toBe(b);
    const res = await fetch(`${server.baseUrl}/chat`);
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(await res.text()).toContain(`nonce="${nonce}"`);
  });

  it('lets allowed origins frame the chat page, and nobody else', async () => {
    const res = await fetch(`${server.baseUrl}/chat`);
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('frame-ancestors')).toEqual(["'self'", ALLOWED]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(res.headers.get('x-frame-options')).toBeNull();
  });

  it('serves Web Chat from node_modules (no CDN), cacheable and compressed', async () => {
    const html = await (await fetch(`${server.baseUrl}/chat`)).text();
    const bundle = /src="(\/assets\/webchat-[0-9.]+\.js)"/.exec(html)?.[1];
    expect(bundle).toBeDefined();
    const res = await fetch(`${server.baseUrl}${bundle}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await res.text()).length).toBeGreaterThan(1_000_000);
  });

  it('serves every file the pages refer to, with a content type and a cache policy', async () => {
    const urls = new Set<string>();
    for (const path of ['/', '/chat']) for (const url of localUrls(await (await fetch(`${server.baseUrl}${path}`)).text())) urls.add(url);
    expect(urls.size).toBeGreaterThanOrEqual(6);
    for (const url of urls) {
      const res = await fetch(`${server.baseUrl}${url}`);
      expect([url, res.status]).toEqual([url, 200]);
      expect(res.headers.get('content-type')).toMatch(/text\/(css|javascript)/);
      expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    }
    expect((await fetch(`${server.baseUrl}/assets/../package.json`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/assets/nope.js`)).status).toBe(404);
  });

  it('serves /embed.js to other origins, briefly cached, with a 304 for an unchanged copy', async () => {
    const res = await fetch(`${server.baseUrl}/embed.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const etag = res.headers.get('etag')!;
    const again = await fetch(`${server.baseUrl}/embed.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const raw = await fetch(`${server.baseUrl}/embed.js`, { headers: { 'accept-encoding': 'gzip' } }).then((r) => r.arrayBuffer());
    expect(Buffer.from(raw).toString('utf8')).toContain('Questions about leaking?');
  });

  it('keeps light clinic colours readable: dark text on the colour, a darker accent on white', async () => {
    const css = await (await fetch(`${server.baseUrl}/theme.css`)).text();
    expect(css).toContain('--clinic-color: #ffd700');
    expect(css).toContain('--clinic-ink: #000000');
    const accent = /--clinic-accent: (#[0-9a-f]{6})/.exec(css)?.[1];
    expect(accent).toBeDefined();
    expect(accent).not.toBe('#ffd700');
  });

  it('gzips only for clients that ask', async () => {
    const http = await import('node:http');
    const body = await new Promise<Buffer>((resolve, reject) => {
      http
        .get(`${server.baseUrl}/embed.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          expect(res.headers['content-encoding']).toBe('gzip');
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        })
        .on('error', reject);
    });
    expect(gunzipSync(body).toString('utf8')).toContain('leakbot');
  });
});
