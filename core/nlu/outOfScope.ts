/** Example messages the bot is not for (knowledge/nlu/out-of-scope.yaml): the "out-of-scope" class. */
import { join, relative } from 'node:path';
import { plainValidation, readKnowledgeText, type KnowledgeValidation } from '../knowledge/builtValidation';
import { z } from 'zod';
import { projectRoot } from '../projectRoot';

export const outOfScopeFileSchema = z
  .object({ examples: z.array(z.string().trim().min(1, 'must not be empty')).min(10, 'needs at least 10 examples') })
  .strict();

export function defaultOutOfScopeFile(): string {
  return join(projectRoot(), 'knowledge', 'nlu', 'out-of-scope.yaml');
}

/** Reads and validates the out-of-scope examples; throws naming the file and field. */
export function loadOutOfScopeExamples(file: string = defaultOutOfScopeFile(), validation: KnowledgeValidation = plainValidation): string[] {
  const shown = relative(process.cwd(), file) || file;
  let result: z.ZodSafeParseResult<z.infer<typeof outOfScopeFileSchema>>;
  try {
    result = validation.validate(outOfScopeFileSchema, 'out-of-scope', readKnowledgeText(file));
  } catch (err) {
    throw new Error(`${shown}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!result.success) {
    throw new Error(
      result.error.issues.map((i) => `${shown}: field ${i.path.map(String).join('.') || '(the file)'}: ${i.message}`).join('\n'),
    );
  }
  return result.data.examples;
}
