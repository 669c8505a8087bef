/**
 * Bundles the server (index.ts and everything it imports, node_modules included) into one file,
 * dist/server.js, with a source map beside it, and writes V8's code cache for it. Loading the bot's
 * dependencies module by module means resolving and reading a few thousand small files (botbuilder,
 * botbuilder-dialogs and restify alone), which took most of the start-up; one file is read once, and
 * with the cache most of it is not compiled again. The per-module dist/ tsc writes stays as it is
 * (tests, scripts, `main`).
 *
 *   npm run build           (tsc, then this, as node dist/scripts/bundle.js)
 *
 * `npm start` runs dist/start.js (scripts/launch.ts), which loads the bundle with its cache and maps
 * stack traces back to the TypeScript sources. The cache is written by a node run with the start
 * script's flags, because V8 refuses a cache made under other flags. Data is not bundled: knowledge/,
 * web/ and the web chat's files are read from the project folder at run time, as before.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../core/projectRoot';
import { runCli } from './cli';
import { filterSourceMap, type SourceMapV3 } from './sourceMapFilter';
import { TINYLD_MODULE, withBuiltTables } from './bundleShims/tinyldTables';

/**
 * Optional packages some dependencies try to load inside try/catch when present (restify's DTrace
 * probes, ws's native helpers, node-fetch's encoding). They are not installed; left as plain require()
 * calls they fail at run time exactly as they do unbundled, and the dependency carries on without them.
 */
export const OPTIONAL_EXTERNALS = ['dtrace-provider', 'bufferutil', 'utf-8-validate', 'encoding', 'supports-color'];

/**
 * Packages whose index the bundle replaces with the parts the bot uses (scripts/bundleShims/): their
 * index loads much the bot never runs, at every start. Tests and scripts use the packages as they are.
 */
export const BUNDLE_SHIMS: Record<string, string> = {
  'botbuilder-dialogs': join('scripts', 'bundleShims', 'botbuilderDialogs.ts'),
};

/**
 * Packages the bundle loads at their first use instead of at start (scripts/bundleShims/): what
 * imports them gets a stand-in that loads the package when something of it is used. The stand-in
 * itself imports the real package.
 */
export const LOADED_ON_FIRST_USE: Record<string, string> = {
  axios: join('scripts', 'bundleShims', 'lazyAxios.ts'),
};

const exactly = (names: string[]) => new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);

function shimPlugin(root: string): Plugin {
  return {
    name: 'bundle-shims',
    setup(b) {
      b.onResolve({ filter: exactly(Object.keys(BUNDLE_SHIMS)) }, (args) => ({ path: join(root, BUNDLE_SHIMS[args.path]) }));
      b.onResolve({ filter: exactly(Object.keys(LOADED_ON_FIRST_USE)) }, (args) => {
        const standIn = join(root, LOADED_ON_FIRST_USE[args.path]);
        return args.importer === standIn ? undefined : { path: standIn };
      });
      // tinyld's tables, built now rather than at every start (scripts/bundleShims/tinyldTables.ts).
      b.onLoad({ filter: TINYLD_MODULE }, (args) => ({ contents: escapeNonAscii(withBuiltTables(readFileSync(args.path, 'utf8'))), loader: 'js' }));
      // A dependency's non-ASCII characters, escaped (see escapeNonAscii); files without any load as they are.
      b.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        return /[\u0080-\uffff]/.test(text) ? { contents: escapeNonAscii(text), loader: 'js' } : undefined;
      });
    },
  };
}

/**
 * The text with every non-ASCII character written as a \\u escape. esbuild escapes them in strings,
 * but not in regular expression literals, and one such character anywhere makes the 9 MB bundle a
 * two-byte string to V8 (twice the memory, and decoded as UTF-8 at every start rather than copied
 * byte for byte: scripts/launch.ts reads an ASCII bundle as Latin-1). In a regular expression, a string
 * or a comment, \\uXXXX means the same character (a character outside the BMP as its two surrogates,
 * which a /u pattern reads as one code point); a character escaped with a backslash of its own
 * (an identity escape, "\\–") keeps one backslash.
 */
export function escapeNonAscii(text: string): string {
  return text.replace(/(\\*)([\u0080-\uffff])/g, (_, slashes: string, ch: string) => {
    const escaped = `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    return `${slashes.length % 2 === 1 ? slashes.slice(1) : slashes}${escaped}`;
  });
}

export function bundleOptions(root: string = projectRoot(), outfile: string = join(root, 'dist', 'server.js')): BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: [join(root, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    // Sources stay out of the map: the traces name file and line, and the map stays small to read.
    sourcesContent: false,
    external: OPTIONAL_EXTERNALS,
    plugins: [shimPlugin(root)],
    logLevel: 'warning',
    logOverride: {
      // require.resolve('botframework-webchat') finds the web chat's files on disk at run time, as intended.
      'require-resolve-not-external': 'silent',
    },
    legalComments: 'none',
    // Fewer bytes to read, scan for its source map and compile; names stay, so traces stay readable.
    minifyWhitespace: true,
  };
}

/**
 * Our own sources: what stack traces are mapped back to (see sourceMapFilter.ts). Not the dependencies,
 * whether named by their path in node_modules or, where a package ships its own source map, by a URL.
 */
export function isOwnSource(source: string): boolean {
  return !/(^|\/)node_modules\//.test(source) && !/^[a-z][a-z0-9+.-]*:/i.test(source);
}

/** Writes the bundle and its source map (our own sources only); returns the bundle's path. */
export async function bundleServer(root: string = projectRoot(), outfile?: string): Promise<string> {
  const options = bundleOptions(root, outfile);
  await build(options);
  const mapFile = `${options.outfile!}.map`;
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapV3;
  writeFileSync(mapFile, JSON.stringify(filterSourceMap(map, isOwnSource)));
  return options.outfile!;
}

/** The launcher, dist/start.js: small, and bundled on its own so that it loads in one file too. */
export async function bundleLauncher(root: string = projectRoot(), outfile: string = join(root, 'dist', 'start.js')): Promise<string> {
  await build({ absWorkingDir: root, entryPoints: [join(root, 'scripts', 'launch.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
  return outfile;
}

/** The node flags of package.json's start script (everything between "node" and the file). */
export function startFlags(root: string = projectRoot()): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts.start.trim().split(/\s+/);
  return words.slice(1, -1);
}

/** Writes launcher's code cache of the bundle beside it, in a node run with the start script's flags. */
export function writeBundleCodeCache(launcher: string, root: string = projectRoot()): string {
  const run = spawnSync(process.execPath, [...startFlags(root), launcher, '--write-code-cache'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`writing the code cache failed: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return run.stdout.trim();
}

if (require.main === module) {
  runCli(async () => {
    const out = await bundleServer();
    const launcher = await bundleLauncher();
    console.log(`bundled the server into ${relative(projectRoot(), out)}, its launcher into ${relative(projectRoot(), launcher)}`);
    console.log(writeBundleCodeCache(launcher));
    return 0;
  });
}
