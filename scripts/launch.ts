/**
 * What `npm start` runs (built to dist/start.js): loads the server bundle, dist/server.js, with the V8
 * code cache the build made for it (dist/server.js.cache), then the server starts as usual.
 *
 * Why: compiling the bundle's 12 MB of JavaScript was about half of loading it. The cache holds V8's
 * compiled code of everything that runs while the bundle loads, so a start skips that work.
 *
 * Safety: the cache is used only for the exact bundle it was made from (its SHA-1 is the cache's
 * first 40 bytes; V8's own check looks at the length only). A cache made by another Node or with other
 * V8 flags is refused by V8. Either way the bundle is then compiled as usual: slower, never wrong.
 *
 * Stack traces: node's --enable-source-maps does not see code compiled this way, so this maps frames of
 * the bundle back to the TypeScript sources itself, from dist/server.js.map (read at the first trace).
 *
 *   node dist/start.js                        start the server
 *   node dist/start.js --write-code-cache     (the build) load the bundle without starting, write the cache
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire, SourceMap } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';

/** What became of the code cache: used, none there, made from another bundle, or refused by V8. */
export type CacheUse = 'used' | 'missing' | 'stale' | 'rejected';

const HASH_LENGTH = 40;

export interface LoadedBundle {
  exports: unknown;
  cache: CacheUse;
  script: Script;
}

/** Of the file's bytes: the same digest as of its text, without encoding 9 MB of it again. */
function sha1(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

/** The cached data for `source`, or why there is none. */
function readCache(cacheFile: string, hash: string): { data?: Buffer; use: CacheUse } {
  if (!existsSync(cacheFile)) return { use: 'missing' };
  const raw = readFileSync(cacheFile);
  if (raw.subarray(0, HASH_LENGTH).toString('latin1') !== hash) return { use: 'stale' };
  return { data: raw.subarray(HASH_LENGTH), use: 'used' };
}

/**
 * Runs a CommonJS bundle as node would (its own module, require resolving from its folder), compiled
 * with its code cache when that fits. With asMain, `require.main === module` holds inside it, so an
 * entry point that starts itself only when run directly starts.
 */
export function loadBundle(file: string, cacheFile = `${file}.cache`, asMain = true): LoadedBundle {
  const bytes = readFileSync(file);
  // The build writes the bundle in ASCII (scripts/bundle.ts): read as Latin-1, its bytes are copied
  // into a one-byte string instead of decoded as UTF-8 (the same text; any other bundle is decoded).
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const cached = readCache(cacheFile, sha1(bytes));
  // The wrapper's first line is its own, so the bundle's lines keep their numbers (lineOffset -1).
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, {
    filename: file,
    lineOffset: -1,
    cachedData: cached.data,
  });
  const cache: CacheUse = cached.data && script.cachedDataRejected ? 'rejected' : cached.use;
  const resolving = createRequire(file);
  const bundleModule = new Module(file);
  bundleModule.filename = file;
  // Where module.require would look, as node sets it for any module (the require above resolves the same way).
  bundleModule.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  const bundleRequire = Object.assign((id: string): unknown => resolving(id), {
    resolve: resolving.resolve,
    cache: resolving.cache,
    extensions: resolving.extensions,
    main: asMain ? bundleModule : require.main,
  }) as NodeJS.Require;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(bundleModule.exports, bundleModule.exports, bundleRequire, bundleModule, file, dirname(file));
  bundleModule.loaded = true;
  return { exports: bundleModule.exports, cache, script };
}

/**
 * Writes the code cache of `file`, after loading it (not as main: the server does not start) and
 * rehearsing a start when the bundle exports rehearseStart (index.ts): V8 puts in the cache every
 * function compiled so far, so a start finds compiled the code of loading the knowledge, warming the
 * detector and a turn, not only that of loading the bundle. A rehearsal that fails leaves a smaller
 * cache, never a wrong one.
 */
export async function writeCodeCache(file: string, cacheFile = `${file}.cache`): Promise<number> {
  const { script, exports } = loadBundle(file, '/nonexistent', false);
  const rehearse = (exports as { rehearseStart?: () => Promise<void> }).rehearseStart;
  if (typeof rehearse === 'function') {
    try {
      await rehearse();
    } catch (err) {
      console.error(`code cache: the rehearsed start failed, the cache holds the loading only: ${(err as Error).message}`);
    }
  }
  const data = script.createCachedData();
  writeFileSync(cacheFile, Buffer.concat([Buffer.from(sha1(readFileSync(file)), 'latin1'), data]));
  return data.length;
}

/**
 * Stack frames in `file` shown at their place in the TypeScript sources, as node's
 * --enable-source-maps would; other frames as V8 shows them.
 */
export function mapStackTraces(file: string, mapFile = `${file}.map`): void {
  let map: SourceMap | null | undefined;
  const sourceMap = (): SourceMap | null => {
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
      } catch {
        map = null;
      }
    }
    return map;
  };
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => {
    const lines = frames.map((frame) => {
      const shown = String(frame);
      const line = frame.getLineNumber();
      const column = frame.getColumnNumber();
      if (frame.getFileName() !== file || line === null || column === null) return `    at ${shown}`;
      const entry = sourceMap()?.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
      if (!entry?.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return `    at ${shown}`;
      const original = `${resolve(dirname(file), entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
      return `    at ${shown.replace(`${file}:${line}:${column}`, original)}`;
    });
    let header: string;
    try {
      header = String(error);
    } catch {
      header = 'Error';
    }
    return [header, ...lines].join('\n');
  };
}

if (require.main === module) {
  const bundle = join(__dirname, 'server.js');
  if (process.argv.includes('--write-code-cache')) {
    writeCodeCache(bundle).then(
      (bytes) => console.log(`wrote the code cache of ${bundle} (${Math.round(bytes / 1024)} kB)`),
      (err: Error) => {
        console.error(`writing the code cache failed: ${err.message}`);
        process.exitCode = 1;
      },
    );
  } else {
    mapStackTraces(bundle);
    loadBundle(bundle);
  }
}
