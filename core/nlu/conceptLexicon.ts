/**
 * One lexicon: the concepts of knowledge/safety/concepts.yaml that name an `understanding` word reach
 * language understanding too. Every word and misspelling of such a concept is read as that word
 * ("fevr", "febrile", "temp" -> "fever"), added to knowledge/nlu/lexicon.yaml's own entries. A word
 * the NLU lexicon already places elsewhere, or keeps or drops on purpose, stays as it is there.
 */
import { relative } from 'node:path';
import { plainValidation, type KnowledgeValidation } from '../knowledge/builtValidation';
import type { CompiledConcept } from '../safety/knowledge';
import { buildLexicon, defaultLexiconFile, lexiconFrom, validateLexiconFile, type Lexicon, type LexiconData } from './lexicon';

/** Lexicon data with the concepts' words merged in (what buildLexicon validates). */
export function mergeConcepts(data: LexiconData, concepts: Iterable<CompiledConcept>): LexiconData {
  const synonyms: Record<string, string[]> = Object.fromEntries(Object.entries(data.synonyms).map(([k, v]) => [k, [...v]]));
  const taken = new Set<string>([...Object.keys(synonyms), ...Object.values(synonyms).flat(), ...data.keepWords, ...data.stopWords, ...data.negations, ...data.fuzzyTargets]);
  for (const concept of concepts) {
    const target = concept.understanding;
    if (!target) continue;
    const list = (synonyms[target] ??= []);
    taken.add(target);
    for (const word of [...concept.terms, ...concept.variants.keys()]) {
      // The NLU lexicon's shape: no letter three times in a row (typed "sooo" is read as "soo").
      if (taken.has(word) || /([a-z])\1\1/.test(word)) continue;
      list.push(word);
      taken.add(word);
    }
  }
  return { ...data, synonyms };
}

/** Reads knowledge/nlu/lexicon.yaml (or `file`) and merges the concepts in; errors name the file and field. */
export function loadLexiconWithConcepts(concepts: Iterable<CompiledConcept>, file: string = defaultLexiconFile(), validation: KnowledgeValidation = plainValidation): Lexicon {
  const shown = relative(process.cwd(), file) || file;
  const parsed = validateLexiconFile(file, shown, validation);
  // Let lexiconFrom report the file's own problems with their fields.
  if (!parsed.success) return lexiconFrom(parsed, shown);
  return buildLexicon(mergeConcepts(parsed.data, concepts), `${shown} (with the concepts of knowledge/safety/concepts.yaml)`);
}
