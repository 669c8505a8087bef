import { decodeSegment, encodeSegment, filterSourceMap, type SourceMapV3 } from '../../scripts/sourceMapFilter';

/** Every mapping of a map as absolute positions: [generated line, generated column, source, line, column, name?]. */
function absoluteMappings(map: SourceMapV3): Array<{ gLine: number; gCol: number; source: string; line: number; col: number; name?: string }> {
  const out: Array<{ gLine: number; gCol: number; source: string; line: number; col: number; name?: string }> = [];
  let source = 0;
  let line = 0;
  let col = 0;
  let name = 0;
  map.mappings.split(';').forEach((generated, gLine) => {
    let gCol = 0;
    for (const segment of generated.split(',').filter((s) => s !== '')) {
      const f = decodeSegment(segment);
      gCol += f[0];
      if (f.length === 1) continue;
      source += f[1];
      line += f[2];
      col += f[3];
      if (f.length >= 5) name += f[4];
      out.push({ gLine, gCol, source: map.sources[source], line, col, ...(f.length >= 5 ? { name: map.names[name] } : {}) });
    }
  });
  return out;
}

describe('source map filter (the server bundle keeps mappings of our own code only)', () => {
  it('reads and writes base64 VLQ numbers, negative and large ones included', () => {
    expect(decodeSegment('AAgBC')).toEqual([0, 0, 16, 1]);
    for (const numbers of [[0], [1, -1, 15, -16, 16], [123456789, -987654], [0, 0, 0, 0, 0]]) {
      expect(decodeSegment(encodeSegment(numbers))).toEqual(numbers);
    }
    expect(() => decodeSegment('g')).toThrow(/ends inside a number/);
  });

  it('drops the mappings into unwanted sources and leaves every kept position where it was', () => {
    const sources = ['../index.ts', '../node_modules/dep/a.js', '../core/x.ts', 'https://example.org/src/b.ts'];
    const names = ['main', 'depFn', 'helper', 'other'];
    // Line 0: index.ts then dep; line 1: dep only; line 2: x.ts with a name, dep, then index.ts again.
    const raw = [
      [
        [0, 0, 0, 0],
        [10, 1, 5, 2, 1],
      ],
      [[0, 1, 6, 0]],
      [
        [4, 2, 3, 7, 2],
        [20, 3, 1, 1, 3],
        [30, 0, 9, 4],
        [40],
      ],
    ];
    // Encode as a real map would: differences from the previous segment.
    const state = { source: 0, line: 0, col: 0, name: 0 };
    const mappings = raw
      .map((segments) => {
        let gCol = 0;
        return segments
          .map((s) => {
            const fields = [s[0] - gCol];
            gCol = s[0];
            if (s.length > 1) {
              fields.push(s[1] - state.source, s[2] - state.line, s[3] - state.col);
              state.source = s[1];
              state.line = s[2];
              state.col = s[3];
            }
            if (s.length > 4) {
              fields.push(s[4] - state.name);
              state.name = s[4];
            }
            return encodeSegment(fields);
          })
          .join(',');
      })
      .join(';');
    const map: SourceMapV3 = { version: 3, sources, names, mappings, sourcesContent: ['a', 'b', 'c', 'd'] };
    const own = (s: string) => !s.includes('node_modules/') && !s.startsWith('https:');

    const filtered = filterSourceMap(map, own);

    expect(filtered.sources).toEqual(['../index.ts', '../core/x.ts']);
    expect(filtered.sourcesContent).toEqual(['a', 'c']);
    expect(filtered.names).toEqual(['helper']);
    expect(filtered.mappings.split(';')).toHaveLength(3);
    expect(absoluteMappings(filtered)).toEqual(absoluteMappings(map).filter((m) => own(m.source)));
    expect(absoluteMappings(filtered).map((m) => `${m.gLine}:${m.gCol}`)).toEqual(['0:0', '2:4', '2:30']);
  });
});
