/**
 * Language identification, measured.
 *
 *   npx tsx scripts/language.ts english FILE...   messages (last column of a TSV) identified as another
 *                                                language: each listed, and the rate (last line)
 *   npx tsx scripts/language.ts foreign FILE      accuracy on a `language<TAB>text` file (ISO 639-1 codes)
 *   npx tsx scripts/language.ts which TEXT        the language of one message
 *
 * Uses the same identifier as the running bot (with English understanding as its check).
 */
import { readFileSync } from 'node:fs';
import { loadDomain } from '../core/domain';
import { runCli } from './cli';

const USAGE = 'usage: npx tsx scripts/language.ts english FILE... | foreign FILE | which TEXT';

function texts(file: string): string[][] {
  return readFileSync(file, 'utf8').split('\n').slice(1).filter((l) => l.trim()).map((l) => l.split('\t'));
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (rest.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const { language } = loadDomain({ name: 'the clinic', emergencyNumber: '911', crisisLine: '988' });
  if (command === 'which') {
    console.log(language.languageOf(rest.join(' ')) ?? 'English (or cannot tell)');
    return 0;
  }
  if (command === 'english') {
    let total = 0;
    let other = 0;
    for (const file of rest) {
      for (const columns of texts(file)) {
        const text = columns[columns.length - 1];
        total++;
        const found = language.languageOf(text);
        if (found) {
          other++;
          console.log(`${found}\t${file}\t${text}`);
        }
      }
    }
    console.log(`identified as another language: ${other}/${total} (${((100 * other) / Math.max(total, 1)).toFixed(2)}%)`);
    return 0;
  }
  if (command === 'foreign' && rest.length === 1) {
    const rows = texts(rest[0]);
    let right = 0;
    for (const [expected, text] of rows) {
      const found = language.languageOf(text);
      if (found === expected) right++;
      else console.log(`${expected} -> ${found ?? 'English/unknown'}\t${text}`);
    }
    console.log(`accuracy: ${(right / Math.max(rows.length, 1)).toFixed(3)} (${right}/${rows.length})`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

runCli(main);
