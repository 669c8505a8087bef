/**
 * npm run teams:package
 *
 * Builds the Microsoft Teams app package: teams/manifest.template.json filled in from the bot's
 * configuration (environment, then .env), validated offline against the bundled Teams manifest
 * schema, with the two icons checked, zipped as teams/build/<name>.zip with manifest.json, color.png
 * and outline.png at the root of the zip. Any problem: one line each on stderr, and exit code 1.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import JSZip from 'jszip';
import { readEnvironment } from '../bot/config';
import { projectRoot } from '../core/projectRoot';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from './teamsIcons';
import { buildManifest, teamsDir, TeamsPackageError, type Environment, type TeamsManifest } from './teamsManifest';
import { decodePng, readPngHeader } from './teamsPng';

/** A fixed time stamp for every zip entry, so the same inputs always give the same bytes. */
const ZIP_DATE = new Date(Date.UTC(2024, 0, 1));

export interface PackageOptions {
  /** The configuration to package for; default: the environment, then .env in the project root. */
  env?: Environment;
  /** The project root (holding teams/); default: the folder with package.json. */
  root?: string;
  /** Where the zip goes; default: teams/build. */
  outDir?: string;
}

export interface PackageResult {
  zipPath: string;
  manifest: TeamsManifest;
  warnings: string[];
}

/**
 * Problems with one icon, as Teams checks them: a PNG of exactly the right size; the outline icon
 * white on transparent (every pixel either fully transparent or white).
 */
export function checkIcon(label: string, bytes: Uint8Array, size: number, kind: 'color' | 'outline'): string[] {
  let header;
  try {
    header = readPngHeader(bytes);
  } catch (err) {
    return [`${label}: ${(err as Error).message}`];
  }
  if (header.width !== size || header.height !== size) {
    return [`${label} is ${header.width}x${header.height} pixels; Teams needs ${size}x${size} (redraw with: npx tsx scripts/teamsIcons.ts)`];
  }
  if (kind === 'color') return [];
  let image;
  try {
    image = decodePng(bytes);
  } catch (err) {
    return [`${label}: ${(err as Error).message}; Teams needs a 32-bit RGBA PNG for the outline icon`];
  }
  let offending = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b, a] = image.data.subarray(i, i + 4);
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) offending++;
  }
  return offending > 0 ? [`${label} has ${offending} pixels that are neither white nor transparent; Teams needs a white outline on a transparent background`] : [];
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'teams-app';
}

/** Builds the package and returns where it went; throws TeamsPackageError listing every problem found. */
export async function buildTeamsPackage(options: PackageOptions = {}): Promise<PackageResult> {
  const root = options.root ?? projectRoot();
  const env = options.env ?? readEnvironment(root);
  const { manifest, warnings } = buildManifest(env, root);

  const dir = teamsDir(root);
  const icons = [
    { entry: manifest.icons.color, size: COLOR_ICON_SIZE, kind: 'color' as const },
    { entry: manifest.icons.outline, size: OUTLINE_ICON_SIZE, kind: 'outline' as const },
  ];
  const problems: string[] = [];
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  for (const icon of icons) {
    if (!/^[\w.-]+\.png$/i.test(icon.entry)) {
      problems.push(`manifest.json icons.${icon.kind} must be a PNG file name at the package root (got "${icon.entry}")`);
      continue;
    }
    const label = `teams/${icon.entry}`;
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, icon.entry));
    } catch {
      problems.push(`${label} is missing (draw it with: npx tsx scripts/teamsIcons.ts)`);
      continue;
    }
    problems.push(...checkIcon(label, bytes, icon.size, icon.kind));
    files.push({ name: icon.entry, bytes });
  }
  if (problems.length > 0) throw new TeamsPackageError(problems);

  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2) + '\n', { date: ZIP_DATE });
  for (const file of files) zip.file(file.name, file.bytes, { date: ZIP_DATE, binary: true });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });

  const outDir = options.outDir ?? join(dir, 'build');
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `${slug(manifest.name.short)}.zip`);
  writeFileSync(zipPath, bytes);
  return { zipPath, manifest, warnings };
}

async function main(): Promise<number> {
  try {
    const { zipPath, manifest, warnings } = await buildTeamsPackage();
    for (const warning of warnings) console.warn(`Teams package: warning: ${warning}`);
    const bot = manifest.bots?.[0]?.botId;
    console.log(
      `Teams package: wrote ${relative(process.cwd(), zipPath) || zipPath} (manifest ${manifest.manifestVersion}, app ${manifest.id}, bot ${bot}, version ${manifest.version})`,
    );
    return 0;
  } catch (err) {
    if (err instanceof TeamsPackageError) {
      for (const problem of err.problems) console.error(`Teams package: ${problem}`);
    } else {
      console.error(`Teams package: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
    return 1;
  }
}

if (require.main === module) {
  main().then((code) => {
    process.exitCode = code;
  });
}
