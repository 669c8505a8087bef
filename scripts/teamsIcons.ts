/**
 * Draws the two Teams app icons: teams/color.png (192x192, a white milk drop on the clinic colour) and
 * teams/outline.png (32x32, a white drop outline on a transparent background, as Teams requires).
 *
 *   npx tsx scripts/teamsIcons.ts            # colour from CLINIC_COLOR (environment or .env), else #7a3e9d
 *
 * The PNGs are committed; run this again only to change the drawing or the clinic colour.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPackagingConfig, teamsDir } from './teamsManifest';
import { encodePng, type RgbaImage } from './teamsPng';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
export const DEFAULT_ICON_COLOR = '#7a3e9d';

/** A drop: the convex hull of a circle and a tip straight above it. */
interface Drop {
  cx: number;
  cy: number;
  r: number;
  /** Distance from the circle's centre up to the tip. */
  tip: number;
}

function insideDrop(x: number, y: number, d: Drop): boolean {
  const dx = x - d.cx;
  const up = d.cy - y; // distance along the axis towards the tip
  if (dx * dx + up * up <= d.r * d.r) return true;
  // The straight sides run from the tip to the tangent points on the circle.
  const tangentAt = (d.r * d.r) / d.tip;
  if (up < tangentAt || up > d.tip) return false;
  const tangentHalfWidth = d.r * Math.sqrt(1 - (d.r * d.r) / (d.tip * d.tip));
  return Math.abs(dx) <= (tangentHalfWidth * (d.tip - up)) / (d.tip - tangentAt);
}

/** The same drop, shrunk by `by` on every side: the sides keep their angle, so the tip moves in further. */
function insetDrop(d: Drop, by: number): Drop {
  return { cx: d.cx, cy: d.cy, r: d.r - by, tip: d.tip - (by * d.tip) / d.r };
}

const SAMPLES = 4;

/** Fraction of the pixel (px, py) covered, from SAMPLES x SAMPLES points inside it. */
function coverage(px: number, py: number, inside: (x: number, y: number) => boolean): number {
  let hits = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      if (inside(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)) hits++;
    }
  }
  return hits / (SAMPLES * SAMPLES);
}

export function parseHexColor(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a colour like #7a3e9d: "${hex}"`);
  return [parseInt(match[1], 16), parseInt(match[2], 16), parseInt(match[3], 16)];
}

/** 192x192, opaque: a white drop filling the middle of a square of the clinic colour. */
export function drawColorIcon(hex: string = DEFAULT_ICON_COLOR): RgbaImage {
  const size = COLOR_ICON_SIZE;
  const [r, g, b] = parseHexColor(hex);
  const drop: Drop = { cx: 96, cy: 114, r: 44, tip: 80 };
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, (sx, sy) => insideDrop(sx, sy, drop));
      const blend = (bg: number) => Math.round(bg + (255 - bg) * c);
      data.set([blend(r), blend(g), blend(b), 255], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

/** 32x32: a white drop outline, about 2 px wide, on a fully transparent background. Every pixel is white; only alpha varies. */
export function drawOutlineIcon(): RgbaImage {
  const size = OUTLINE_ICON_SIZE;
  const outer: Drop = { cx: 16, cy: 19.5, r: 9.5, tip: 16.5 };
  const inner = insetDrop(outer, 2);
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, (sx, sy) => insideDrop(sx, sy, outer) && !insideDrop(sx, sy, inner));
      data.set([255, 255, 255, Math.round(255 * c)], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

export function writeIcons(dir: string, hex: string = DEFAULT_ICON_COLOR): { color: string; outline: string } {
  const color = join(dir, 'color.png');
  const outline = join(dir, 'outline.png');
  writeFileSync(color, encodePng(drawColorIcon(hex)));
  writeFileSync(outline, encodePng(drawOutlineIcon()));
  return { color, outline };
}

function main(): number {
  try {
    const config = loadPackagingConfig();
    const written = writeIcons(teamsDir(), config.web.color);
    console.log(`Teams icons drawn with ${config.web.color}: ${written.color}, ${written.outline}`);
    return 0;
  } catch (err) {
    console.error(`Teams icons: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main();
