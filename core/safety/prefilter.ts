/**
 * A cheap test that a pattern cannot match, so most patterns never run on most sentences.
 *
 * Every pattern is read once, at load time, for the literal text any match must contain: one of a
 * set of strings ("blood", "bleed", "🩸" read as "blood"...). One pass over a sentence (an
 * Aho-Corasick automaton over every such string of a pattern set) says which are present; a
 * pattern whose strings are all absent cannot match, so it is skipped. The reading is conservative:
 * any construct it does not understand (a back-reference, flags other than g) leaves the pattern
 * always run. Skipping never changes a result, only the time: the detector finds exactly the same.
 *
 * Masks blank characters out (as "_"), they never add any: a string absent from a sentence is
 * absent from every masked copy of it, so one reading of the unmasked text serves them all.
 */

/** Largest set of exact strings kept for one part of a pattern before settling for a required part. */
const MAX_EXACT = 64;
/** Past this length a required string is selective enough: fewer strings matter more than longer ones. */
const ENOUGH_CHARS = 7;

interface Info {
  /** Every string the part can match, when that is a small finite set; null otherwise. */
  exact: Set<string> | null;
  /** Every match contains one of these as a substring; null when nothing useful is known. */
  req: Set<string> | null;
}

const UNKNOWN: Info = { exact: null, req: null };
const EMPTY = (): Info => ({ exact: new Set(['']), req: null });

function asReq(info: Info): Set<string> | null {
  const exact = info.exact && !info.exact.has('') ? info.exact : null;
  return worth(exact) >= worth(info.req) ? exact : info.req;
}

function shortest(set: Set<string>): number {
  let min = Infinity;
  for (const s of set) min = Math.min(min, s.length);
  return min;
}

/** How well a required set filters: long enough strings first, then as few strings as possible. */
function worth(set: Set<string> | null): number {
  if (!set || set.size === 0) return 0;
  const min = shortest(set);
  return min === 0 ? 0 : Math.min(min, ENOUGH_CHARS) * 100_000 - set.size;
}

function cross(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

function appended(set: Set<string>, suffix: string): Set<string> {
  const out = new Set<string>();
  for (const x of set) out.add(x + suffix);
  return out;
}

function concat(parts: Info[]): Info {
  let cur: Set<string> | null = new Set(['']);
  let allExact = true;
  // Every candidate is required on its own: the best one is kept.
  const reqs: Array<Set<string>> = [];
  const flush = () => {
    if (cur && !cur.has('')) reqs.push(cur);
  };
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.exact) {
      if (!p.exact.has('')) reqs.push(p.exact);
      if (cur && cur.size * p.exact.size <= MAX_EXACT) cur = cross(cur, p.exact);
      else {
        allExact = false;
        flush();
        cur = p.exact;
      }
      // A literal word comes letter by letter: its letters are appended in one go (the same strings
      // as crossing with each letter in turn, without a new set per letter).
      let run = '';
      while (i + 1 < parts.length && parts[i + 1].exact?.size === 1) {
        const single = parts[++i].exact!;
        if (!single.has('')) reqs.push(single);
        run += single.values().next().value;
      }
      if (run !== '') cur = appended(cur, run);
      continue;
    }
    allExact = false;
    flush();
    cur = null;
    if (p.req) reqs.push(p.req);
  }
  flush();
  let best: Set<string> | null = null;
  for (const r of reqs) if (worth(r) > worth(best)) best = r;
  const req = worth(best) > 0 ? best : null;
  return allExact && cur ? { exact: cur, req } : { exact: null, req };
}

function alternation(alts: Info[]): Info {
  if (alts.length === 1) return alts[0];
  let exact: Set<string> | null = new Set();
  let req: Set<string> | null = new Set();
  for (const a of alts) {
    if (exact && a.exact && exact.size + a.exact.size <= MAX_EXACT) for (const s of a.exact) exact.add(s);
    else exact = null;
    const r = asReq(a);
    if (req && r) for (const s of r) req.add(s);
    else req = null;
  }
  return exact ? { exact, req: null } : { exact: null, req };
}

function quantified(child: Info, min: number, max: number): Info {
  if (min === 1 && max === 1) return child;
  if (min === 0) return max === 1 && child.exact ? { exact: new Set([...child.exact, '']), req: null } : EMPTY_OR_MORE;
  return { exact: null, req: asReq(child) };
}
/** Matches the empty string, among others: nothing is required. */
const EMPTY_OR_MORE: Info = UNKNOWN;

class Unsupported extends Error {}

/** Reads a pattern source (the syntax the project's patterns use) into what a match must contain. */
class Reader {
  private i = 0;
  constructor(private readonly src: string) {}

  read(): Info {
    const info = this.alternation();
    if (this.i !== this.src.length) throw new Unsupported(`unexpected ${this.src[this.i]}`);
    return info;
  }

  private alternation(): Info {
    const alts = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alternation(alts);
  }

  private sequence(): Info {
    const parts: Info[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      parts.push(this.quantifier(atom));
    }
    return parts.length === 0 ? EMPTY() : concat(parts);
  }

  private quantifier(atom: Info): Info {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Infinity;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return atom; // a literal "{" (read by atom on the next turn)
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else return atom;
    if (this.src[this.i] === '?') this.i++; // lazy: same strings
    return quantified(atom, min, max);
  }

  private atom(): Info {
    const c = this.src[this.i];
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    this.i++;
    if (c === '.') return UNKNOWN;
    if (c === '^' || c === '$') return EMPTY();
    if (c === '*' || c === '+' || c === '?') throw new Unsupported('quantifier without an atom');
    return { exact: new Set([c]), req: null };
  }

  private group(): Info {
    const rest = this.src.slice(this.i);
    let lookaround = false;
    if (rest.startsWith('(?:')) this.i += 3;
    else if (rest.startsWith('(?=') || rest.startsWith('(?!')) {
      this.i += 3;
      lookaround = true;
    } else if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) {
      this.i += 4;
      lookaround = true;
    } else if (rest.startsWith('(?<')) {
      const end = rest.indexOf('>');
      if (end < 0) throw new Unsupported('group name');
      this.i += end + 1;
    } else if (rest.startsWith('(?')) throw new Unsupported('group kind');
    else this.i += 1;
    const inner = this.alternation();
    if (this.src[this.i] !== ')') throw new Unsupported('unclosed group');
    this.i++;
    // A lookaround consumes nothing: the match itself need not contain what it looks at.
    return lookaround ? EMPTY() : inner;
  }

  private escape(): Info {
    const c = this.src[this.i + 1];
    if (c === undefined) throw new Unsupported('trailing backslash');
    this.i += 2;
    if (c === 'b' || c === 'B') return EMPTY();
    if ('dDwWsS'.includes(c)) return UNKNOWN;
    if (/[1-9k]/.test(c)) throw new Unsupported('back-reference');
    if (c === 'n') return { exact: new Set(['\n']), req: null };
    if (c === 't') return { exact: new Set(['\t']), req: null };
    if (c === 'r') return { exact: new Set(['\r']), req: null };
    if (/[a-zA-Z0-9]/.test(c)) throw new Unsupported(`escape \\${c}`);
    return { exact: new Set([c]), req: null };
  }

  private charClass(): Info {
    this.i++;
    let negated = false;
    if (this.src[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const chars = new Set<string>();
    let unknown = false;
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      let c = this.src[this.i];
      if (c === '\\') {
        const e = this.src[this.i + 1];
        this.i += 2;
        if ('dDwWsSbB'.includes(e) || /[a-zA-Z0-9]/.test(e)) {
          unknown = true;
          continue;
        }
        c = e;
      } else this.i++;
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.src[this.i + 1] !== undefined) {
        let to = this.src[this.i + 1];
        this.i += 2;
        if (to === '\\') {
          to = this.src[this.i];
          this.i++;
          if (/[a-zA-Z0-9]/.test(to)) {
            unknown = true;
            continue;
          }
        }
        const a = c.charCodeAt(0);
        const b = to.charCodeAt(0);
        if (b - a > 16) unknown = true;
        else for (let k = a; k <= b; k++) chars.add(String.fromCharCode(k));
        continue;
      }
      chars.add(c);
    }
    if (this.src[this.i] !== ']') throw new Unsupported('unclosed class');
    this.i++;
    if (negated || unknown || chars.size === 0 || chars.size > 16) return UNKNOWN;
    return { exact: chars, req: null };
  }
}

/**
 * The strings one of which any match of `re` contains, or null when the pattern must always run.
 * Exported for the tests that check it against the patterns themselves.
 */
export function requiredStrings(re: RegExp): string[] | null {
  if (re.flags !== 'g' && re.flags !== '') return null;
  try {
    const req = asReq(new Reader(re.source).read());
    return req && worth(req) > 0 ? [...req] : null;
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}

/** Which of a pattern set's required strings a text holds: ask it whether a pattern may match. */
export interface Presence {
  may(re: RegExp): boolean;
  /** Whether any pattern of group `index` (as given to the set) may match. */
  group(index: number): boolean;
  /** may() of the pattern at `index` in group `group` (as given to the set), without looking the pattern up. */
  mayIn(group: number, index: number): boolean;
}

const ALWAYS: Presence = { may: () => true, group: () => true, mayIn: () => true };

/**
 * How much of each required string the automaton looks for. Shorter prefixes make a smaller table,
 * but let more patterns run for nothing ("breastfe" is in "breastfed" as well as "breastfeeding"):
 * 10 characters ran about 5% fewer patterns per message than 8 and the detector was faster for it,
 * longer ones gained no more (the tables are about 1.5 MB in all).
 */
const SEARCH_CHARS = 10;

/** Long enough for V8 to compile a pattern to machine code at once, without an interpreter stage. */
const WARM_TEXT = 'warm up '.repeat(160);

/**
 * What the build read (generated/pattern-strings.json, scripts/storePatternStrings.ts): each pattern's
 * required strings, keyed by the pattern itself (its flags and source). Never stale for a pattern:
 * an edited pattern has another key and is read again here; the file as a whole is used only when
 * the reading below is the one that wrote it (core/domain.ts compares this file's text hash).
 * A memo, not a loader: this module reads no file.
 */
const storedStrings = new Map<string, readonly string[] | null>();
/** Patterns the build compiled quickly (see QUICK_COMPILE_MS): left to compile at their first use rather than at start-up. */
const storedQuick = new Set<string>();
/** Patterns read here since start (memo misses): what start-up reports when the stored file did not serve. */
let readHere = 0;

/** The key of a pattern in the stored file. */
export function patternKey(re: RegExp): string {
  return `${re.flags}/${re.source}`;
}

/** The file's shape: format, the hash of the reading that wrote it, per pattern key its strings, and the keys of the patterns that compiled quickly. */
export interface StoredPatternStrings {
  format: 1;
  reader: string;
  strings: Record<string, string[] | null>;
  quick?: string[];
}

/**
 * A pattern V8 compiles in less than this (to machine code, at its first use on a long text) is not
 * compiled at start-up: about 540 of the ~600 patterns take a tenth of a millisecond on average,
 * about 40 ms in all (a third of the patterns' compile time), and a message pays for those it is the
 * first to need, a few milliseconds at most. The slower ones (about 60, up to 20 ms each) still
 * compile at start-up, so that no parent waits for them.
 */
export const QUICK_COMPILE_MS = 0.25;

/**
 * The keys of the patterns V8 compiles in less than QUICK_COMPILE_MS, measured by compiling each
 * (for the build, in a process that has run none of them: V8 keeps compiled code per source and flags).
 */
export function quickToCompile(patterns: Iterable<RegExp>): string[] {
  const quick: string[] = [];
  for (const re of patterns) {
    const started = performance.now();
    compile(re);
    if (performance.now() - started < QUICK_COMPILE_MS) quick.push(patternKey(re));
  }
  return quick;
}

/** Makes V8 compile `re` now (to machine code: the text is long enough). */
function compile(re: RegExp): void {
  re.lastIndex = 0;
  re.exec(WARM_TEXT);
  re.lastIndex = 0;
}

/**
 * Takes what the build stored when `reader` (the current reading's hash) is the one it was made
 * with; anything else is ignored, so every pattern is read as before. Returns the patterns taken.
 */
export function rememberPatternStrings(file: unknown, reader: string): number {
  const f = file as Partial<StoredPatternStrings> | null;
  if (f?.format !== 1 || f.reader !== reader || typeof f.strings !== 'object' || f.strings === null) return 0;
  let n = 0;
  for (const [key, strings] of Object.entries(f.strings)) {
    if (strings === null || (Array.isArray(strings) && strings.every((x) => typeof x === 'string'))) {
      storedStrings.set(key, strings);
      n++;
    }
  }
  if (Array.isArray(f.quick)) for (const key of f.quick) if (typeof key === 'string') storedQuick.add(key);
  return n;
}

/** How many patterns were read here rather than taken from the stored file, so far. */
export function patternsReadHere(): number {
  return readHere;
}

/** requiredStrings(re), from the stored file when it holds this very pattern. */
function requiredStringsOf(re: RegExp): readonly string[] | null {
  const key = patternKey(re);
  if (storedStrings.has(key)) return storedStrings.get(key) ?? null;
  readHere++;
  return requiredStrings(re);
}

/**
 * Patterns read for their required strings, and one automaton finding them all in a single pass.
 * Built at the first scan or warm(), not when made: sets made as modules load (crisis, context) are
 * then built after start-up has handed over the stored strings, and still before the server is ready.
 */
export class PatternSet {
  private built: Automaton | undefined;
  readonly patterns: ReadonlySet<RegExp>;

  constructor(
    patterns: Iterable<RegExp>,
    private readonly groups: ReadonlyArray<readonly RegExp[]> = [],
  ) {
    this.patterns = new Set(patterns);
  }

  private automaton(): Automaton {
    return (this.built ??= new Automaton(this.patterns, this.groups));
  }

  /** See Automaton.warm. */
  warm(): void {
    this.automaton().warm();
  }

  /** See Automaton.scan. */
  scan(text: string): Presence {
    return (this.built ?? this.automaton()).scan(text);
  }
}

class Automaton {
  private readonly needs = new Map<RegExp, Int32Array>();
  /**
   * Automaton: next state = delta[state * width + column of the character], with `ends` added when
   * some string ends at that state (or down its suffix links): most characters lead to a state that
   * ends none, and the scan then looks at nothing else.
   */
  private readonly delta: Int32Array | Uint16Array;
  private readonly ends: number;
  private readonly width: number;
  /** Column of each character (0: in no required string); ASCII in an array, the rest in a map. */
  private readonly ascii = new Int32Array(128);
  private readonly column = new Map<number, number>();
  /**
   * Per state, the strings ending exactly there (ids ownIds[ownStart[state]] up to ownStart[state + 1]),
   * the next state down its suffix links that ends some (outLink), and the first state at or below it
   * that ends some (firstOut: the state itself, or its outLink): flat arrays, one look-up per character.
   */
  private readonly ownStart: Int32Array;
  private readonly ownIds: Int32Array;
  private readonly outLink: Int32Array;
  private readonly firstOut: Int32Array;
  /** Scan generation: a string is present when found[id] equals the generation of the scan asking. */
  private readonly found: Int32Array;
  private readonly visited: Int32Array;
  private generation = 0;
  private readonly patterns: ReadonlySet<RegExp>;

  /** Per string, the groups it makes live (groupIds[groupStart[id]] up to groupStart[id + 1]); groups that always run (a pattern with no required string). */
  private readonly groupStart: Int32Array;
  private readonly groupIds: Int32Array;
  private readonly groupAlways: Uint8Array;
  private readonly groupLive: Int32Array;
  /**
   * Per pattern with required strings, its number; per string, the patterns it makes live
   * (patternIds[patternStart[id]] up to patternStart[id + 1]); the scan marks them, so asking about a
   * pattern is one look-up rather than a walk over its strings.
   */
  private readonly patternNumber = new Map<RegExp, number>();
  private readonly patternStart: Int32Array;
  private readonly patternIds: Int32Array;
  private readonly patternLive: Int32Array;
  /** Per group, per pattern in the group's order, its number (-1: always runs). */
  private readonly groupPatterns: ReadonlyArray<Int32Array>;

  /**
   * `groups` (optional): lists of the patterns, such as one concept's, asked about together with
   * Presence.group(index), so a reader skips a whole group in one step.
   */
  constructor(patterns: ReadonlySet<RegExp>, groups: ReadonlyArray<readonly RegExp[]>) {
    this.patterns = patterns;
    const ids = new Map<string, number>();
    for (const re of this.patterns) {
      const strings = requiredStringsOf(re);
      // Masks write "_": a string holding one could appear in a masked copy and not in the text.
      if (!strings || strings.some((x) => x.includes('_'))) continue;
      // The start of a required string is required too: a prefix filters almost as well and
      // keeps the automaton's table small (see SEARCH_CHARS).
      const starts = [...new Set(strings.map((s) => s.slice(0, SEARCH_CHARS)))];
      this.needs.set(re, Int32Array.from(starts, (s) => ids.get(s) ?? (ids.set(s, ids.size), ids.size - 1)));
    }
    let columns = 0;
    for (const s of ids.keys()) {
      for (let k = 0; k < s.length; k++) {
        const code = s.charCodeAt(k);
        if (code < 128 ? this.ascii[code] === 0 : !this.column.has(code)) {
          columns++;
          if (code < 128) this.ascii[code] = columns;
          else this.column.set(code, columns);
        }
      }
    }
    this.width = columns + 1;
    const columnOf = (code: number) => (code < 128 ? this.ascii[code] : this.column.get(code)!);
    const width = this.width;
    // Trie first, in flat arrays (no Map per state: building them was most of the start-up cost of
    // the three automata): `child` gives a state's child on a column (0: none, the root being nobody's
    // child), and each state's children are listed in the order they were added. A string ends at
    // one state, and no two strings at the same one, so a state ends at most one (`ends`, -1: none).
    let capacity = 1;
    for (const s of ids.keys()) capacity += s.length;
    const child = new Int32Array(capacity * width);
    const firstChild = new Int32Array(capacity);
    const lastChild = new Int32Array(capacity);
    const nextSibling = new Int32Array(capacity);
    const columnInto = new Int32Array(capacity);
    const ends = new Int32Array(capacity).fill(-1);
    let trieStates = 1;
    for (const [s, id] of ids) {
      let state = 0;
      for (let k = 0; k < s.length; k++) {
        const col = columnOf(s.charCodeAt(k));
        let next = child[state * width + col];
        if (next === 0) {
          next = trieStates++;
          child[state * width + col] = next;
          columnInto[next] = col;
          if (firstChild[state] === 0) firstChild[state] = next;
          else nextSibling[lastChild[state]] = next;
          lastChild[state] = next;
        }
        state = next;
      }
      ends[state] = id;
    }
    // States numbered breadth first: the shallow ones, which every scan walks through, then share a
    // few cache lines of the table instead of being spread over all of it.
    const states = trieStates;
    const order = new Int32Array(states);
    const number = new Int32Array(states);
    for (let q = 0, n = 1; q < n; q++) {
      number[order[q]] = q;
      for (let c = firstChild[order[q]]; c !== 0; c = nextSibling[c]) order[n++] = c;
    }
    // Failure links breadth first (Aho-Corasick), folded into a full transition table. A state's
    // failure state is shallower, so its row is complete: the state's row is that row (one copy) with
    // the state's own children written over it. A transition into a state that ends a string carries
    // the `ends` flag, so the scan looks up nothing more for most characters.
    this.ends = states < 0x8000 ? 0x8000 : 0x40000000;
    const delta = states < 0x8000 ? new Uint16Array(states * width) : new Int32Array(states * width);
    const fail = new Int32Array(states);
    const outLink = new Int32Array(states).fill(-1);
    const endsAt = (state: number) => ends[order[state]];
    for (let state = 0; state < states; state++) {
      const f = fail[state];
      const row = state * width;
      if (state > 0) {
        outLink[state] = endsAt(f) >= 0 ? f : outLink[f];
        delta.copyWithin(row, f * width, f * width + width);
      }
      for (let c = firstChild[order[state]]; c !== 0; c = nextSibling[c]) {
        const col = columnInto[c];
        // The root's children fail to the root; any other state's child fails to where its failure state goes on that character.
        fail[number[c]] = state === 0 ? 0 : delta[f * width + col];
        delta[row + col] = number[c];
      }
    }
    this.ownStart = new Int32Array(states + 1);
    const owned: number[] = [];
    for (let state = 0; state < states; state++) {
      if (endsAt(state) >= 0) owned.push(endsAt(state));
      this.ownStart[state + 1] = owned.length;
    }
    this.ownIds = Int32Array.from(owned);
    this.outLink = outLink;
    this.firstOut = new Int32Array(states);
    for (let state = 0; state < states; state++) this.firstOut[state] = endsAt(state) >= 0 ? state : outLink[state];
    for (let i = 0; i < delta.length; i++) if (this.firstOut[delta[i]] > 0) delta[i] += this.ends;
    this.delta = delta;
    this.found = new Int32Array(ids.size);
    this.visited = new Int32Array(states);
    const groupsOf: number[][] = Array.from({ length: ids.size }, () => []);
    this.groupAlways = new Uint8Array(groups.length);
    groups.forEach((group, g) => {
      for (const re of group) {
        const need = this.needs.get(re);
        if (need === undefined) this.groupAlways[g] = 1;
        else for (const id of need) if (groupsOf[id][groupsOf[id].length - 1] !== g) groupsOf[id].push(g);
      }
    });
    [this.groupStart, this.groupIds] = flat(groupsOf);
    this.groupLive = new Int32Array(groups.length);
    const patternsOf: number[][] = Array.from({ length: ids.size }, () => []);
    for (const [re, need] of this.needs) {
      const number = this.patternNumber.size;
      this.patternNumber.set(re, number);
      for (const id of need) patternsOf[id].push(number);
    }
    [this.patternStart, this.patternIds] = flat(patternsOf);
    this.patternLive = new Int32Array(this.patternNumber.size);
    this.groupPatterns = groups.map((group) => Int32Array.from(group, (re) => this.patternNumber.get(re) ?? -1));
  }

  /**
   * Compiles the set's patterns now, but those the build found quick to compile (QUICK_COMPILE_MS),
   * so that no slow one is compiled on a parent's message: a pattern is otherwise first compiled by
   * whichever message first needs it (the largest take tens of milliseconds as machine code, and far
   * longer as interpreter bytecode). V8 compiles a pattern straight to machine code when its first
   * text is long (over 1,000 characters). Without the build's file, every pattern is compiled.
   */
  warm(): void {
    for (const re of this.patterns) if (!storedQuick.has(patternKey(re))) compile(re);
  }

  /**
   * Reads `text` once; the answer holds for `text` and any masked copy of it, until the next scan
   * of this set (an older answer then says every pattern may match: slower, never wrong).
   */
  scan(text: string): Presence {
    if (this.needs.size === 0) return ALWAYS;
    if (this.generation >= 0x7fffffff) {
      // The marks are 32-bit: start again before the generation would wrap.
      this.found.fill(0);
      this.visited.fill(0);
      this.groupLive.fill(0);
      this.patternLive.fill(0);
      this.generation = 0;
    }
    const generation = ++this.generation;
    const { delta, ends, width, ascii, column, ownStart, ownIds, outLink, firstOut, found, visited, groupStart, groupIds, groupLive, patternStart, patternIds, patternLive } = this;
    let state = 0;
    for (let k = 0; k < text.length; k++) {
      const code = text.charCodeAt(k);
      state = delta[state * width + (code < 128 ? ascii[code] : (column.get(code) ?? 0))];
      if (state < ends) continue;
      state -= ends;
      // Each state's strings (and those down its suffix links) are marked once per scan.
      for (let at = firstOut[state]; at > 0 && visited[at] !== generation; at = outLink[at]) {
        visited[at] = generation;
        for (let o = ownStart[at]; o < ownStart[at + 1]; o++) {
          const id = ownIds[o];
          if (found[id] === generation) continue;
          found[id] = generation;
          for (let g = groupStart[id]; g < groupStart[id + 1]; g++) groupLive[groupIds[g]] = generation;
          for (let q = patternStart[id]; q < patternStart[id + 1]; q++) patternLive[patternIds[q]] = generation;
        }
      }
    }
    return new Scanned(this, generation);
  }

  /** Whether `re` may match the text of scan `generation` (true for an older scan). */
  may(re: RegExp, generation: number): boolean {
    return this.live(this.patternNumber.get(re) ?? -1, generation);
  }

  /** Whether the pattern at `index` of group `group` may match the text of scan `generation` (true for an older scan). */
  mayIn(group: number, index: number, generation: number): boolean {
    return this.live(this.groupPatterns[group][index], generation);
  }

  /** Whether the text of scan `generation` held one of the strings of pattern `number` (true for -1, no strings, or an older scan). */
  private live(number: number, generation: number): boolean {
    // (An index past the group's patterns, undefined, may match too: as for a pattern without strings.)
    return !(number >= 0) || this.patternLive[number] === generation || this.generation !== generation;
  }

  /** Whether any pattern of group `index` may match the text of scan `generation` (true for an older scan). */
  group(index: number, generation: number): boolean {
    return this.groupAlways[index] === 1 || this.groupLive[index] === generation || this.generation !== generation;
  }
}

/** One scan's answer (a class, not closures: one small object per scan). */
class Scanned implements Presence {
  constructor(
    private readonly automaton: Automaton,
    private readonly generation: number,
  ) {}

  may(re: RegExp): boolean {
    return this.automaton.may(re, this.generation);
  }

  group(index: number): boolean {
    return this.automaton.group(index, this.generation);
  }

  mayIn(group: number, index: number): boolean {
    return this.automaton.mayIn(group, index, this.generation);
  }
}

/** Lists as one array of their items and the offset where each starts (the last offset is the end). */
function flat(lists: ReadonlyArray<ArrayLike<number>>): [Int32Array, Int32Array] {
  const start = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) start[i + 1] = start[i] + lists[i].length;
  const items = new Int32Array(start[lists.length]);
  for (let i = 0; i < lists.length; i++) items.set(lists[i], start[i]);
  return [start, items];
}
