/** Loads the blind red-flag data sets (tests/data/red-flags-*.tsv) and scores the detector on them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../core/projectRoot';
import type { ParentContext, SafetyAssessment, Urgency } from '../../core/safety/types';
import { URGENCY_LEVELS, urgencyRank } from '../../core/safety/types';

export type ExpectedLevel = Urgency | 'none';
export type DataContext = 'unknown' | 'pregnant' | 'breastfeeding' | 'pumping' | 'weaned' | 'none';

export interface DataLine {
  line: number;
  level: ExpectedLevel;
  context: DataContext;
  text: string;
}

const LEVELS: ReadonlyArray<ExpectedLevel> = ['none', ...URGENCY_LEVELS];
const CONTEXTS: ReadonlyArray<DataContext> = ['unknown', 'pregnant', 'breastfeeding', 'pumping', 'weaned', 'none'];

export function dataFile(name: 'dev' | 'test' | 'crisis-dev' | 'blind' | 'final' | 'regression'): string {
  return join(projectRoot(), 'tests', 'data', `red-flags-${name}.tsv`);
}

export function loadDataSet(file: string): DataLine[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const header = lines[0].split('\t');
  if (header[0] !== 'level' || header[1] !== 'context' || header[2] !== 'text') throw new Error(`${file}: unexpected header ${lines[0]}`);
  const out: DataLine[] = [];
  lines.slice(1).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const [level, context, ...rest] = raw.split('\t');
    if (!LEVELS.includes(level as ExpectedLevel)) throw new Error(`${file}:${i + 2}: unknown level "${level}"`);
    if (!CONTEXTS.includes(context as DataContext)) throw new Error(`${file}:${i + 2}: unknown context "${context}"`);
    out.push({ line: i + 2, level: level as ExpectedLevel, context: context as DataContext, text: rest.join('\t') });
  });
  return out;
}

export function knownContext(context: DataContext): ParentContext {
  return context === 'unknown' ? {} : { lactation: context };
}

export interface Scored {
  item: DataLine;
  result: SafetyAssessment;
  /** Red-flag line escalated at its level or higher; or a none line that did not escalate. */
  ok: boolean;
}

export interface Report {
  scored: Scored[];
  recall: Record<Urgency, { hit: number; total: number }>;
  falsePositives: number;
  noneTotal: number;
}

export function score(items: DataLine[], assess: (text: string, known: ParentContext) => SafetyAssessment): Report {
  const recall = Object.fromEntries(URGENCY_LEVELS.map((l) => [l, { hit: 0, total: 0 }])) as Report['recall'];
  let falsePositives = 0;
  let noneTotal = 0;
  const scored = items.map((item) => {
    const result = assess(item.text, knownContext(item.context));
    const escalated = result.flags.length > 0 && result.level !== null;
    let ok: boolean;
    if (item.level === 'none') {
      noneTotal++;
      ok = !escalated;
      if (!ok) falsePositives++;
    } else {
      recall[item.level].total++;
      ok = escalated && urgencyRank(result.level!) >= urgencyRank(item.level);
      if (ok) recall[item.level].hit++;
    }
    return { item, result, ok };
  });
  return { scored, recall, falsePositives, noneTotal };
}

export function summary(name: string, r: Report): string {
  const parts = URGENCY_LEVELS.slice()
    .reverse()
    .map((l) => `${l} ${r.recall[l].hit}/${r.recall[l].total}`);
  const fpRate = r.noneTotal === 0 ? 0 : (100 * r.falsePositives) / r.noneTotal;
  return `${name}: recall ${parts.join(', ')}; false positives ${r.falsePositives}/${r.noneTotal} (${fpRate.toFixed(1)}%)`;
}

export function describe(s: Scored): string {
  const r = s.result;
  const flags = r.flags.map((f) => `${f.id}(${f.level})`).join(',') || '-';
  const conf = r.toConfirm.map((f) => f.id).join(',') || '-';
  const asked = r.askedAbout.map((f) => f.id).join(',') || '-';
  return `${s.ok ? 'ok  ' : 'FAIL'} [${s.item.level}/${s.item.context}] ${s.item.text}\n      flags=${flags} confirm=${conf} asked=${asked} learned=${JSON.stringify(r.learned)}`;
}
