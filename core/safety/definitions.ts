/**
 * The red-flag definitions a clinician edits (knowledge/red-flags.yaml): loaded and validated with
 * zod. Every problem is reported with the file and the field, all at once.
 */
import { join, relative } from 'node:path';
import { plainValidation, readKnowledgeText, type KnowledgeText, type KnowledgeValidation } from '../knowledge/builtValidation';
import { z } from 'zod';
import { projectRoot } from '../projectRoot';
import { sourcesFileSchema } from '../knowledge/schema';
import { ruleSchema } from './knowledge';
import { URGENCY_LEVELS, type Urgency } from './types';

const kebab = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, like "blood-in-discharge"');

const plain = z.string().trim().min(1, 'must not be empty');

const yesNoQuestion = plain
  .refine((q) => q.endsWith('?'), 'must be one question ending with "?"')
  .refine((q) => (q.match(/\?/g) ?? []).length === 1, 'must be exactly one question')
  .refine((q) => q.split(/\s+/).length <= 30, 'must be short (30 words at most)');

/** One or two sentences, so the parent can read it at a glance. */
const shortExplanation = plain.refine(
  (t) => (t.match(/[.!?](\s|$)/g) ?? []).length <= 2,
  'must be one or two sentences',
);

export const levelSchema = z
  .object({
    /** What the bot tells the parent to do, in plain words. */
    howSoon: plain,
  })
  .strict();

export const redFlagSchema = z
  .object({
    id: kebab,
    level: z.enum(URGENCY_LEVELS),
    label: plain.refine((t) => t.split(/\s+/).length <= 20, 'must be a short name (20 words at most)'),
    why: shortExplanation,
    question: yesNoQuestion,
    altQuestions: z.record(kebab, yesNoQuestion).optional(),
    sources: z.array(kebab).min(1, 'must name at least one source'),
    /** What to do for this flag when the level's general `howSoon` does not fit it (D-MER is not about a medicine). */
    advice: plain.optional(),
    crisis: z.boolean().optional(),
    crisisLine: plain.optional(),
    /** The flag's rule, written here instead of knowledge/safety/rules.yaml (same shape). */
    rule: ruleSchema.optional(),
  })
  .strict()
  .superRefine((flag, ctx) => {
    if (flag.crisis && !flag.crisisLine) {
      ctx.addIssue({ code: 'custom', path: ['crisisLine'], message: 'a crisis flag must give a crisis-line sentence' });
    }
    if (flag.crisisLine && !flag.crisisLine.includes('{crisisLine}')) {
      ctx.addIssue({ code: 'custom', path: ['crisisLine'], message: 'must contain the placeholder {crisisLine}' });
    }
    if (/\b(you have|this is) (cancer|mastitis|an abscess|sepsis|psychosis)\b/i.test(flag.why)) {
      ctx.addIssue({ code: 'custom', path: ['why'], message: 'must not state a diagnosis' });
    }
  });

export const redFlagFileSchema = z
  .object({
    levels: z
      .object({
        emergency: levelSchema.refine((l) => l.howSoon.includes('{emergencyNumber}'), {
          message: 'must contain the placeholder {emergencyNumber}',
          path: ['howSoon'],
        }),
        urgent: levelSchema,
        soon: levelSchema,
        routine: levelSchema,
      })
      .strict(),
    flags: z.array(redFlagSchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.flags.forEach((flag, i) => {
      const before = seen.get(flag.id);
      if (before !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['flags', i, 'id'], message: `"${flag.id}" is already used by flags.${before}` });
      }
      seen.set(flag.id, i);
    });
  });

export type RedFlagDefinition = z.infer<typeof redFlagSchema>;
export type RedFlagFile = z.infer<typeof redFlagFileSchema>;

export interface RedFlagDefinitions {
  levels: Record<Urgency, { howSoon: string }>;
  flags: ReadonlyMap<string, RedFlagDefinition>;
}

export class RedFlagDefinitionError extends Error {
  constructor(readonly problems: string[]) {
    super(`The red-flag definitions have ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'RedFlagDefinitionError';
  }
}

export function defaultRedFlagFile(): string {
  return join(projectRoot(), 'knowledge', 'red-flags.yaml');
}

function describePath(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? '(the file)' : path.map(String).join('.');
}

/**
 * Validates already-parsed data. `knownSources`, when given, is the set of ids in
 * knowledge/sources.yaml; each flag's sources must be among them.
 */
export function parseRedFlagDefinitions(
  data: unknown,
  displayName = 'red-flags.yaml',
  knownSources?: ReadonlySet<string>,
  validation: KnowledgeValidation = plainValidation,
): RedFlagDefinitions {
  const problems: string[] = [];
  const result = validation.validate(redFlagFileSchema, 'red-flags', data);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`${displayName}: field ${describePath(issue.path)}: ${issue.message}`);
    throw new RedFlagDefinitionError(problems);
  }
  if (knownSources) {
    result.data.flags.forEach((flag, i) =>
      flag.sources.forEach((src, j) => {
        if (!knownSources.has(src)) problems.push(`${displayName}: field flags.${i}.sources.${j}: "${src}" is not listed in sources.yaml`);
      }),
    );
  }
  if (problems.length > 0) throw new RedFlagDefinitionError(problems);
  return {
    levels: result.data.levels,
    flags: new Map(result.data.flags.map((f) => [f.id, f])),
  };
}

/** Reads knowledge/red-flags.yaml (and knowledge/sources.yaml beside it, to check the source ids). */
export function loadRedFlagDefinitions(file: string = defaultRedFlagFile(), validation: KnowledgeValidation = plainValidation): RedFlagDefinitions {
  const shown = relative(process.cwd(), file) || file;
  let data: KnowledgeText;
  try {
    data = readKnowledgeText(file);
    // Broken YAML is reported here, unless the build validated this very text (then it is never parsed).
    if (validation === plainValidation) data.data();
  } catch (err) {
    throw new RedFlagDefinitionError([`${shown}: not valid YAML: ${(err as Error).message.split('\n')[0]}`]);
  }
  const sourcesFile = join(file, '..', 'sources.yaml');
  let knownSources: Set<string> | undefined;
  try {
    const parsed = validation.validate(sourcesFileSchema, 'sources', readKnowledgeText(sourcesFile));
    if (parsed.success) knownSources = new Set(parsed.data.sources.map((s) => s.id));
  } catch {
    knownSources = undefined; // sources.yaml is validated by the knowledge loader; skip the cross-check here
  }
  try {
    return parseRedFlagDefinitions(data, shown, knownSources, validation);
  } catch (err) {
    if (err instanceof RedFlagDefinitionError) throw err;
    throw new RedFlagDefinitionError([`${shown}: not valid YAML: ${(err as Error).message.split('\n')[0]}`]);
  }
}
