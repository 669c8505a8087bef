import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBundle, writeCodeCache } from '../../scripts/launch';

describe('the launcher uses a code cache only for the bundle it was made from', () => {
  let dir: string;
  let file: string;
  const bundleSaying = (word: string) => `exports.word = ${JSON.stringify(word)}; exports.main = require.main === module; exports.resolves = typeof require.resolve('node:path');\n`;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'launch-'));
    file = join(dir, 'server.js');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a bundle without a cache, as its own main module', () => {
    writeFileSync(file, bundleSaying('hello'));
    const loaded = loadBundle(file);
    expect(loaded.cache).toBe('missing');
    expect(loaded.exports).toEqual({ word: 'hello', main: true, resolves: 'string' });
    expect((loadBundle(file, undefined, false).exports as { main: boolean }).main).toBe(false);
  });

  it('uses the cache made for the same bundle', async () => {
    writeFileSync(file, bundleSaying('hello'));
    await writeCodeCache(file);
    const loaded = loadBundle(file);
    expect(loaded.cache).toBe('used');
    expect((loaded.exports as { word: string }).word).toBe('hello');
  });

  it('rehearses the start a bundle exports before writing its cache, and writes it when the rehearsal fails', async () => {
    const mark = join(dir, 'rehearsed');
    writeFileSync(file, `${bundleSaying('hello')}exports.rehearseStart = async () => require('node:fs').writeFileSync(${JSON.stringify(mark)}, 'yes');\n`);
    await writeCodeCache(file);
    expect(readFileSync(mark, 'utf8')).toBe('yes');
    writeFileSync(file, `${bundleSaying('hello')}exports.rehearseStart = async () => { throw new Error('no knowledge here'); };\n`);
    const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
    expect(await writeCodeCache(file)).toBeGreaterThan(0);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('no knowledge here'));
    errors.mockRestore();
    expect(loadBundle(file).cache).toBe('used');
  });

  it('refuses a cache made for another bundle of the same length, and runs the new code', async () => {
    writeFileSync(file, bundleSaying('hello'));
    await writeCodeCache(file);
    writeFileSync(file, bundleSaying('world'));
    const loaded = loadBundle(file);
    expect(loaded.cache).toBe('stale');
    expect((loaded.exports as { word: string }).word).toBe('world');
  });
});
