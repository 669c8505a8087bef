import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { readFileSync } from 'node:fs';
import { ConfigError, contactWarning, loadConfig, readEnvironment } from '../../bot/config';
import { projectRoot } from '../../core/projectRoot';

function errorFor(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a configuration error');
}

describe('configuration', () => {
  it('runs on defaults with nothing set: local mode, port 3978, memory storage', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.unauthenticated).toBe(true);
    expect(config.storage.kind).toBe('memory');
    expect(config.storage.ttlMs).toBe(24 * 3_600_000);
    expect(config.clinic).toEqual(expect.objectContaining({ name: 'your clinic', emergencyNumber: 'your local emergency number' }));
    expect(config.log).toEqual({ level: 'info', messageText: false });
  });

  it('reads the clinic settings parents see', () => {
    const config = loadConfig({ CLINIC_NAME: 'Riverside', CLINIC_PHONE: '+44 20 7946 0000', CLINIC_WEB: 'https://riverside.example', EMERGENCY_NUMBER: '999' });
    expect(config.clinic).toEqual(expect.objectContaining({ name: 'Riverside', phone: '+44 20 7946 0000', web: 'https://riverside.example', emergencyNumber: '999' }));
  });

  it('warns when the numbers a parent is told to call are not set, naming each', () => {
    expect(contactWarning(loadConfig({}).clinic)).toMatch(/^CLINIC_PHONE and EMERGENCY_NUMBER are not set: /);
    expect(contactWarning(loadConfig({ EMERGENCY_NUMBER: '999' }).clinic)).toMatch(/^CLINIC_PHONE is not set: /);
    expect(contactWarning(loadConfig({ CLINIC_PHONE: '+44 20 7946 0000' }).clinic)).toMatch(/^EMERGENCY_NUMBER is not set: /);
    expect(contactWarning(loadConfig({ CLINIC_PHONE: '+44 20 7946 0000', EMERGENCY_NUMBER: '999' }).clinic)).toBeUndefined();
  });

  it('.env.example holds placeholders, not real-looking details, and copied as it is they count as not set', () => {
    const example = parseDotenv(readFileSync(join(projectRoot(), '.env.example')));
    for (const name of ['CLINIC_PHONE', 'EMERGENCY_NUMBER', 'CLINIC_NAME', 'CLINIC_WEB']) expect([name, example[name]]).toEqual([name, 'REPLACE-ME']);
    const config = loadConfig(example);
    expect(config.clinic).toEqual(expect.objectContaining({ name: 'your clinic', phone: undefined, web: undefined, emergencyNumber: 'your local emergency number' }));
    expect(contactWarning(config.clinic)).toMatch(/CLINIC_PHONE and EMERGENCY_NUMBER are not set/);
  });

  it.each([
    [{ PORT: 'abc' }, 'Configuration error: PORT must be a whole number between 0 and 65535 (got "abc")'],
    [{ PORT: '70000' }, 'Configuration error: PORT must be at most 65535 (got "70000")'],
    [{ MicrosoftAppId: '1b6a1b3e-0000-4000-8000-000000000000' }, 'Configuration error: MicrosoftAppPassword is required when MicrosoftAppId is set'],
    [{ MicrosoftAppType: 'Personal' }, 'Configuration error: MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI (got "Personal")'],
    [{ CLINIC_PHONE: 'call us' }, 'Configuration error: CLINIC_PHONE must be a phone number such as +1 555 010 0199 (got "call us")'],
    [{ CLINIC_WEB: 'clinic.example' }, 'Configuration error: CLINIC_WEB must be a web address starting with http:// or https:// (got "clinic.example")'],
    [{ STORAGE: 'redis' }, 'Configuration error: STORAGE must be memory or blob (got "redis")'],
    [{ STORAGE: 'blob' }, 'Configuration error: BLOB_CONNECTION_STRING is required when STORAGE is blob'],
    [{ LOG_MESSAGE_TEXT: 'true', MicrosoftAppId: 'x', MicrosoftAppPassword: 'y' }, 'Configuration error: LOG_MESSAGE_TEXT may only be true for local use (no MicrosoftAppId): message text is health data'],
  ])('refuses %j with one clear line', (env, message) => {
    const error = errorFor(env as Record<string, string>);
    expect(error).toBe(message);
    expect(error.split('\n')).toHaveLength(1);
  });

  it('never repeats a secret in the error', () => {
    expect(errorFor({ STORAGE: 'blob', BLOB_CONNECTION_STRING: '' })).not.toContain('AccountKey');
    const error = errorFor({ DIRECT_LINE_SECRET: 'x', BLOB_CONTAINER: 'UPPER' });
    expect(error).toContain('BLOB_CONTAINER');
  });

  describe('.env', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'env-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('fills what the environment leaves unset; the environment wins', () => {
      writeFileSync(join(dir, '.env'), 'CLINIC_NAME=From file\nPORT=4000\n');
      const env = readEnvironment(dir, { PORT: '5000' });
      expect(loadConfig(env)).toEqual(expect.objectContaining({ port: 5000, clinic: expect.objectContaining({ name: 'From file' }) }));
    });

    it('is optional', () => {
      expect(loadConfig(readEnvironment(dir, {})).port).toBe(3978);
    });
  });
});
