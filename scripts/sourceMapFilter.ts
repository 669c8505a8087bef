/**
 * Keeps only some sources' mappings in a source map (version 3). The server bundle holds about 15 MB
 * of dependencies and half a megabyte of our own code; reading the whole map decodes every mapping
 * (with node's --enable-source-maps, at load: about 40 MB of memory and a noticeable part of the
 * start-up). Stack traces need the mappings of our own TypeScript; a frame inside a dependency then
 * shows the bundle's file and line, which is enough to find it.
 */

export interface SourceMapV3 {
  version: 3;
  sources: string[];
  sourcesContent?: Array<string | null>;
  names: string[];
  mappings: string;
  file?: string;
  sourceRoot?: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** The base64 VLQ numbers of one segment ("AAgBC" -> [0, 0, 16, 1]). */
export function decodeSegment(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`not a base64 VLQ digit: "${c}"`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
      value = 0;
      shift = 0;
    }
  }
  if (shift !== 0) throw new Error(`segment "${segment}" ends inside a number`);
  return out;
}

export function encodeSegment(numbers: readonly number[]): string {
  let out = '';
  for (const n of numbers) {
    let value = n < 0 ? -n * 2 + 1 : n * 2;
    do {
      let digit = value % 32;
      value = Math.floor(value / 32);
      if (value > 0) digit |= 32;
      out += BASE64[digit];
    } while (value > 0);
  }
  return out;
}

/**
 * The map with only the mappings into sources `keep` accepts; the other sources leave the list (with
 * their content, if any), and names no kept mapping uses leave the names. Generated lines and columns
 * are unchanged.
 */
export function filterSourceMap(map: SourceMapV3, keep: (source: string) => boolean): SourceMapV3 {
  const kept = map.sources.map((s) => keep(s));
  const newIndex: number[] = [];
  let next = 0;
  for (const k of kept) newIndex.push(k ? next++ : -1);
  const names: string[] = [];
  const nameIndex = new Map<number, number>();
  const keptName = (i: number): number => {
    let n = nameIndex.get(i);
    if (n === undefined) {
      n = names.push(map.names[i]) - 1;
      nameIndex.set(i, n);
    }
    return n;
  };

  // Absolute state of the input (the format stores differences from the previous segment).
  let source = 0;
  let line = 0;
  let column = 0;
  let name = 0;
  // Previous values written to the output.
  let outSource = 0;
  let outLine = 0;
  let outColumn = 0;
  let outName = 0;
  const lines = map.mappings.split(';').map((generatedLine) => {
    let generatedColumn = 0;
    let outGeneratedColumn = 0;
    const segments: string[] = [];
    for (const segment of generatedLine.split(',')) {
      if (segment === '') continue;
      const f = decodeSegment(segment);
      generatedColumn += f[0];
      if (f.length === 1) continue; // a position with no source: nothing to keep
      source += f[1];
      line += f[2];
      column += f[3];
      if (f.length >= 5) name += f[4];
      if (!kept[source]) continue;
      const fields = [generatedColumn - outGeneratedColumn, newIndex[source] - outSource, line - outLine, column - outColumn];
      if (f.length >= 5) {
        const n = keptName(name);
        fields.push(n - outName);
        outName = n;
      }
      segments.push(encodeSegment(fields));
      outGeneratedColumn = generatedColumn;
      outSource = newIndex[source];
      outLine = line;
      outColumn = column;
    }
    return segments.join(',');
  });

  const result: SourceMapV3 = { ...map, sources: map.sources.filter((_, i) => kept[i]), names, mappings: lines.join(';') };
  if (map.sourcesContent) result.sourcesContent = map.sourcesContent.filter((_, i) => kept[i]);
  return result;
}
