import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

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
    CLINIC_NAME: z.preprocess(emptyToUndefined, z.string().trim().max(80, { error: 'must be at most 80 characters' }).default('your clinic')),
    CLINIC_PHONE: z.preprocess(
      emptyToUndefined,
      z.string().trim().regex(/^\+?[0-9][0-9 ().-]{2,24}$/, { error: 'must be a phone number such as +1 555 010 0199' }).optional(),
    ),
    CLINIC_WEB: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'must be a web address starting with http:// or https://' }).optional()),
    EMERGENCY_NUMBER: z.preprocess(emptyToUndefined, z.string().trim().max(40, { error: 'must be at most 40 characters' }).default('your local emergency number')),
    CRISIS_LINE: z.preprocess(
      emptyToUndefined,
      z.string().trim().max(120, { error: 'must be at most 120 characters' }).default('a crisis line (in the US call or text 988; in the UK call Samaritans on 116 123)'),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
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
    const got = raw === undefined || name.toLowerCase().includes('password') ? '' : ` (got "${raw}")`;
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
  };
}
