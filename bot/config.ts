import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** The placeholder .env.example holds for details only a clinic knows: left as it is, it counts as not set. */
export const PLACEHOLDER = 'REPLACE-ME';
const unsetIfPlaceholder = (value: unknown) => (typeof value === 'string' && value.toUpperCase().includes(PLACEHOLDER) ? undefined : emptyToUndefined(value));

const optionalText = z.preprocess(emptyToUndefined, z.string().trim().optional());

const booleanFlag = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
      .optional()
      .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v))),
  );

const wholeNumber = (fallback: number, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d+$/, { error: `must be a whole number between ${min} and ${max}` })
      .transform(Number)
      .pipe(z.number().min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` }))
      .optional()
      .transform((v) => v ?? fallback),
  );

/** Said in place of the emergency number when EMERGENCY_NUMBER is not set. */
export const DEFAULT_EMERGENCY_NUMBER = 'your local emergency number';

/** Environment variables, by name. Names are the ones Azure Bot Service and clinics' IT staff know. */
const environmentSchema = z
  .object({
    PORT: wholeNumber(3978, 0, 65535),
    HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.preprocess(
      emptyToUndefined,
      z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { error: 'must be MultiTenant, SingleTenant or UserAssignedMSI' }).default('MultiTenant'),
    ),
    MicrosoftAppTenantId: optionalText,
    ALLOW_REMOTE_UNAUTHENTICATED: booleanFlag(false),
    CLINIC_NAME: z.preprocess(unsetIfPlaceholder, z.string().trim().max(80, { error: 'must be at most 80 characters' }).default('your clinic')),
    CLINIC_PHONE: z.preprocess(
      unsetIfPlaceholder,
      z.string().trim().regex(/^\+?[0-9][0-9 ().-]{2,24}$/, { error: 'must be a phone number such as +1 555 010 0199' }).optional(),
    ),
    CLINIC_WEB: z.preprocess(unsetIfPlaceholder, z.url({ protocol: /^https?$/, error: 'must be a web address starting with http:// or https://' }).optional()),
    EMERGENCY_NUMBER: z.preprocess(unsetIfPlaceholder, z.string().trim().max(40, { error: 'must be at most 40 characters' }).default(DEFAULT_EMERGENCY_NUMBER)),
    CLINIC_COLOR: z.preprocess(emptyToUndefined, z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour like #7a3e9d' }).default('#7a3e9d')),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be debug, info, warn or error' }).default('info')),
    LOG_MESSAGE_TEXT: booleanFlag(false),
    STORAGE: z.preprocess(emptyToUndefined, z.enum(['memory', 'blob'], { error: 'must be memory or blob' }).default('memory')),
    STATE_TTL_HOURS: wholeNumber(24, 1, 24 * 90),
    MEMORY_MAX_CONVERSATIONS: wholeNumber(20000, 10, 10_000_000),
    BLOB_CONNECTION_STRING: optionalText,
    BLOB_CONTAINER: z.preprocess(
      emptyToUndefined,
      z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, { error: 'must be 3-63 lower-case letters, digits or hyphens' }).default('bot-state'),
    ),
    MAX_MESSAGE_CHARS: wholeNumber(2000, 50, 100_000),
    MAX_READABLE_MESSAGE_CHARS: wholeNumber(5000, 100, 200_000),
    DIRECT_LINE_SECRET: optionalText,
    WEBCHAT_ALLOWED_ORIGINS: optionalText,
    WEBCHAT_TOKEN_KEY: z.preprocess(emptyToUndefined, z.string().trim().min(32, { error: 'must be at least 32 characters (a random string, the same on every instance)' }).optional()),
    DIRECT_LINE_ENDPOINT: z.preprocess(emptyToUndefined, z.url({ protocol: /^https$/, error: 'must be an https:// address such as https://europe.directline.botframework.com' }).optional()),
    TRUST_PROXY_HOPS: wholeNumber(0, 0, 10),
    RATE_LIMIT_PER_MINUTE: wholeNumber(60, 1, 100_000),
    CONVERSATION_RATE_LIMIT_PER_MINUTE: wholeNumber(120, 1, 1_000_000),
    HTTP_HEADERS_TIMEOUT_MS: wholeNumber(10_000, 100, 600_000),
    HTTP_REQUEST_TIMEOUT_MS: wholeNumber(30_000, 100, 3_600_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: wholeNumber(5_000, 0, 600_000),
    CRISIS_LINE: z.preprocess(
      emptyToUndefined,
      z.string().trim().max(120, { error: 'must be at most 120 characters' }).default('a crisis line (in the US call or text 988; in the UK call Samaritans on 116 123)'),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    if (env.STORAGE === 'blob' && !env.BLOB_CONNECTION_STRING) {
      ctx.addIssue({ code: 'custom', path: ['BLOB_CONNECTION_STRING'], message: 'is required when STORAGE is blob' });
    }
    if (env.MAX_READABLE_MESSAGE_CHARS < env.MAX_MESSAGE_CHARS) {
      ctx.addIssue({ code: 'custom', path: ['MAX_READABLE_MESSAGE_CHARS'], message: 'must be at least MAX_MESSAGE_CHARS' });
    }
    if (env.HTTP_REQUEST_TIMEOUT_MS < env.HTTP_HEADERS_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', path: ['HTTP_REQUEST_TIMEOUT_MS'], message: 'must be at least HTTP_HEADERS_TIMEOUT_MS' });
    }
    if (env.LOG_MESSAGE_TEXT && env.MicrosoftAppId) {
      ctx.addIssue({ code: 'custom', path: ['LOG_MESSAGE_TEXT'], message: 'may only be true for local use (no MicrosoftAppId): message text is health data' });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required when MicrosoftAppType is SingleTenant' });
    }
  });

export interface ClinicSettings {
  name: string;
  phone?: string;
  web?: string;
  emergencyNumber: string;
  crisisLine: string;
}

export interface AppConfig {
  port: number;
  host: string;
  /** Raw Bot Framework settings, in the shape ConfigurationBotFrameworkAuthentication reads. */
  botAuth: {
    MicrosoftAppId?: string;
    MicrosoftAppPassword?: string;
    MicrosoftAppType: string;
    MicrosoftAppTenantId?: string;
  };
  /** No app id: local Emulator mode, with no authentication. */
  unauthenticated: boolean;
  allowRemoteUnauthenticated: boolean;
  clinic: ClinicSettings;
  log: { level: 'debug' | 'info' | 'warn' | 'error'; messageText: boolean };
  storage: {
    kind: 'memory' | 'blob';
    /** Idle time after which a conversation's state is deleted. */
    ttlMs: number;
    /** memory: the most conversations kept; the least recently used go first. */
    maxConversations: number;
    blobConnectionString?: string;
    blobContainer: string;
  };
  limits: {
    /** Language understanding reads this many characters of a message; red-flag detection reads all of it. */
    maxMessageChars: number;
    /** Longer messages are not read at all: the parent is asked for shorter ones (red-flag detection must read every word it accepts). */
    maxReadableChars: number;
    /** Requests a minute per Direct Line token and per address. */
    ratePerMinute: number;
    /** Activities a minute one conversation may post to /api/messages. */
    conversationRatePerMinute: number;
  };
  /** How long a client may take: a slow or stalled socket is closed so it cannot hold the server. */
  http: {
    /** From a request's first byte to the end of its headers. */
    headersTimeoutMs: number;
    /** From a request's first byte to the end of its body. */
    requestTimeoutMs: number;
    /** An idle kept-alive connection is closed after this; 0: connections are not kept alive. */
    keepAliveTimeoutMs: number;
  };
  web: {
    color: string;
    /** Set: the page uses Azure Bot Service's Direct Line, exchanging this secret server-side. */
    directLineSecret?: string;
    /** Origins allowed to call the Direct Line endpoint from a browser (CORS); empty: same origin only. */
    allowedOrigins: string[];
    /** Azure Direct Line's address (a regional one, for example); Azure's global one when unset. */
    directLineEndpoint?: string;
    /** Reverse proxies in front of the server that append to X-Forwarded-For; 0: trust the socket address. */
    trustProxyHops: number;
    /** Signs the built-in Direct Line's tokens (STORAGE=blob), so every instance recognises them while the store is down; unset: a random key per process. */
    tokenKey?: string;
  };
}

/**
 * One line for the start-up log when the numbers a parent is told to call are not configured: the bot
 * still runs (a demo needs none), but every escalation then says "your clinic" with no number.
 */
export function contactWarning(clinic: ClinicSettings): string | undefined {
  const missing = [!clinic.phone && 'CLINIC_PHONE', clinic.emergencyNumber === DEFAULT_EMERGENCY_NUMBER && 'EMERGENCY_NUMBER'].filter(Boolean);
  if (missing.length === 0) return undefined;
  return `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set: escalations will tell parents to call without giving ${missing.length > 1 ? 'these numbers' : 'this number'}. Set ${missing.length > 1 ? 'them' : 'it'} in .env or the environment.`;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Values from `.env` fill in what the real environment leaves unset; the real environment wins. */
export function readEnvironment(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const file = join(cwd, '.env');
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...env };
}

export function loadConfig(env: Record<string, string | undefined> = readEnvironment()): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'configuration');
    const raw = env[name];
    const secret = /password|secret|connection|key/i.test(name);
    // A rule across settings (custom) is about the combination, not this value.
    const got = raw === undefined || secret || issue.code === 'custom' ? '' : ` (got "${raw}")`;
    throw new ConfigError(`Configuration error: ${name} ${issue.message}${got}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    botAuth: {
      MicrosoftAppId: e.MicrosoftAppId,
      MicrosoftAppPassword: e.MicrosoftAppPassword,
      MicrosoftAppType: e.MicrosoftAppType,
      MicrosoftAppTenantId: e.MicrosoftAppTenantId,
    },
    unauthenticated: !e.MicrosoftAppId,
    allowRemoteUnauthenticated: e.ALLOW_REMOTE_UNAUTHENTICATED,
    clinic: {
      name: e.CLINIC_NAME,
      phone: e.CLINIC_PHONE,
      web: e.CLINIC_WEB,
      emergencyNumber: e.EMERGENCY_NUMBER,
      crisisLine: e.CRISIS_LINE,
    },
    log: { level: e.LOG_LEVEL, messageText: e.LOG_MESSAGE_TEXT },
    storage: {
      kind: e.STORAGE,
      ttlMs: e.STATE_TTL_HOURS * 3_600_000,
      maxConversations: e.MEMORY_MAX_CONVERSATIONS,
      blobConnectionString: e.BLOB_CONNECTION_STRING,
      blobContainer: e.BLOB_CONTAINER,
    },
    limits: {
      maxMessageChars: e.MAX_MESSAGE_CHARS,
      maxReadableChars: e.MAX_READABLE_MESSAGE_CHARS,
      ratePerMinute: e.RATE_LIMIT_PER_MINUTE,
      conversationRatePerMinute: e.CONVERSATION_RATE_LIMIT_PER_MINUTE,
    },
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    web: {
      color: e.CLINIC_COLOR,
      directLineSecret: e.DIRECT_LINE_SECRET,
      directLineEndpoint: e.DIRECT_LINE_ENDPOINT,
      trustProxyHops: e.TRUST_PROXY_HOPS,
      tokenKey: e.WEBCHAT_TOKEN_KEY,
      allowedOrigins: (e.WEBCHAT_ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
    },
  };
}
