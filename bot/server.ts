import restify, { type Server } from 'restify';
import { STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorFields, type Logger } from './logger';

export const MAX_BODY_BYTES = 256 * 1024;

export type RouteHandler = (req: restify.Request, res: restify.Response) => Promise<void>;

export interface ServerOptions {
  logger: Logger;
  messagesHandler: RouteHandler;
  /** True once the knowledge base is loaded and the bot can answer. */
  isReady: () => boolean;
  /** Extra routes (the web chat page, the Direct Line endpoint) mount themselves here. */
  mount?: Array<(server: Server) => void>;
  /** Client timeouts (config.http); Node's defaults when absent. */
  timeouts?: HttpTimeouts;
}

export interface HttpTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

/**
 * Puts the client timeouts on the Node server. Node checks them on a timer (30 s by default); the
 * timer is started when the server begins listening, so setting its interval here, before listen(),
 * makes a stalled socket close within about a quarter of the headers timeout of its deadline.
 */
export function applyTimeouts(http: import('node:http').Server, timeouts: HttpTimeouts): void {
  http.headersTimeout = timeouts.headersTimeoutMs;
  http.requestTimeout = timeouts.requestTimeoutMs;
  http.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  (http as { connectionsCheckingInterval?: number }).connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(timeouts.headersTimeoutMs / 4)));
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

export function createServer(options: ServerOptions): Server {
  const server = restify.createServer({ name: 'leaking-milk-bot', handleUncaughtExceptions: false });
  if (options.timeouts) applyTimeouts(server.server, options.timeouts);
  server.use((req, res, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.header(name, value);
    next();
  });
  // restify 11 passes these options on to its body reader; the published types predate that.
  const bodyOptions = { maxBodySize: MAX_BODY_BYTES, mapParams: false } as restify.plugins.JsonBodyParserOptions;
  server.use(restify.plugins.jsonBodyParser(bodyOptions));

  server.post('/api/messages', options.messagesHandler);
  server.get('/healthz', async (_req, res) => {
    res.json({ status: 'ok' });
  });
  server.get('/readyz', async (_req, res) => {
    const ready = options.isReady();
    res.status(ready ? 200 : 503);
    res.json({ status: ready ? 'ready' : 'not-ready' });
  });
  for (const mount of options.mount ?? []) mount(server);

  server.on('restifyError', (req, _res, err, callback) => {
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    (status >= 500 ? options.logger.error : options.logger.warn)('http_error', {
      method: req.method,
      path: req.getPath(),
      status,
      ...(status >= 500 ? errorFields(err) : { errorName: err.name }),
    });
    publicErrorBody(err, status);
    return callback();
  });
  return server;
}

export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Stops accepting connections and waits for open requests, but not forever. */
export function closeServer(server: Server, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.server.closeAllConnections?.();
      resolve();
    }, timeoutMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.server.closeIdleConnections?.();
  });
}

/**
 * What restify sends for an error it answers itself: a fixed sentence for the status, never the
 * error's own message (a 500's message is internals; the body parser's 400 quotes the request body).
 */
function publicErrorBody(err: Error, status: number): void {
  const code = status >= 500 ? 'InternalError' : ((err as { body?: { code?: unknown } }).body?.code ?? err.name.replace(/Error$/, ''));
  const message =
    status >= 500
      ? 'The server could not process this request. Please try again.'
      : err.name === 'InvalidContentError'
        ? 'The request body is not valid JSON.'
        : (STATUS_CODES[status] ?? 'The request was refused.');
  // restify sends an error with a statusCode as it is; any other it wraps in a new one quoting its message.
  if (typeof (err as { statusCode?: unknown }).statusCode !== 'number') Object.defineProperty(err, 'statusCode', { value: status, configurable: true });
  Object.defineProperty(err, 'toJSON', { value: () => ({ code: String(code), message }), configurable: true });
}
