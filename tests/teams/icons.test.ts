import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../core/projectRoot';
import { checkIcon } from '../../scripts/teamsPackage';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/teamsIcons';
import { decodePng, encodePng, readPngHeader, type RgbaImage } from '../../scripts/teamsPng';

const teams = join(projectRoot(), 'teams');
const colorPng = readFileSync(join(teams, 'color.png'));
const outlinePng = readFileSync(join(teams, 'outline.png'));

function pixels(image: RgbaImage): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  for (let i = 0; i < image.data.length; i += 4) out.push([image.data[i], image.data[i + 1], image.data[i + 2], image.data[i + 3]]);
  return out;
}

const hex = ([r, g, b]: number[]) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

describe('the committed Teams icons', () => {
  it('color.png is a 192x192 RGBA PNG', () => {
    expect(readPngHeader(colorPng)).toMatchObject({ width: 192, height: 192, bitDepth: 8, colorType: 6 });
    expect(checkIcon('color.png', colorPng, 192, 'color')).toEqual([]);
  });

  it('outline.png is a 32x32 RGBA PNG', () => {
    expect(readPngHeader(outlinePng)).toMatchObject({ width: 32, height: 32, bitDepth: 8, colorType: 6 });
    expect(checkIcon('outline.png', outlinePng, 32, 'outline')).toEqual([]);
  });

  it('outline.png has only white or fully transparent pixels, and does draw something', () => {
    const all = pixels(decodePng(outlinePng));
    expect(all.filter(([r, g, b, a]) => a !== 0 && (r !== 255 || g !== 255 || b !== 255))).toEqual([]);
    expect(all.filter(([, , , a]) => a === 255).length).toBeGreaterThan(40);
    // The corners are background: transparent.
    for (const i of [0, 31, 32 * 31, 32 * 32 - 1]) expect(all[i][3]).toBe(0);
  });

  it('color.png is fully opaque: a white drop in the middle of a single background colour', () => {
    const image = decodePng(colorPng);
    const all = pixels(image);
    expect(all.every(([, , , a]) => a === 255)).toBe(true);
    const corner = all[0];
    for (const i of [191, 192 * 191, 192 * 192 - 1]) expect(all[i]).toEqual(corner);
    expect(all[120 * 192 + 96]).toEqual([255, 255, 255, 255]);
  });

  it('are what scripts/teamsIcons.ts draws, so they can be regenerated', () => {
    const background = hex(pixels(decodePng(colorPng))[0]);
    expect(encodePng(drawColorIcon(background)).equals(colorPng)).toBe(true);
    expect(encodePng(drawOutlineIcon()).equals(outlinePng)).toBe(true);
  });
});

describe('the icon check', () => {
  const solid = (size: number, rgba: number[]): RgbaImage => {
    const data = new Uint8Array(size * size * 4);
    for (let i = 0; i < size * size; i++) data.set(rgba, i * 4);
    return { width: size, height: size, data };
  };

  it('refuses an icon of the wrong size', () => {
    expect(checkIcon('teams/color.png', encodePng(solid(96, [0, 0, 0, 255])), 192, 'color')).toEqual([
      expect.stringMatching(/is 96x96 pixels; Teams needs 192x192/),
    ]);
  });

  it('refuses an outline icon with a coloured pixel', () => {
    const image = decodePng(outlinePng);
    image.data.set([255, 0, 0, 255], (16 * 32 + 16) * 4);
    expect(checkIcon('teams/outline.png', encodePng(image), 32, 'outline')).toEqual([expect.stringMatching(/1 pixels that are neither white nor transparent/)]);
  });

  it('accepts a transparent pixel of any colour in the outline icon', () => {
    expect(checkIcon('o.png', encodePng(solid(32, [12, 34, 56, 0])), 32, 'outline')).toEqual([]);
  });

  it('refuses a file that is not a PNG', () => {
    expect(checkIcon('teams/color.png', Buffer.from('GIF89a not a png at all, not at all.'), 192, 'color')).toEqual([expect.stringMatching(/not a PNG/)]);
  });

  it('round-trips the PNG encoder through the decoder', () => {
    const image = drawOutlineIcon();
    expect(Buffer.from(decodePng(encodePng(image)).data).equals(Buffer.from(image.data))).toBe(true);
  });
});
