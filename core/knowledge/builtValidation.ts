/**
 * Zod validation of the knowledge files, with what the build already validated.
 *
 * Validating the knowledge files with their zod schemas took about 90 ms of every start (zod's code is
 * not optimised yet on a cold start, and the schemas compile each pattern to check it). The build
 * (scripts/validateKnowledge.ts) loads the knowledge as a start does, with a recording validation,
 * and writes generated/knowledge-validated.json: for each file that passed, its fingerprint and the
 * schema's output as JSON. Start-up (core/domain.ts) hands that to a validation made from it; a file
 * whose fingerprint is there gets the stored output without zod (nor parsing its YAML), any other
 * file is validated as before, so an edit made after the build still gets zod's errors naming the file
 * and the field.
 *
 * The fingerprint: SHA-256 of the schema's name, the schemas' version (schemaVersion(): the text of
 * the modules that define the schemas, and zod's version) and the file's exact text. A schema whose
 * output JSON does not carry unchanged (a Map, a Set, a RegExp, an undefined field) is never stored.
 *
 * Not a module singleton: the validation is made in the composition root and passed to the readers.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { parseYaml } from './parsedYaml';

/** What the build writes: per fingerprint, the schema's output as JSON text. */
export interface ValidatedKnowledgeFile {
  format: 1;
  schemaVersion: string;
  validated: Record<string, string>;
}

/** A knowledge file as read: its exact text, and its data (the YAML parsed at the first call; throws for broken YAML). */
export class KnowledgeText {
  private parsed: { data: unknown } | undefined;

  constructor(readonly text: string) {}

  data(): unknown {
    this.parsed ??= { data: parseYaml(this.text) };
    return this.parsed.data;
  }
}

/** Reads a knowledge file (throws as readFileSync does). */
export function readKnowledgeText(file: string): KnowledgeText {
  return new KnowledgeText(readFileSync(file, 'utf8'));
}

/** What the readers validate through. */
export interface KnowledgeValidation {
  /**
   * `schema.safeParse` of the file's data, or the build's stored output when it validated this exact
   * text with this schema. `schemaName` names the schema (one name per schema). Plain data (not a
   * KnowledgeText) is always validated. Throws the YAML error of a broken file, as parsing does.
   */
  validate<T>(schema: z.ZodType<T>, schemaName: string, input: KnowledgeText | unknown): z.ZodSafeParseResult<T>;
  /** How many validations were answered from the build's file (zod skipped). */
  readonly skipped: number;
}

/**
 * The modules whose code decides what a knowledge file's validation gives: those defining the
 * schemas (a test checks that every module of core/ importing zod is here). A change to any of them
 * changes the version, and every file is validated again.
 */
export const SCHEMA_SOURCES = [
  'core/knowledge/schema.ts',
  'core/knowledge/loader.ts',
  'core/safety/definitions.ts',
  'core/safety/knowledge.ts',
  'core/safety/crisisPatterns.ts',
  'core/safety/crisisBank.ts',
  'core/nlu/lexicon.ts',
  'core/nlu/outOfScope.ts',
  'core/text/emoji.ts',
  'core/conversation/messages.ts',
  'core/triage/content.ts',
  'core/language/notices.ts',
];

/** The schemas' version: the text of SCHEMA_SOURCES under `root`, and zod's version; undefined when a source is missing (nothing stored is then used). */
export function schemaVersion(root: string): string | undefined {
  const hash = createHash('sha256');
  hash.update(`zod ${JSON.stringify(z.core.version)}\n`);
  for (const file of SCHEMA_SOURCES) {
    const path = join(root, file);
    if (!existsSync(path)) return undefined;
    hash.update(`${file}\n`);
    hash.update(readFileSync(path));
  }
  return hash.digest('hex');
}

function fingerprint(version: string, schemaName: string, text: string): string {
  return createHash('sha256').update(`${version}\n${schemaName}\n`).update(text).digest('hex');
}

/** Validation as it always was: zod on every file. */
export const plainValidation: KnowledgeValidation = {
  validate: (schema, _name, input) => schema.safeParse(input instanceof KnowledgeText ? input.data() : input),
  skipped: 0,
};

/** A validation answering from what the build stored (a ValidatedKnowledgeFile) when made with the same schema version; else plain. */
export function builtValidation(file: unknown, version: string | undefined): KnowledgeValidation {
  const f = file as Partial<ValidatedKnowledgeFile> | null;
  if (version === undefined || f?.format !== 1 || f.schemaVersion !== version || typeof f.validated !== 'object' || f.validated === null) return plainValidation;
  const stored = f.validated;
  let skipped = 0;
  return {
    validate<T>(schema: z.ZodType<T>, schemaName: string, input: unknown): z.ZodSafeParseResult<T> {
      if (!(input instanceof KnowledgeText)) return schema.safeParse(input);
      const json = stored[fingerprint(version, schemaName, input.text)];
      if (typeof json !== 'string') return schema.safeParse(input.data());
      skipped++;
      return { success: true, data: JSON.parse(json) as T };
    },
    get skipped() {
      return skipped;
    },
  };
}

/** A validation that validates every file and keeps, for the build's file, the output of each that passed and that JSON carries unchanged. */
export function recordingValidation(version: string): KnowledgeValidation & { file(): ValidatedKnowledgeFile } {
  const validated: Record<string, string> = {};
  return {
    validate<T>(schema: z.ZodType<T>, schemaName: string, input: unknown): z.ZodSafeParseResult<T> {
      if (!(input instanceof KnowledgeText)) return schema.safeParse(input);
      const result = schema.safeParse(input.data());
      if (result.success) {
        const json = JSON.stringify(result.data);
        if (json !== undefined && isDeepStrictEqual(JSON.parse(json), result.data)) validated[fingerprint(version, schemaName, input.text)] = json;
      }
      return result;
    },
    skipped: 0,
    file: () => ({ format: 1, schemaVersion: version, validated }),
  };
}
