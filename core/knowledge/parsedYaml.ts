/**
 * YAML parsing of the knowledge files, with what the build already parsed.
 *
 * Parsing the knowledge folder's YAML (about 200 kB) was the largest step of start-up once language
 * understanding was trained at build time: the yaml library is thorough, and on a cold start none of its
 * code is optimised yet. The build (scripts/parseKnowledge.ts) parses every knowledge file once and
 * writes generated/knowledge-yaml.json: for each file's exact text (its SHA-1), the parsed data as JSON.
 * Start-up hands that to rememberParsedYaml() (core/domain.ts); parseYaml() then returns, for a text
 * it knows, the same data without parsing, and parses any other text as before.
 *
 * Never stale: the lookup is by the text itself, so an edited file is parsed from its new text, whatever
 * the build stored (and a file whose YAML is broken is never stored, so its error reads as before).
 * Only data that JSON carries unchanged is stored (no .inf, .nan or other non-JSON values). Each call
 * returns new objects, as the yaml library does: callers may change what they get.
 *
 * A memo, not a loader: this module reads no file; without remembered data it is plain parsing.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';

/** The file's shape: format, and for each text's SHA-1 its parsed data as JSON text. */
export interface ParsedYamlFile {
  format: 1;
  parsed: Record<string, string>;
}

const remembered = new Map<string, string>();
/** What the build parsed, still to be read: read at the first parse (see rememberParsedYamlLater). */
let pending: (() => unknown) | undefined;

export function textKey(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** What the build parsed (a ParsedYamlFile); anything else is ignored, so parsing goes on as before. */
export function rememberParsedYaml(file: unknown): number {
  const f = file as Partial<ParsedYamlFile> | null;
  if (f?.format !== 1 || typeof f.parsed !== 'object' || f.parsed === null) return 0;
  let n = 0;
  for (const [key, json] of Object.entries(f.parsed)) {
    if (typeof json === 'string') {
      remembered.set(key, json);
      n++;
    }
  }
  return n;
}

/**
 * Like rememberParsedYaml, with the build's file read only when a text is first parsed: when the
 * build also validated the knowledge files (builtValidation.ts), a start parses none of them, and
 * reading this file would be wasted. `read` returns the file's content, or throws (then nothing is
 * remembered and parsing goes on as before).
 */
export function rememberParsedYamlLater(read: () => unknown): void {
  pending = read;
}

/** The data of a YAML text, as the yaml library's parse() gives it (throws its errors for broken YAML). */
export function parseYaml(text: string): unknown {
  if (pending) {
    const read = pending;
    pending = undefined;
    try {
      rememberParsedYaml(read());
    } catch {
      // Unreadable: parsing the knowledge files themselves is slower, never wrong.
    }
  }
  const json = remembered.size > 0 ? remembered.get(textKey(text)) : undefined;
  return json === undefined ? parse(text) : JSON.parse(json);
}

/** The JSON of a text's parsed data when JSON carries it unchanged, else undefined (throws for broken YAML). */
export function parsedAsJson(text: string): string | undefined {
  const data: unknown = parse(text);
  const json = JSON.stringify(data);
  return json !== undefined && isDeepStrictEqual(JSON.parse(json), data) ? json : undefined;
}
