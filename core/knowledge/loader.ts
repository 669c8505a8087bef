import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { z } from 'zod';
import { plainValidation, readKnowledgeText, type KnowledgeText, type KnowledgeValidation } from './builtValidation';
import { projectRoot } from '../projectRoot';
import { sourcesFileSchema, topicSchema, type Source, type Topic } from './schema';
import { buildTopicTree, treeProblems, type TopicTree } from './tree';

export class KnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    super(`The knowledge base has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'KnowledgeError';
  }
}

export interface KnowledgeBase {
  readonly topics: ReadonlyMap<string, Topic>;
  readonly sources: ReadonlyMap<string, Source>;
  /** The dialog tree: the welcome menu, hubs and their children, as the topics' `parent` fields say. */
  readonly tree: TopicTree;
  topic(id: string): Topic;
}

export function defaultKnowledgeDir(): string {
  return join(projectRoot(), 'knowledge');
}

function describePath(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? '(the file)' : path.map(String).join('.');
}

/** Reads and validates one file (through `validation`); its problems, each naming the file and the field, go to `problems`. */
function readAndValidate<T>(
  file: string,
  schema: z.ZodType<T>,
  schemaName: string,
  validation: KnowledgeValidation,
  problems: string[],
  displayName: string = relative(process.cwd(), file) || file,
): T | undefined {
  let result: z.ZodSafeParseResult<T>;
  try {
    const text: KnowledgeText = readKnowledgeText(file);
    result = validation.validate(schema, schemaName, text);
  } catch (err) {
    problems.push(`${displayName}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push(`${displayName}: field ${describePath(issue.path)}: ${issue.message}`);
  }
  return undefined;
}

/**
 * Reads one YAML file and validates it with `schema` (named `schemaName`, see builtValidation.ts);
 * every problem is a KnowledgeError line naming the file and the field.
 */
export function readValidatedYaml<T>(file: string, schema: z.ZodType<T>, schemaName: string, validation: KnowledgeValidation = plainValidation): T {
  const problems: string[] = [];
  const data = readAndValidate(file, schema, schemaName, validation, problems);
  if (problems.length > 0 || data === undefined) throw new KnowledgeError(problems);
  return data;
}

/**
 * Reads and validates every topic file. Every problem in every file is collected before failing, so
 * a clinician sees the whole list at once, each with the file and the field.
 */
export function loadKnowledgeBase(dir: string = defaultKnowledgeDir(), validation: KnowledgeValidation = plainValidation): KnowledgeBase {
  const problems: string[] = [];
  const shown = (file: string) => relative(process.cwd(), file) || file;

  const sourcesFile = join(dir, 'sources.yaml');
  const sourcesData = readAndValidate(sourcesFile, sourcesFileSchema, 'sources', validation, problems, shown(sourcesFile));
  const sources = new Map((sourcesData?.sources ?? []).map((s) => [s.id, s]));

  const topics = new Map<string, Topic>();
  const topicDir = join(dir, 'topics');
  const files = readdirSync(topicDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const name of files) {
    const file = join(topicDir, name);
    const topic = readAndValidate(file, topicSchema, 'topic', validation, problems, shown(file));
    if (!topic) continue;
    const expectedId = basename(name).replace(/\.ya?ml$/, '');
    if (topic.id !== expectedId) {
      problems.push(`${shown(file)}: field id: "${topic.id}" must match the file name "${expectedId}"`);
      continue;
    }
    topics.set(topic.id, topic);
  }

  for (const name of files) {
    const id = name.replace(/\.ya?ml$/, '');
    const topic = topics.get(id);
    if (!topic) continue;
    const file = shown(join(topicDir, name));
    topic.related.forEach((rel, i) => {
      if (!topics.has(rel)) problems.push(`${file}: field related.${i}: no topic has the id "${rel}"`);
    });
    topic.sources.forEach((src, i) => {
      if (!sources.has(src)) problems.push(`${file}: field sources.${i}: "${src}" is not listed in ${shown(sourcesFile)}`);
    });
  }

  const fileOf = new Map(files.map((name) => [name.replace(/\.ya?ml$/, ''), shown(join(topicDir, name))]));
  for (const problem of treeProblems(topics)) problems.push(`${fileOf.get(problem.id) ?? problem.id}: field ${problem.field}: ${problem.message}`);

  if (problems.length > 0) throw new KnowledgeError(problems);
  return {
    topics,
    sources,
    tree: buildTopicTree(topics),
    topic(id: string): Topic {
      const found = topics.get(id);
      if (!found) throw new Error(`Unknown topic "${id}"`);
      return found;
    },
  };
}
