/** Colours for the pages, derived from the clinic's one colour so every pairing stays readable (WCAG AA). */

export interface Theme {
  /** The clinic's colour, for headers, the launcher and the parent's bubbles. */
  color: string;
  /** Text on `color`: black or white, whichever contrasts more. */
  ink: string;
  /** `color` darkened until it reads on white at 4.5:1: links, focus rings, suggested actions. */
  accent: string;
}

function channels(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(channels(a)), luminance(channels(b))].sort((x, y) => y - x);
  return (la + 0.05) / (lb + 0.05);
}

function hex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

export function themeFor(color: string): Theme {
  const normalised = hex(channels(color));
  const ink = contrast(normalised, '#ffffff') >= contrast(normalised, '#000000') ? '#ffffff' : '#000000';
  let accent = normalised;
  for (let factor = 0.95; contrast(accent, '#ffffff') < 4.5 && factor > 0; factor -= 0.05) {
    accent = hex(channels(normalised).map((c) => c * factor) as [number, number, number]);
  }
  return { color: normalised, ink, accent };
}
