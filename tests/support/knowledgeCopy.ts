import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultKnowledgeDir } from '../../core/knowledge/loader';

/** A copy of knowledge/ in a new temporary folder, for a clinician's edit the project must not see. */
export function knowledgeCopy(prefix = 'knowledge-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(defaultKnowledgeDir(), dir, { recursive: true });
  return dir;
}

/** A clinician's edit of one file of such a copy; the edit must change something. */
export function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
}
