import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { parse as parseYaml } from 'yaml';
import { basicNormalise } from '../../core/text/basicNormalise';
import { projectRoot } from '../../core/projectRoot';
import { buildTeamsPackage } from '../../scripts/teamsPackage';
import {
  buildManifest,
  bundledSchemaVersions,
  deriveTeamsAppId,
  isGuid,
  MAX_COMMAND_TITLE,
  MAX_COMMANDS_PER_LIST,
  PLACEHOLDER_PRIVACY,
  PLACEHOLDER_WEBSITE,
  readTemplate,
  TeamsPackageError,
  uuidV5,
  validateManifest,
  type Environment,
  type TeamsManifest,
} from '../../scripts/teamsManifest';

const BOT_ID = '11111111-2222-3333-4444-555555555555';
const TEAMS_APP_ID = '99999999-8888-7777-6666-555555555555';

/** A whole configuration, so nothing from a developer's .env or shell leaks into the tests. */
const SAMPLE_ENV: Environment = {
  MicrosoftAppId: BOT_ID,
  MicrosoftAppPassword: 'not-a-real-secret',
  CLINIC_NAME: 'Riverside Family Clinic',
  CLINIC_WEB: 'https://riverside.example.org',
  CLINIC_COLOR: '#1f6f8b',
  EMERGENCY_NUMBER: '911',
};

const root = projectRoot();

function refusal(env: Environment): string[] {
  try {
    buildManifest(env, root);
  } catch (err) {
    if (err instanceof TeamsPackageError) return err.problems;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('the Teams package for a sample configuration', () => {
  let outDir: string;
  let zip: JSZip;
  let manifest: TeamsManifest;
  let warnings: string[];
  let zipPath: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'teams-package-'));
    ({ zipPath, manifest, warnings } = await buildTeamsPackage({ env: SAMPLE_ENV, root, outDir }));
    zip = await JSZip.loadAsync(readFileSync(zipPath));
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('is written as <name>.zip', () => {
    expect(zipPath).toBe(join(outDir, 'leak-helper.zip'));
  });

  it('holds exactly manifest.json, color.png and outline.png, at the root of the zip', () => {
    const entries = Object.values(zip.files);
    expect(entries.map((e) => e.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(entries.every((e) => !e.dir && !e.name.includes('/'))).toBe(true);
  });

  it('zips the manifest it validated, and the committed icons byte for byte', async () => {
    expect(JSON.parse(await zip.file('manifest.json')!.async('string'))).toEqual(manifest);
    expect(Buffer.from(await zip.file('color.png')!.async('uint8array')).equals(readFileSync(join(root, 'teams', 'color.png')))).toBe(true);
    expect(Buffer.from(await zip.file('outline.png')!.async('uint8array')).equals(readFileSync(join(root, 'teams', 'outline.png')))).toBe(true);
  });

  it('validates against the Teams schema bundled with @microsoft/app-manifest', async () => {
    const zipped = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(validateManifest(zipped)).toEqual([]);
  });

  it('uses a current manifest schema (1.22 or later) that is bundled, and names it in $schema', () => {
    const [major, minor] = manifest.manifestVersion.split('.').map(Number);
    expect(major > 1 || (major === 1 && minor >= 22)).toBe(true);
    expect(bundledSchemaVersions()).toContain(manifest.manifestVersion);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it('carries the bot id, a stable app id derived from it, and the clinic details', () => {
    expect(manifest.bots?.[0].botId).toBe(BOT_ID);
    expect(manifest.id).toBe(deriveTeamsAppId(BOT_ID));
    expect(manifest.id).not.toBe(BOT_ID);
    expect(manifest.developer.name).toBe('Riverside Family Clinic');
    expect(manifest.developer.websiteUrl).toBe('https://riverside.example.org');
    expect(manifest.accentColor).toBe('#1f6f8b');
    expect(manifest.version).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('warns, without failing, that the privacy and terms links fall back to the clinic website', () => {
    expect(manifest.developer.privacyUrl).toBe('https://riverside.example.org');
    expect(warnings).toEqual(expect.arrayContaining([expect.stringContaining('TEAMS_PRIVACY_URL'), expect.stringContaining('TEAMS_TERMS_URL')]));
  });

  it('has a short name of at most 30 characters and a plain description that promises information, not a diagnosis', () => {
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short).toMatch(/not a diagnosis/i);
    expect(manifest.description.full).toMatch(/information, not a diagnosis/i);
    expect(manifest.description.full).toContain('call 911');
    expect(manifest.description.full).toContain('Riverside Family Clinic');
  });

  it('is a personal-scope bot that takes no files', () => {
    expect(manifest.bots).toHaveLength(1);
    const bot = manifest.bots![0];
    expect(bot.scopes).toEqual(['personal']);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
    expect(bot.commandLists?.every((l) => l.scopes.length === 1 && l.scopes[0] === 'personal')).toBe(true);
    expect(manifest.staticTabs ?? []).toEqual([]);
    expect(manifest.configurableTabs ?? []).toEqual([]);
    expect(manifest.composeExtensions ?? []).toEqual([]);
  });

  it('lists at most 10 commands per list, each with a title of at most 32 characters and a description', () => {
    for (const list of manifest.bots![0].commandLists ?? []) {
      expect(list.commands.length).toBeGreaterThan(0);
      expect(list.commands.length).toBeLessThanOrEqual(MAX_COMMANDS_PER_LIST);
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(MAX_COMMAND_TITLE);
        expect(command.description?.trim()).toBeTruthy();
      }
    }
  });
});

describe('the bot commands', () => {
  /** The topic each command should reach: its title is sent to the bot as the message text when picked. */
  const COMMAND_TOPICS: Record<string, string> = {
    'Why do I leak?': 'why-breasts-leak',
    'Is leaking normal?': 'is-leaking-normal',
    'How to handle leaks': 'managing-leaks',
    'Leaking at work': 'leaking-at-work',
    'Leaking at night': 'leaking-at-night',
    'When does leaking stop?': 'when-does-leaking-stop',
    'Check my symptoms': 'symptom-check',
    'When to see a doctor': 'when-to-see-doctor',
    'Talk to a person': 'human-handoff',
    'Forget me': 'forget-me',
  };

  const template = readTemplate(join(root, 'teams')) as TeamsManifest;
  const commands = template.bots![0].commandLists!.flatMap((l) => l.commands);
  // The YAML is read directly, not through the loaders, so this test only depends on the few fields it reads.
  const knowledge = join(root, 'knowledge');
  const messages = parseYaml(readFileSync(join(knowledge, 'messages.yaml'), 'utf8')) as { welcomeChoices: Array<{ label: string; topic: string }> };
  const topic = (id: string) => parseYaml(readFileSync(join(knowledge, 'topics', `${id}.yaml`), 'utf8')) as { title: string; examples: string[] };
  const plain = (text: string) => basicNormalise(text).replace(/[?!.,]/g, '').trim();

  it('are the main topics', () => {
    expect(commands.map((c) => c.title).sort()).toEqual(Object.keys(COMMAND_TOPICS).sort());
    for (const choice of messages.welcomeChoices) expect(Object.values(COMMAND_TOPICS)).toContain(choice.topic);
  });

  it.each(Object.entries(COMMAND_TOPICS))('"%s" is worded the way the knowledge base knows topic %s', (title, topicId) => {
    const { title: topicTitle, examples } = topic(topicId);
    const known = [topicTitle, ...examples, ...messages.welcomeChoices.filter((c) => c.topic === topicId).map((c) => c.label)].map(plain);
    expect(known).toContain(plain(title));
  });
});

describe('validation', () => {
  let good: TeamsManifest;
  beforeAll(() => {
    ({ manifest: good } = buildManifest(SAMPLE_ENV, root));
  });

  it('fails a deliberately broken manifest, naming each broken field', () => {
    const broken = clone(good) as unknown as Record<string, unknown> & TeamsManifest;
    broken.bots![0].botId = 'not-a-guid';
    broken.name.short = 'A name far too long for the Teams app bar';
    broken.accentColor = 'purple';
    delete (broken as Record<string, unknown>).developer;
    const problems = validateManifest(broken);
    expect(problems.join('\n')).toMatch(/\/bots\/0\/botId/);
    expect(problems.join('\n')).toMatch(/\/name\/short/);
    expect(problems.join('\n')).toMatch(/\/accentColor/);
    expect(problems.join('\n')).toMatch(/developer/);
  });

  it('fails unknown fields, as the schema does not allow them', () => {
    const broken = clone(good) as unknown as Record<string, unknown>;
    broken.colour = '#000000';
    expect((validateManifest(broken)).join('\n')).toMatch(/additional properties/i);
  });

  it('fails more than 10 commands or a command title over 32 characters', () => {
    const broken = clone(good);
    const list = broken.bots![0].commandLists![0];
    list.commands.push({ title: 'What does this very long command title mean?', description: 'x' });
    const problems = validateManifest(broken);
    expect(problems.join('\n')).toMatch(/11 commands; Teams shows at most 10/);
    expect(problems.join('\n')).toMatch(/is 44 characters; Teams allows at most 32/);
  });

  it('fails a manifest version that has no bundled schema', () => {
    const broken = { ...clone(good), manifestVersion: '9.99' };
    expect(validateManifest(broken)).toEqual([expect.stringMatching(/manifestVersion "9\.99" has no schema bundled/)]);
  });
});

describe('the configuration it is built from', () => {
  it('refuses a missing MicrosoftAppId with one line naming the variable', () => {
    const problems = refusal({ ...SAMPLE_ENV, MicrosoftAppId: undefined, MicrosoftAppPassword: undefined });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^MicrosoftAppId is not set/);
  });

  it('refuses a blank MicrosoftAppId the same way', () => {
    expect(refusal({ ...SAMPLE_ENV, MicrosoftAppId: '   ' })).toEqual([expect.stringMatching(/^MicrosoftAppId is not set/)]);
  });

  it('refuses a MicrosoftAppId that is not a GUID with one line naming the variable and the value', () => {
    const problems = refusal({ ...SAMPLE_ENV, MicrosoftAppId: 'my-bot' });
    expect(problems).toEqual(['MicrosoftAppId must be a GUID such as 00000000-0000-0000-0000-000000000000 (got "my-bot")']);
  });

  it('does not need the app password: packaging never uses it', () => {
    const { manifest } = buildManifest({ ...SAMPLE_ENV, MicrosoftAppPassword: undefined }, root);
    expect(JSON.stringify(manifest)).not.toContain('not-needed');
  });

  it('uses TEAMS_APP_ID when set, and refuses one that is not a GUID', () => {
    const { manifest } = buildManifest({ ...SAMPLE_ENV, TEAMS_APP_ID }, root);
    expect(manifest.id).toBe(TEAMS_APP_ID);
    expect(refusal({ ...SAMPLE_ENV, TEAMS_APP_ID: '123' })).toEqual([expect.stringMatching(/^TEAMS_APP_ID must be a GUID/)]);
  });

  it('derives the app id as a version 5 UUID of the bot id: the same bot always gets the same app', () => {
    const id = deriveTeamsAppId(BOT_ID);
    expect(isGuid(id)).toBe(true);
    expect(id[14]).toBe('5');
    expect(deriveTeamsAppId(BOT_ID.toUpperCase())).toBe(id);
    expect(deriveTeamsAppId('22222222-2222-3333-4444-555555555555')).not.toBe(id);
    // RFC 4122 appendix B / Python's uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org').
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('falls back to placeholder https links Teams accepts when CLINIC_WEB is not set, with warnings', () => {
    const { manifest, warnings } = buildManifest({ ...SAMPLE_ENV, CLINIC_WEB: undefined }, root);
    expect(manifest.developer.websiteUrl).toBe(PLACEHOLDER_WEBSITE);
    expect(manifest.developer.privacyUrl).toBe(PLACEHOLDER_PRIVACY);
    expect(warnings.join('\n')).toMatch(/CLINIC_WEB is not set/);
  });

  it('uses TEAMS_PRIVACY_URL and TEAMS_TERMS_URL when set', () => {
    const { manifest } = buildManifest(
      { ...SAMPLE_ENV, TEAMS_PRIVACY_URL: 'https://riverside.example.org/privacy', TEAMS_TERMS_URL: 'https://riverside.example.org/terms' },
      root,
    );
    expect(manifest.developer.privacyUrl).toBe('https://riverside.example.org/privacy');
    expect(manifest.developer.termsOfUseUrl).toBe('https://riverside.example.org/terms');
  });

  it('refuses http:// links, which Teams does not accept', () => {
    expect(refusal({ ...SAMPLE_ENV, CLINIC_WEB: 'http://riverside.example.org' })).toEqual([expect.stringMatching(/^CLINIC_WEB must be a web address starting with https:\/\//)]);
  });

  it('refuses a developer name longer than Teams shows, and says how to shorten it', () => {
    const problems = refusal({ ...SAMPLE_ENV, CLINIC_NAME: 'The Riverside Women and Family Health Clinic' });
    expect(problems).toEqual([expect.stringMatching(/^CLINIC_NAME is 44 characters.*set TEAMS_DEVELOPER_NAME/)]);
    const { manifest } = buildManifest({ ...SAMPLE_ENV, CLINIC_NAME: 'The Riverside Women and Family Health Clinic', TEAMS_DEVELOPER_NAME: 'Riverside Clinic' }, root);
    expect(manifest.developer.name).toBe('Riverside Clinic');
    expect(manifest.description.full).toContain('Provided by The Riverside Women and Family Health Clinic.');
  });

  it('keeps a clinic name with quotes inside the JSON string', () => {
    const { manifest } = buildManifest({ ...SAMPLE_ENV, CLINIC_NAME: 'St "Mary\'s" \\ Clinic' }, root);
    expect(manifest.developer.name).toBe('St "Mary\'s" \\ Clinic');
  });

  it('reports the bot configuration errors the bot itself would refuse', () => {
    expect(refusal({ ...SAMPLE_ENV, CLINIC_COLOR: 'purple' })).toEqual([expect.stringMatching(/^Configuration error: CLINIC_COLOR/)]);
  });

  it('refuses a TEAMS_APP_VERSION that is not x.y.z', () => {
    expect(refusal({ ...SAMPLE_ENV, TEAMS_APP_VERSION: 'v2' })).toEqual([expect.stringMatching(/^TEAMS_APP_VERSION must be a version like 1\.0\.0/)]);
  });
});

describe('npm run teams:package', () => {
  it('exits with code 1 and one clear line when MicrosoftAppId is not a GUID', () => {
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const result = spawnSync(tsx, [join('scripts', 'teamsPackage.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, MicrosoftAppId: 'not-a-guid' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(['Teams package: MicrosoftAppId must be a GUID such as 00000000-0000-0000-0000-000000000000 (got "not-a-guid")']);
  });
});
