import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

  it('uses the cache made for the same bundle', () => {
    writeFileSync(file, bundleSaying('hello'));
    writeCodeCache(file);
    const loaded = loadBundle(file);
    expect(loaded.cache).toBe('used');
    expect((loaded.exports as { word: string }).word).toBe('hello');
  });

  it('refuses a cache made for another bundle of the same length, and runs the new code', () => {
    writeFileSync(file, bundleSaying('hello'));
    writeCodeCache(file);
    writeFileSync(file, bundleSaying('world'));
    const loaded = loadBundle(file);
    expect(loaded.cache).toBe('stale');
    expect((loaded.exports as { word: string }).word).toBe('world');
  });
});
