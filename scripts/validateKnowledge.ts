/**
 * Validates every knowledge file start-up validates, as start-up loads them, and writes
 * generated/knowledge-validated.json: per file that passed, its fingerprint (its exact text, its
 * schema's name and the schemas' version) and the schema's output. Start-up then skips zod for those
 * files (core/knowledge/builtValidation.ts); an edited file, or any file after a schema changed, is
 * validated again. Run by `npm run build` (before the bundle, so the rehearsed start that writes the
 * code cache runs the path a start runs) and before the tests.
 *
 *   node dist/scripts/validateKnowledge.js
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { defaultValidatedKnowledgeFile, loadKnowledgeFiles } from '../core/domain';
import { recordingValidation, schemaVersion } from '../core/knowledge/builtValidation';
import { defaultKnowledgeDir } from '../core/knowledge/loader';
import { projectRoot } from '../core/projectRoot';

/** Writes the record of the knowledge folder's validation; returns how many files it holds and where. */
export function validateKnowledge(knowledgeDir: string = defaultKnowledgeDir(), file: string = defaultValidatedKnowledgeFile(), root: string = projectRoot()): { files: number; file: string } {
  const version = schemaVersion(root);
  if (version === undefined) throw new Error('a schema source of core/ is missing: the record needs the schemas it was validated with');
  const recording = recordingValidation(version);
  loadKnowledgeFiles(knowledgeDir, recording);
  const out = recording.file();
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(out));
  renameSync(tmp, file);
  return { files: Object.keys(out.validated).length, file };
}

if (require.main === module) {
  const r = validateKnowledge();
  console.log(`validated ${r.files} knowledge files: ${relative(process.cwd(), r.file) || r.file}`);
}
