import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { Request, Response, Server } from 'restify';
import { projectRoot } from '../../core/projectRoot';
import { telLink } from '../render';
import type { AppConfig } from '../config';
import type { Theme } from './theme';

const gzipAsync = promisify(gzip);

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is also safe inside a script file or an HTML attribute: no `<`, `>`, `&` or line separators. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface Asset {
  body: Buffer;
  type: string;
  hash: string;
  gzipped?: Promise<Buffer>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

function typeOf(name: string): string {
  return TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
}

function hashOf(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 16);
}

/** Microsoft's Web Chat browser bundle, from node_modules (never a CDN). */
export function findWebChatBundle(): { path: string; version: string } {
  let dir = dirname(require.resolve('botframework-webchat'));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'botframework-webchat') return { path: join(dir, 'dist', 'webchat.js'), version: pkg.version ?? 'unknown' };
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('botframework-webchat is not installed');
    dir = parent;
  }
}

export interface ContentSecurityOptions {
  nonce: string;
  /** Extra connect-src entries (Azure Direct Line when a secret is configured). */
  connect: string[];
  /** frame-ancestors: "'none'" for the clinic page; "'self'" plus allowed origins for the chat frame. */
  frameAncestors: string[];
  /** frame-src: the clinic page frames /chat through its own launcher. */
  frames: boolean;
}

/** sha256 of the empty string: allows empty <style> elements, and nothing else inline. */
export const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * The pages' policy. Scripts only from this server, and no eval: the bundle's `Function("return this")`
 * probes sit in try/catch and fall back to globalThis. Styles: Web Chat writes its CSS with emotion,
 * which adds an empty <style> element and fills it through the CSSOM (insertRule), which CSP does not
 * govern. Web Chat's own elements carry the page's nonce (renderWebChat's `nonce`), but 4.18's
 * transcript creates react-scroll-to-bottom's without it, so the hash of the empty string is allowed
 * too: an injected <style> with any content still cannot apply. No 'unsafe-inline', no 'unsafe-eval'
 * (tests/browser fails on any violation).
 */
export function contentSecurityPolicy(options: ContentSecurityOptions): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${options.nonce}' ${EMPTY_STYLE_HASH}`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    `connect-src ${["'self'", ...options.connect].join(' ')}`,
    options.frames ? "frame-src 'self'" : undefined,
    `frame-ancestors ${options.frameAncestors.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ]
    .filter((d): d is string => d !== undefined)
    .join('; ');
}

export interface PagesOptions {
  config: AppConfig;
  theme: Theme;
  /** Origins (besides this server) allowed to frame /chat. */
  frameOrigins: string[];
  /** Azure Direct Line origin when a secret is configured: pages may connect there. */
  azureOrigin?: string;
  webRoot?: string;
}

const STATIC_FILES = ['site.css', 'chat.css', 'embed.css', 'chat.js'];

/**
 * The clinic demo page (/), the chat-only page for the embed's frame (/chat), /embed.js, /theme.css
 * and the static files under /assets/. HTML is rendered once at start with everything from config
 * escaped; only the CSP nonce changes per response.
 */
export class WebPages {
  private readonly assets = new Map<string, Asset>();
  private readonly webchatName: string;
  private readonly templates: { index: string; chat: string };
  private readonly embed: Asset;
  private readonly themeCss: Asset;

  constructor(private readonly options: PagesOptions) {
    const webRoot = options.webRoot ?? join(projectRoot(), 'web');
    for (const name of STATIC_FILES) {
      const body = readFileSync(join(webRoot, name));
      this.assets.set(name, { body, type: typeOf(name), hash: hashOf(body) });
    }
    const bundle = findWebChatBundle();
    this.webchatName = `webchat-${bundle.version}.js`;
    const bundleBody = readFileSync(bundle.path);
    this.assets.set(this.webchatName, { body: bundleBody, type: typeOf('.js'), hash: hashOf(bundleBody) });

    const { theme } = options;
    const css = `:root { --clinic-color: ${theme.color}; --clinic-ink: ${theme.ink}; --clinic-accent: ${theme.accent}; }\n`;
    this.themeCss = { body: Buffer.from(css), type: typeOf('.css'), hash: hashOf(css) };

    const clinic = options.config.clinic;
    const embedConfig = {
      clinicName: clinic.name,
      color: theme.color,
      ink: theme.ink,
      accent: theme.accent,
      cssUrl: this.assetUrl('embed.css'),
    };
    const embedSource = readFileSync(join(webRoot, 'embed.js'), 'utf8');
    const marker = /\/\*__LEAKBOT_CONFIG__\*\/\s*\{[^\n]*?\};/;
    if (!marker.test(embedSource)) throw new Error('web/embed.js lost its /*__LEAKBOT_CONFIG__*/ marker');
    const embedBody = embedSource.replace(marker, () => `/*__LEAKBOT_CONFIG__*/ ${safeJson(embedConfig)};`);
    this.embed = { body: Buffer.from(embedBody), type: typeOf('.js'), hash: hashOf(embedBody) };

    this.templates = {
      index: this.render(readFileSync(join(webRoot, 'index.html'), 'utf8')),
      chat: this.render(readFileSync(join(webRoot, 'chat.html'), 'utf8')),
    };
  }

  mount(server: Server): void {
    server.get('/', async (req, res) => this.page(req, res, 'index'));
    server.get('/chat', async (req, res) => this.page(req, res, 'chat'));
    server.get('/embed.js', async (req, res) =>
      this.send(req, res, this.embed, { cache: 'public, max-age=300', crossOrigin: true }),
    );
    server.get('/theme.css', async (req, res) => this.send(req, res, this.themeCss, { cache: 'public, max-age=300', crossOrigin: true }));
    server.get('/assets/:name', async (req, res) => {
      const name = String((req.params as Record<string, string>).name ?? '');
      const asset = this.assets.get(name);
      if (!asset) {
        res.status(404);
        res.json({ error: { code: 'NotFound', message: 'No such file.' } });
        return;
      }
      const versioned = new URL(req.url ?? '/', 'http://localhost').searchParams.get('v') === asset.hash || name === this.webchatName;
      // Versioned URLs never change content, so browsers may keep them; others are re-checked often.
      await this.send(req, res, asset, { cache: versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300', crossOrigin: name === 'embed.css' });
    });
  }

  assetUrl(name: string): string {
    if (name === 'webchat.js') return `/assets/${this.webchatName}`;
    const asset = this.assets.get(name);
    if (!asset) throw new Error(`No asset ${name}`);
    return `/assets/${name}?v=${asset.hash}`;
  }

  private page(_req: Request, res: Response, which: 'index' | 'chat'): void {
    const nonce = randomBytes(18).toString('base64');
    const framed = which === 'chat';
    const policy = contentSecurityPolicy({
      nonce,
      connect: this.options.azureOrigin ? [this.options.azureOrigin, this.options.azureOrigin.replace(/^http/, 'ws')] : [],
      frameAncestors: framed ? ["'self'", ...this.options.frameOrigins] : ["'none'"],
      frames: !framed,
    });
    const body = this.templates[which].replace(/\{\{nonce\}\}/g, nonce);
    if (framed) {
      // frame-ancestors decides who may frame the chat. X-Frame-Options, for browsers that predate
      // it, cannot list other origins: SAMEORIGIN when there are none, else left out.
      if (this.options.frameOrigins.length === 0) res.setHeader('X-Frame-Options', 'SAMEORIGIN');
      else res.removeHeader('X-Frame-Options');
    }
    if (!framed) res.header('Cross-Origin-Opener-Policy', 'same-origin');
    res.writeHead(200, {
      'Content-Type': typeOf('.html'),
      'Content-Security-Policy': policy,
      'Cache-Control': 'no-store',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  }

  private async send(req: Request, res: Response, asset: Asset, options: { cache: string; crossOrigin: boolean }): Promise<void> {
    const etag = `"${asset.hash}"`;
    const headers: Record<string, string | number> = {
      'Content-Type': asset.type,
      'Cache-Control': options.cache,
      ETag: etag,
      Vary: 'Accept-Encoding',
      // Clinic pages load /embed.js and its stylesheet from their own origin.
      'Cross-Origin-Resource-Policy': options.crossOrigin ? 'cross-origin' : 'same-origin',
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    let body = asset.body;
    if (body.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      asset.gzipped ??= gzipAsync(asset.body);
      body = await asset.gzipped;
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(body);
  }

  /** Fills `{{name}}` (escaped) and `{{{name}}}` (trusted HTML built here) placeholders; an unknown name is a start-up error. */
  private render(template: string): string {
    const { config, theme } = this.options;
    const clinic = config.clinic;
    const themeUrl = `/theme.css?v=${this.themeCss.hash}`;
    const contactHtml = clinic.phone
      ? `<p>Call the feeding team: <a class="phone" href="${escapeHtml(telLink(clinic.phone))}">${escapeHtml(clinic.phone)}</a></p>`
      : `<p>Call the clinic's main number and ask for the feeding team.</p>`;
    const values: Record<string, string> = {
      clinicName: clinic.name,
      clinicPhone: clinic.phone ?? '',
      clinicTel: clinic.phone ? telLink(clinic.phone) : '',
      emergencyNumber: clinic.emergencyNumber,
      maxChars: String(config.limits.maxMessageChars),
      color: theme.color,
      ink: theme.ink,
      accent: theme.accent,
      themeUrl,
      webchatUrl: this.assetUrl('webchat.js'),
    };
    const raw: Record<string, string> = { contactHtml };
    return template
      .replace(/\{\{\{(\w+)\}\}\}/g, (_m, name: string) => {
        if (!(name in raw)) throw new Error(`Unknown raw placeholder {{{${name}}}}`);
        return raw[name];
      })
      .replace(/\{\{(asset:)?([\w.]+)\}\}/g, (m, asset: string | undefined, name: string) => {
        if (asset) return escapeHtml(this.assetUrl(name));
        if (name === 'nonce') return m;
        if (!(name in values)) throw new Error(`Unknown placeholder {{${name}}}`);
        return escapeHtml(values[name]);
      });
  }
}
