import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultKnowledgeDir } from '../../core/knowledge/loader';
import { createRedFlagDetector, type RedFlagDetector } from '../../core/safety/detector';
import { loadRedFlagDefinitions } from '../../core/safety/definitions';
import { loadSafetyKnowledge } from '../../core/safety/knowledge';
import type { ParentContext } from '../../core/safety/types';

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

/** The red-flag detector of a knowledge folder (the project's own by default), crisis language read by its patterns alone. */
export function detectorOf(dir: string = defaultKnowledgeDir()): RedFlagDetector {
  return createRedFlagDetector(loadRedFlagDefinitions(join(dir, 'red-flags.yaml')), null, loadSafetyKnowledge(join(dir, 'safety')));
}

/** What a detector makes of a message, as a parent would see it: the flags it escalates and the ones it asks about. */
export function outcomeOf(d: RedFlagDetector, text: string, known: ParentContext = {}): { flags: string[]; confirm: string[] } {
  const r = d.assess(text, known, { now: new Date('2026-11-22T12:00:00Z') });
  return { flags: r.flags.map((f) => f.id), confirm: r.toConfirm.map((f) => f.id) };
}
