/**
 * The Teams app manifest: teams/manifest.template.json filled in from the bot's configuration, then
 * checked offline against Microsoft's manifest schema as bundled by @microsoft/app-manifest.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TeamsManifestV1D30 } from '@microsoft/app-manifest';
import { ConfigError, loadConfig, readEnvironment, type AppConfig } from '../bot/config';
import { projectRoot } from '../core/projectRoot';

export type TeamsManifest = TeamsManifestV1D30.TeamsManifestV1D30;
export type Environment = Record<string, string | undefined>;

/** Every problem is one self-contained line naming what to change. */
export class TeamsPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'TeamsPackageError';
  }
}

export const TEMPLATE_FILE = 'manifest.template.json';

/** Teams' own limits on the bot command menu (older clients show no more, and the older schemas said so). */
export const MAX_COMMANDS_PER_LIST = 10;
export const MAX_COMMAND_TITLE = 32;
export const MAX_SHORT_NAME = 30;
export const MAX_DEVELOPER_NAME = 32;

/** Used when no clinic web address is configured: Teams accepts it for sideloading; replace it before publishing. */
export const PLACEHOLDER_WEBSITE = 'https://www.example.com/';
export const PLACEHOLDER_PRIVACY = 'https://www.example.com/privacy';
export const PLACEHOLDER_TERMS = 'https://www.example.com/termsofuse';

/**
 * Namespace of the name-based (version 5) UUID that turns a bot id into a Teams app id when
 * TEAMS_APP_ID is not set. Never change it: the app id would change and Teams would see a new app.
 */
export const TEAMS_APP_ID_NAMESPACE = '0fd0e530-649a-4263-ae83-4eb2fc87f10b';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const EXAMPLE_GUID = '00000000-0000-0000-0000-000000000000';

export function teamsDir(root: string = projectRoot()): string {
  return join(root, 'teams');
}

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** RFC 4122 version 5 UUID: SHA-1 of namespace + name, with the version and variant bits set. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The Teams app id for a bot id when TEAMS_APP_ID is not set: always the same for the same bot. */
export function deriveTeamsAppId(botId: string): string {
  return uuidV5(botId.trim().toLowerCase(), TEAMS_APP_ID_NAMESPACE);
}

const blank = (value: string | undefined): boolean => value === undefined || value.trim() === '';

/**
 * The bot's configuration, read the way the bot reads it. Packaging never uses the app password, so a
 * build machine need not hold it: a stand-in satisfies the "password required with an app id" rule.
 */
export function loadPackagingConfig(env: Environment = readEnvironment()): AppConfig {
  const withoutSecret = blank(env.MicrosoftAppPassword) ? { ...env, MicrosoftAppPassword: 'not-needed-to-package' } : env;
  try {
    return loadConfig(withoutSecret);
  } catch (err) {
    if (err instanceof ConfigError) throw new TeamsPackageError([err.message]);
    throw err;
  }
}

/** The bot id, or a one-line refusal naming MicrosoftAppId. */
export function requireBotId(env: Environment): string {
  const raw = env.MicrosoftAppId?.trim();
  if (!raw) {
    throw new TeamsPackageError([
      `MicrosoftAppId is not set: set it to the Microsoft App ID of the Azure Bot (a GUID such as ${EXAMPLE_GUID}) in the environment or .env`,
    ]);
  }
  if (!isGuid(raw)) {
    throw new TeamsPackageError([`MicrosoftAppId must be a GUID such as ${EXAMPLE_GUID} (got "${raw}")`]);
  }
  return raw.toLowerCase();
}

function httpsUrl(variable: string, value: string, problems: string[]): string {
  if (!/^https:\/\/[^\s/]+/i.test(value)) problems.push(`${variable} must be a web address starting with https:// for Teams (got "${value}")`);
  return value;
}

function readPackageVersion(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '1.0.0';
}

export interface ManifestValues {
  appId: string;
  botId: string;
  version: string;
  developerName: string;
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
  accentColor: string;
  clinicName: string;
  emergencyNumber: string;
}

export interface ResolvedValues {
  values: ManifestValues;
  /** Things that work for sideloading but should be set before the app goes to an organisation's catalogue. */
  warnings: string[];
}

/**
 * What the template needs, from the environment. Reads MicrosoftAppId, TEAMS_APP_ID, TEAMS_APP_VERSION,
 * CLINIC_NAME, TEAMS_DEVELOPER_NAME, CLINIC_WEB, TEAMS_PRIVACY_URL, TEAMS_TERMS_URL, CLINIC_COLOR and
 * EMERGENCY_NUMBER (plus the rest of the bot's configuration, which must be valid too).
 */
export function resolveValues(env: Environment, root: string = projectRoot()): ResolvedValues {
  const botId = requireBotId(env);
  const config = loadPackagingConfig(env);
  const problems: string[] = [];
  const warnings: string[] = [];

  let appId: string;
  if (blank(env.TEAMS_APP_ID)) {
    appId = deriveTeamsAppId(botId);
  } else {
    appId = env.TEAMS_APP_ID!.trim().toLowerCase();
    if (!isGuid(appId)) problems.push(`TEAMS_APP_ID must be a GUID such as ${EXAMPLE_GUID} (got "${env.TEAMS_APP_ID}")`);
  }

  const version = blank(env.TEAMS_APP_VERSION) ? readPackageVersion(root) : env.TEAMS_APP_VERSION!.trim();
  if (!SEMVER.test(version)) problems.push(`TEAMS_APP_VERSION must be a version like 1.0.0 (got "${version}")`);

  const developerName = blank(env.TEAMS_DEVELOPER_NAME) ? config.clinic.name : env.TEAMS_DEVELOPER_NAME!.trim();
  if (developerName.length > MAX_DEVELOPER_NAME) {
    const variable = blank(env.TEAMS_DEVELOPER_NAME) ? 'CLINIC_NAME' : 'TEAMS_DEVELOPER_NAME';
    problems.push(
      `${variable} is ${developerName.length} characters; Teams shows at most ${MAX_DEVELOPER_NAME} as the developer name: set TEAMS_DEVELOPER_NAME to a shorter name`,
    );
  }
  if (blank(env.CLINIC_NAME) && blank(env.TEAMS_DEVELOPER_NAME)) warnings.push(`CLINIC_NAME is not set: Teams will show the developer as "${developerName}"`);

  const clinicWeb = config.clinic.web;
  let websiteUrl = PLACEHOLDER_WEBSITE;
  if (clinicWeb) websiteUrl = httpsUrl('CLINIC_WEB', clinicWeb, problems);
  else warnings.push(`CLINIC_WEB is not set: the app's website is the placeholder ${PLACEHOLDER_WEBSITE}`);

  const pageUrl = (variable: string, placeholder: string, what: string): string => {
    const own = env[variable]?.trim();
    if (own) return httpsUrl(variable, own, problems);
    if (clinicWeb) {
      warnings.push(`${variable} is not set: the ${what} link goes to CLINIC_WEB (${clinicWeb})`);
      return websiteUrl;
    }
    warnings.push(`${variable} is not set: the ${what} link is the placeholder ${placeholder}`);
    return placeholder;
  };
  const privacyUrl = pageUrl('TEAMS_PRIVACY_URL', PLACEHOLDER_PRIVACY, 'privacy policy');
  const termsOfUseUrl = pageUrl('TEAMS_TERMS_URL', PLACEHOLDER_TERMS, 'terms of use');

  if (problems.length > 0) throw new TeamsPackageError(problems);
  return {
    values: {
      appId,
      botId,
      version,
      developerName,
      websiteUrl,
      privacyUrl,
      termsOfUseUrl,
      accentColor: config.web.color,
      clinicName: config.clinic.name,
      emergencyNumber: config.clinic.emergencyNumber,
    },
    warnings,
  };
}

export function readTemplate(dir: string = teamsDir()): unknown {
  const file = join(dir, TEMPLATE_FILE);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TeamsPackageError([`teams/${TEMPLATE_FILE} could not be read as JSON: ${(err as Error).message}`]);
  }
}

/**
 * Replaces {{name}} in every string of the parsed template. Values go into strings, never into JSON
 * text, so a clinic name with quotes cannot break the manifest.
 */
export function fillTemplate(template: unknown, values: ManifestValues): unknown {
  const problems: string[] = [];
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => {
        if (Object.hasOwn(values, key)) return values[key as keyof ManifestValues];
        problems.push(`teams/${TEMPLATE_FILE} has an unknown placeholder ${whole}`);
        return whole;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    return node;
  };
  const filled = fill(template);
  if (problems.length > 0) throw new TeamsPackageError([...new Set(problems)]);
  return filled;
}

/** Schema versions @microsoft/app-manifest bundles, oldest first ("1.0" ... "1.30"; not devPreview). */
export function bundledSchemaVersions(): string[] {
  const dir = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');
  return readdirSync(dir)
    .filter((name) => /^v\d+\.\d+$/.test(name))
    .map((name) => name.slice(1))
    .sort((a, b) => {
      const [am, an] = a.split('.').map(Number);
      const [bm, bn] = b.split('.').map(Number);
      return am - bm || an - bn;
    });
}

export function bundledSchemaPath(manifestVersion: string): string {
  return join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

type Json = Record<string, unknown>;

interface SchemaError {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}
type CompiledSchema = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };
interface AjvInstance {
  compile(schema: unknown): CompiledSchema;
}

const compiledSchemas = new Map<string, CompiledSchema>();

/**
 * The JSON Schema validator @microsoft/app-manifest itself uses (ajv-draft-04 with ajv-formats), set up
 * as its AppManifestUtils.validateAgainstSchema sets it up. Its index is not loaded: it requires an
 * ES-module-only dependency (strip-bom) that jest cannot load on Node 20, and it would fetch the schema
 * from the network unless handed one. The validator is resolved from the package's own folder, so it
 * is the copy the package was installed with.
 */
function compiledSchema(schemaFile: string): CompiledSchema {
  const cached = compiledSchemas.get(schemaFile);
  if (cached) return cached;
  const fromPackage = createRequire(require.resolve('@microsoft/app-manifest/package.json'));
  const ajvModule = fromPackage('ajv-draft-04') as { default: new (options: object) => AjvInstance };
  const addFormats = (fromPackage('ajv-formats') as { default: (ajv: AjvInstance, formats: string[]) => void }).default;
  const ajv = new ajvModule.default({ allErrors: true, strictTypes: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  compiledSchemas.set(schemaFile, validate);
  return validate;
}

/**
 * Checks a manifest against the schema for its manifestVersion, read from the copy bundled with
 * @microsoft/app-manifest (no network), plus Teams limits the newest schemas no longer spell out.
 * Returns one line per problem; empty when the manifest is valid.
 */
export function validateManifest(manifest: unknown): string[] {
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) return ['manifest.json must be a JSON object'];
  const m = manifest as Json;
  const version = typeof m.manifestVersion === 'string' ? m.manifestVersion : '';
  const schemaFile = version ? bundledSchemaPath(version) : '';
  if (!version || !existsSync(schemaFile)) {
    return [`manifest.json: manifestVersion "${version}" has no schema bundled with @microsoft/app-manifest (bundled: ${bundledSchemaVersions().join(', ')})`];
  }
  const problems: string[] = [];
  const expectedSchemaUrl = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
  if (m.$schema !== undefined && m.$schema !== expectedSchemaUrl) {
    problems.push(`manifest.json: $schema should be ${expectedSchemaUrl} to match manifestVersion ${version}`);
  }
  const validate = compiledSchema(schemaFile);
  if (!validate(JSON.parse(JSON.stringify(manifest)))) {
    for (const error of validate.errors ?? []) {
      const details = error.params && Object.keys(error.params).length > 0 ? ` ${JSON.stringify(error.params)}` : '';
      problems.push(`manifest.json ${error.instancePath || '/'}: ${error.message ?? 'is not valid'}${details} (Teams schema v${version})`);
    }
  }
  problems.push(...checkTeamsLimits(m));
  return problems;
}

function checkTeamsLimits(m: Json): string[] {
  const problems: string[] = [];
  const bots = Array.isArray(m.bots) ? (m.bots as Json[]) : [];
  bots.forEach((bot, b) => {
    const lists = Array.isArray(bot.commandLists) ? (bot.commandLists as Json[]) : [];
    lists.forEach((list, l) => {
      const commands = Array.isArray(list.commands) ? (list.commands as Json[]) : [];
      if (commands.length > MAX_COMMANDS_PER_LIST) {
        problems.push(`manifest.json /bots/${b}/commandLists/${l}: ${commands.length} commands; Teams shows at most ${MAX_COMMANDS_PER_LIST}`);
      }
      commands.forEach((command, c) => {
        const title = typeof command.title === 'string' ? command.title : '';
        if (title.length > MAX_COMMAND_TITLE) {
          problems.push(`manifest.json /bots/${b}/commandLists/${l}/commands/${c}: title "${title}" is ${title.length} characters; Teams allows at most ${MAX_COMMAND_TITLE}`);
        }
        if (typeof command.description !== 'string' || command.description.trim() === '') {
          problems.push(`manifest.json /bots/${b}/commandLists/${l}/commands/${c}: "${title}" needs a description`);
        }
      });
    });
  });
  return problems;
}

export interface BuiltManifest {
  manifest: TeamsManifest;
  warnings: string[];
}

/** The filled-in, validated manifest for this environment; throws TeamsPackageError listing every problem. */
export function buildManifest(env: Environment, root: string = projectRoot()): BuiltManifest {
  const { values, warnings } = resolveValues(env, root);
  const manifest = fillTemplate(readTemplate(teamsDir(root)), values);
  const problems = validateManifest(manifest);
  if (problems.length > 0) throw new TeamsPackageError(problems);
  return { manifest: manifest as TeamsManifest, warnings };
}
