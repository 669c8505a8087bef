/**
 * Crisis patterns are data: on a copy of the knowledge folder, a clinician's edit of
 * knowledge/safety/crisis-patterns.yaml alone (a new phrase in a family, a new word in a fragment)
 * makes the detector escalate a message it let through; a broken reference stops loading, naming the
 * file and the field.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { detectorOf as detector, edit, knowledgeCopy, outcomeOf as outcome } from '../support/knowledgeCopy';
import type { RedFlagDetector } from '../../core/safety/detector';
import { loadSafetyKnowledge } from '../../core/safety/knowledge';

const FILE = 'safety/crisis-patterns.yaml';

const LAST_GOODBYE_PATTERN = "      - 'this is (?:my|the) (?:last|final) (?:message|goodbye|night|day|post)'\n";

describe('a clinician edits the crisis patterns on a copy of the knowledge folder', () => {
  let dir: string;
  let original: RedFlagDetector;
  beforeAll(() => {
    original = detector();
  });
  beforeEach(() => {
    dir = knowledgeCopy('knowledge-crisis-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('one new phrase in a family makes a message escalate that did not', () => {
    const message = 'I have been planning my own funeral';
    expect(outcome(original, message)).toEqual({ flags: [], confirm: [] });
    edit(dir, FILE, (text) => text.replace(LAST_GOODBYE_PATTERN, `${LAST_GOODBYE_PATTERN}      - '(?:planning|planned|arranging|arranged) my (?:own )?funeral'\n`));
    const extended = detector(dir);
    expect(outcome(extended, message).flags).toEqual(['thoughts-of-self-harm']);
    // What the engine does for every family applies to the new phrase too: a denial only asks.
    expect(outcome(extended, 'no, I have not been planning my own funeral')).toEqual({ flags: [], confirm: ['thoughts-of-self-harm'] });
  });

  it('one new word in a fragment reaches every pattern that names the fragment', () => {
    const message = 'I drove to the reservoir again last night and just sat there for ages';
    expect(outcome(original, message)).toEqual({ flags: [], confirm: [] });
    edit(dir, FILE, (text) => text.replace('viaduct, quarry, pier, dam]', 'viaduct, quarry, pier, dam, reservoir]'));
    const extended = detector(dir);
    expect(outcome(extended, message).flags).toEqual(['thoughts-of-self-harm']);
    // The family's check still reads what is around the place: a picnic by the reservoir is a picnic.
    expect(outcome(extended, 'we drove to the reservoir for a picnic with the baby').flags).toEqual([]);
  });

  it.each([
    ['a fragment that does not exist', (t: string) => t.replace(LAST_GOODBYE_PATTERN, `${LAST_GOODBYE_PATTERN}      - 'planning my {funerals}'\n`), /crisis-patterns\.yaml: field families\.13\.patterns\.13: no fragment "funerals" in fragments/],
    ['a check the engine does not have', (t: string) => t.replace('    accept: goodbye\n', '    accept: farewell\n'), /crisis-patterns\.yaml: field families\.13\.accept: no check "farewell" in the engine/],
    ['a concept that is not a crisis concept', (t: string) => t.replace(/(- id: goodbye\n {4}why: .*\n {4}concept: )crisis-self/, '$1crisis-selff'), /crisis-patterns\.yaml: field families\.13\.concept: "crisis-selff" is not a crisis concept/],
    ['an idiom list that does not exist', (t: string) => t.replace(/(- id: wish-dead\n(?: {4}.*\n)*? {4}masks: )death/, '$1deaths'), /crisis-patterns\.yaml: field families\.0\.masks: no idiom list "deaths"/],
    ['a pattern that does not compile', (t: string) => t.replace(LAST_GOODBYE_PATTERN, `${LAST_GOODBYE_PATTERN}      - 'planning my (own funeral'\n`), /crisis-patterns\.yaml: field families\.13\.patterns\.13: is not a valid pattern/],
    ['a fragment that is not a piece of pattern', (t: string) => t.replace("  cond-adv: '(?:", "  cond-adv: '((?:"), /crisis-patterns\.yaml: field fragments\.cond-adv: is not a valid piece of pattern/],
    ['a fragment used above its definition', (t: string) => t.replace("  meds: [", "  meds: ['{method}', "), /crisis-patterns\.yaml: field fragments\.meds\.0: fragment "method" must be defined above it/],
    ['a word list the engine reads, left out', (t: string) => t.replace(/\n {2}harm-fear: \[[^\]]*\]/, ''), /crisis-patterns\.yaml: field words\.harm-fear: /],
    ['a word list the engine does not read', (t: string) => t.replace('\nwords:\n', '\nwords:\n  harm-anger: [furious]\n'), /crisis-patterns\.yaml: field words: .*harm-anger/],
    ['a family without its reason', (t: string) => t.replace(/(- id: plan\n {4}why: ).*\n/, "$1''\n"), /crisis-patterns\.yaml: field families\.12\.why: must say why the family exists/],
  ])('%s stops loading, naming the file and the field', (_what, change, message) => {
    edit(dir, FILE, change);
    expect(() => loadSafetyKnowledge(join(dir, 'safety'))).toThrow(message);
  });
});
