/**
 * Reads every concept, crisis and context pattern once for the strings a match must contain
 * (core/safety/prefilter.ts) and writes generated/pattern-strings.json, which start-up uses instead
 * of reading them again: looked up by each pattern's own text, so an edited pattern is simply read
 * again, and used only by the reader that wrote it (its source's hash). Run by `npm run build` and
 * before the tests.
 *
 *   node dist/scripts/storePatternStrings.js
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { defaultPatternStringsFile, patternReaderKey } from '../core/domain';
import { defaultKnowledgeDir } from '../core/knowledge/loader';
import { SENTENCE_FACTS_FILTER } from '../core/safety/context';
import { conceptsOf, loadSafetyKnowledge } from '../core/safety/knowledge';
import { loadRedFlagDefinitions } from '../core/safety/definitions';
import { patternKey, quickToCompile, requiredStrings, type StoredPatternStrings } from '../core/safety/prefilter';

/** Writes the required strings of every pattern the detector filters; returns how many and where. */
export function storePatternStrings(knowledgeDir: string = defaultKnowledgeDir(), file: string = defaultPatternStringsFile()): { patterns: number; quick: number; file: string } {
  const reader = patternReaderKey();
  if (reader === undefined) throw new Error('core/safety/prefilter.ts not found: the stored strings need the reader they were read by');
  // The concepts as start-up loads them (core/domain.ts: loadUnderstandingSources).
  const redFlags = loadRedFlagDefinitions(join(knowledgeDir, 'red-flags.yaml'));
  const inlineRules = [...redFlags.flags.values()].flatMap((f) => (f.rule ? [f.rule] : []));
  const safety = loadSafetyKnowledge(join(knowledgeDir, 'safety'), { usedElsewhere: conceptsOf(inlineRules) });
  const strings: Record<string, string[] | null> = {};
  const sets = [safety.conceptFilter, safety.crisis.filter, SENTENCE_FACTS_FILTER];
  for (const set of sets) {
    for (const re of set.patterns) strings[patternKey(re)] = requiredStrings(re);
  }
  // Compiled last: reading the strings runs none of the patterns, so each is compiled here for the first time.
  const quick = quickToCompile(sets.flatMap((set) => [...set.patterns]));
  const out: StoredPatternStrings = { format: 1, reader, strings, quick };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(out));
  renameSync(tmp, file);
  return { patterns: Object.keys(strings).length, quick: quick.length, file };
}

if (require.main === module) {
  const r = storePatternStrings();
  console.log(`read ${r.patterns} patterns for their required strings (${r.quick} quick to compile): ${relative(process.cwd(), r.file) || r.file}`);
}
