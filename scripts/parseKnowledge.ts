/**
 * Parses every YAML file of the knowledge folder once and writes generated/knowledge-yaml.json, which
 * start-up uses instead of parsing them again (core/knowledge/parsedYaml.ts: looked up by each file's
 * exact text, so an edited file is simply parsed again). Run by `npm run build` and before the tests.
 *
 *   npm run parse:knowledge
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { defaultKnowledgeDir } from '../core/knowledge/loader';
import { parsedAsJson, textKey, type ParsedYamlFile } from '../core/knowledge/parsedYaml';
import { defaultParsedYamlFile } from '../core/domain';

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Parses the folder's YAML files into `file`; a file that does not parse is left out (start-up reports it). */
export function parseKnowledge(knowledgeDir: string = defaultKnowledgeDir(), file: string = defaultParsedYamlFile()): { files: number; stored: number; file: string } {
  const files = yamlFilesUnder(knowledgeDir);
  const parsed: Record<string, string> = {};
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    try {
      const json = parsedAsJson(text);
      if (json !== undefined) parsed[textKey(text)] = json;
    } catch {
      // Broken YAML: start-up parses it and names the file and the problem.
    }
  }
  const out: ParsedYamlFile = { format: 1, parsed };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(out));
  renameSync(tmp, file);
  return { files: files.length, stored: Object.keys(parsed).length, file };
}

if (require.main === module) {
  const r = parseKnowledge();
  console.log(`parsed ${r.stored} of ${r.files} knowledge files: ${relative(process.cwd(), r.file) || r.file}`);
}
