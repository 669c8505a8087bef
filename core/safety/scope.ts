/**
 * Decides, for one mention of a symptom in a sentence, whether the parent reports it, denies it,
 * is unsure of it, only asks about it, or is talking about someone or something else.
 *
 * NegEx-style: a negation trigger ("no", "not", "never", "without", ...) covers the words after it
 * up to the end of its clause ("but", "though", "however", "except", a comma that opens a new
 * clause ...) and at most its scope in words (knowledge/safety/modifiers.yaml). Pseudo-triggers ("not sure why", "won't go away",
 * "not better", "no idea") are not negations. Post-triggers ("fever: none", "... is gone") negate the
 * words just before them.
 */
import type { ModifierCategory, SafetyKnowledge } from './knowledge';
import type { Sentence } from './text';
import { oneOf } from '../text/wordList';

export type Status =
  /** Reported as present now. */
  | 'yes'
  /** Denied, resolved, or in the past. */
  | 'no'
  /** The parent is not sure ("I don't think there's blood?", "not sure if that's pus"). */
  | 'unsure'
  /** Only a question about it, or a hypothetical ("can mastitis cause leaking?", "what if I get a fever"). */
  | 'asked'
  /** About the baby or another body part ("my baby has a fever", "lump in my throat"). */
  | 'other';

/**
 * The modifier words of knowledge/safety/modifiers.yaml in the shapes this module reads them:
 * single words as sets, phrases as token lists, some as one pattern. Built once per knowledge.
 */
interface Modifiers {
  negWindow: number;
  negSingle: ReadonlySet<string>;
  /** Two-word negation triggers, "free of", "negative for": first word -> second words. */
  negPairs: ReadonlyMap<string, ReadonlySet<string>>;
  pseudoAfter: ReadonlySet<string>;
  /** Denials after the mention, as token lists; scope in words. */
  negAfter: PhraseIndex;
  negAfterScope: number;
  uncertainSingle: ReadonlySet<string>;
  uncertainPhrases: PhraseIndex;
  uncertainScope: number;
  hypotheticalPhrases: PhraseIndex;
  pastDistant: RegExp;
  resolved: RegExp;
  others: ReadonlySet<string>;
  babyWords: ReadonlySet<string>;
  /** The phrases that open each gate (GATE_*): see SentenceFacts.gates. */
  gates: GatePhrases;
}

const derived = new WeakMap<SafetyKnowledge, Modifiers>();

/**
 * Checks whose pattern needs one of a list of phrases somewhere in the sentence: a sentence holding
 * none of them cannot pass the check, for any mention. The phrases (modifiers.yaml's and this
 * module's) are lower-case words separated by single spaces, and a sentence's text is its tokens
 * joined by single spaces, so a phrase is in the text as a whole-word match exactly when it is a run
 * of the tokens; the one exception, a phrase starting with a digit inside a number ("5 days" in
 * "3.5 days"), keeps its gate always open.
 */
const GATE_RESOLVED = 1;
const GATE_PAST_VERB = 2;
const GATE_BELIEF = 4;
const GATE_CHECK = 8;
const GATE_INFORMATION = 16;

interface GatePhrases {
  /** By first word: each phrase's words and the gate it opens. */
  byFirstWord: ReadonlyMap<string, ReadonlyArray<{ words: readonly string[]; gate: number }>>;
  /** Gates open whatever the sentence says. */
  always: number;
}

function gatePhrasesOf(gates: ReadonlyArray<readonly [number, readonly string[]]>): GatePhrases {
  const byFirstWord = new Map<string, Array<{ words: readonly string[]; gate: number }>>();
  let always = 0;
  for (const [gate, phrases] of gates) {
    for (const phrase of phrases) {
      if (/\d/.test(phrase)) always |= gate;
      const words = phrase.split(' ');
      const list = byFirstWord.get(words[0]);
      if (list) list.push({ words, gate });
      else byFirstWord.set(words[0], [{ words, gate }]);
    }
  }
  return { byFirstWord, always };
}

/** The gates the phrases found in `tokens` open. */
function openGates(tokens: string[], phrases: GatePhrases): number {
  let open = phrases.always;
  for (let i = 0; i < tokens.length; i++) {
    const candidates = phrases.byFirstWord.get(tokens[i]);
    if (candidates) for (const { words, gate } of candidates) if ((open & gate) === 0 && phraseAt(tokens, i, words)) open |= gate;
  }
  return open;
}

function modifiersOf(sentence: Sentence): Modifiers {
  const k = sentence.knowledge;
  let m = derived.get(k);
  if (m) return m;
  const words = (c: ModifierCategory) => [...k.modifiers[c].words];
  const phrases = (c: ModifierCategory) => words(c).map((w) => w.split(' '));
  const single = (c: ModifierCategory) => new Set(words(c).filter((w) => !w.includes(' ')));
  const negPairs = new Map<string, Set<string>>();
  for (const [a, b] of phrases('negation').filter((p) => p.length === 2)) negPairs.set(a, (negPairs.get(a) ?? new Set()).add(b));
  const alternation = (c: ModifierCategory) => words(c).sort((x, y) => y.length - x.length).join('|');
  m = {
    negWindow: k.modifiers.negation.maxScope,
    negSingle: single('negation'),
    negPairs,
    pseudoAfter: single('pseudo-negation'),
    negAfter: byFirstWord(phrases('negation-after')),
    negAfterScope: k.modifiers['negation-after'].maxScope,
    uncertainSingle: single('uncertainty'),
    uncertainPhrases: byFirstWord(phrases('uncertainty').filter((p) => p.length > 1)),
    uncertainScope: k.modifiers.uncertainty.maxScope,
    hypotheticalPhrases: byFirstWord(phrases('hypothetical')),
    // Dates ("in March", "back in 2023") are read here too: a month or a year named in the past.
    pastDistant: new RegExp(`\\b(${alternation('historical')}|(back )?in (january|february|march|april|june|july|august|september|october|november|december|\\d{4}))\\b`),
    resolved: new RegExp(`\\b(${alternation('resolved')})\\b`),
    others: new Set(words('experiencer-other')),
    babyWords: new Set(words('experiencer-baby')),
    gates: gatePhrasesOf([
      [GATE_RESOLVED, words('resolved')],
      [GATE_PAST_VERB, PAST_VERBS],
      [GATE_BELIEF, BELIEF_WORDS],
      [GATE_CHECK, CHECK_VERBS],
      [GATE_INFORMATION, INFO_MARKERS],
    ]),
  };
  derived.set(k, m);
  return m;
}

/** Phrases (token lists) by their first word, each word's in the order given. */
type PhraseIndex = ReadonlyMap<string, ReadonlyArray<readonly string[]>>;

function byFirstWord(phrases: ReadonlyArray<readonly string[]>): PhraseIndex {
  const index = new Map<string, Array<readonly string[]>>();
  for (const p of phrases) {
    const list = index.get(p[0]);
    if (list) list.push(p);
    else index.set(p[0], [p]);
  }
  return index;
}

/** The first of the phrases that starts at token i (only those with its word first can). */
function phraseStartingAt(tokens: string[], i: number, phrases: PhraseIndex): readonly string[] | undefined {
  const candidates = phrases.get(tokens[i]);
  if (candidates) for (const p of candidates) if (phraseAt(tokens, i, p)) return p;
  return undefined;
}

/** The phrase (token list) starts at token i. */
function phraseAt(tokens: string[], i: number, phrase: readonly string[]): boolean {
  for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) return false;
  return true;
}

/**
 * "not get a fever" is a real negation, so "get/getting/got" only make a pseudo-negation when
 * followed by an improvement word ("not getting better", "not got any smaller").
 */
const GET_IMPROVE = new Set(['better', 'smaller', 'any', 'rid', 'worse']);

const HARM_VERBS = new Set(['hurting', 'harming', 'killing', 'cutting', 'ending', 'hurt', 'harm', 'kill', 'cut', 'end', 'dying']);

/** "feel", "see", "think", "want"... are pseudo only in set phrases; otherwise real negations. */
function isPseudo(tokens: string[], trigger: number, PSEUDO_AFTER: ReadonlySet<string>): boolean {
  const t = tokens[trigger];
  const n1 = tokens[trigger + 1] ?? '';
  const n2 = tokens[trigger + 2] ?? '';
  const n3 = tokens[trigger + 3] ?? '';
  // "no I have a fever" / "no idea why" / "no luck with pumping" / "no sleep" deny nothing that follows.
  if (t === 'no' && oneOf('i|my|she|he|it|we|they|you|the|this|that|because|but|thanks|thank|worries|problem|wait|way|idea|clue|matter|doubt|wonder|one|offence|offense|kidding|joke|lie|rush|pressure|luck|sleep').has(n1)) return true;
  if (t === 'nothing' && oneOf('but|helps|helped|works|worked|seems|is|has|will|else|like').has(n1)) return n1 !== 'like';
  if (t === 'without' && oneOf('squeezing|touching|pressing|pumping|expressing|feeding|nursing|stimulation|reason|trigger|warning|doing|any reason|a reason').has(n1)) return true;
  if (t === 'without' && oneOf('any|a').has(n1) && oneOf('reason|trigger|warning|squeezing|touching|stimulation').has(n2)) return true;
  if (t === 'none' && n1 === 'of' && oneOf('the|my|it|these|them').has(n2) && oneOf('meds|medicine|medicines|medication|antibiotics|things|remedies|tips|advice|help|work|helps|helped|works|worked').has(n3)) return true;
  // "wouldn't it be easier if ...", "isn't that ...": a negative question, not a denial.
  if (t === 'not' && oneOf('would|could|should|is|was|does|do|did|will|can|are|were|has|have').has(tokens[trigger - 1] ?? '') && oneOf('it|that|this|they|you|everyone|everybody|he|she|we|there').has(n1)) return true;
  if (t === 'not' || t === 'never' || t === 'no') {
    if (n1 === 'get' || n1 === 'getting' || n1 === 'got' || n1 === 'gotten') return GET_IMPROVE.has(n2) || (n2 === 'any' && GET_IMPROVE.has(n3));
    // "I don't feel like myself" asks nothing of what follows; "I don't feel like hurting myself" denies it.
    if (n1 === 'feel' || n1 === 'feeling') return oneOf('like|myself|right|well|good|safe|normal|better|okay|ok|great|human|real').has(n2) && !(n2 === 'like' && HARM_VERBS.has(n3));
    if (n1 === 'tell') return true;
    // "can't see properly", "don't see the point", "can't see any way out" deny nothing that follows;
    // "didn't see any blood" does.
    if (n1 === 'see' || n1 === 'say' || n1 === 'saying') {
      return oneOf('why|how|what|if|whether|properly|clearly|straight|well').has(n2) || (oneOf('a|any|the').has(n2) && oneOf('way|point|future|reason|end|light|hope|other|solution|option|options|difference|improvement|change|changes|sense').has(n3));
    }
    if (n1 === 'think') return true; // handled as uncertainty
    if (n1 === 'want' || n1 === 'wanting') return n2 === 'to' && oneOf('live|be|exist|wake|go|carry|keep|do|feed|breastfeed|nurse').has(n3);
    if (n1 === 'a' && oneOf('lot|big|huge|ton|bunch').has(n2)) return true;
    if (n1 === 'too' && oneOf('much|bad|heavy|many').has(n2)) return true;
    if (n1 === 'that' && oneOf('much|bad|heavy|many|big').has(n2)) return true;
    if (n1 === 'really' || n1 === 'very' || n1 === 'quite' || n1 === 'completely' || n1 === 'totally' || n1 === 'fully' || n1 === 'even') {
      return PSEUDO_AFTER.has(n2) && n2 !== 'able' ? n2 !== 'feel' && n2 !== 'see' && n2 !== 'think' && n2 !== 'get' : false;
    }
    if (n1 === 'been' && oneOf('able|sleeping|eating|coping|myself|getting|going|feeling').has(n2)) return n2 !== 'getting' || GET_IMPROVE.has(n3);
    if (n1 === 'able' || n1 === 'stop' || n1 === 'stopping') return true;
    return PSEUDO_AFTER.has(n1);
  }
  return false;
}

/** Multi-word negation triggers: "free of", "negative for", "absence of", "no more", "no longer". */
function multiNegAt(tokens: string[], i: number, m: Modifiers): boolean {
  return m.negPairs.get(tokens[i])?.has(tokens[i + 1] ?? '') ?? false;
}

function isNegTrigger(tokens: string[], i: number, m: Modifiers): boolean {
  if (multiNegAt(tokens, i, m)) return true;
  const t = tokens[i];
  if (!m.negSingle.has(t)) return false;
  // "no" answering a question ("no, ...") is handled by the comma boundary; "not" in "not sure" etc:
  return !isPseudo(tokens, i, m.pseudoAfter);
}

/** Uncertainty cues before a mention: "not sure if", "I don't think", "maybe", "might be"... */
function uncertainBefore(tokens: string[], from: number, to: number, m: Modifiers): boolean {
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    const n1 = tokens[i + 1] ?? '';
    const n2 = tokens[i + 2] ?? '';
    if (m.uncertainSingle.has(t) || phraseStartingAt(tokens, i, m.uncertainPhrases)) return true;
    if ((t === 'not' || t === 'un') && (n1 === 'sure' || n1 === 'certain')) {
      if (!oneOf('why|how|what|when|where|who|which').has(n2)) return true;
    }
    if (t === 'not' && n1 === 'really' && n2 === 'sure') return true;
    if (t === 'do' && n1 === 'not' && (n2 === 'think' || n2 === 'believe')) return true;
    if (t === 'not' && n1 === 'think' && i > 0 && oneOf('do|did|would').has(tokens[i - 1])) return true;
    if (t === 'not' && (n1 === 'tell' || n1 === 'say') && oneOf('if|whether').has(n2)) return true;
    if (t === 'can' && n1 === 'not' && (n2 === 'tell' || n2 === 'say')) return true;
    if ((t === 'hard' || t === 'difficult') && n1 === 'to' && oneOf('tell|say|see|know').has(n2)) return true;
    if ((t === 'know' || t === 'wonder' || t === 'wondering' || t === 'doubt' || t === 'sure' || t === 'certain') && (n1 === 'if' || n1 === 'whether')) {
      if (t !== 'know' && t !== 'sure' && t !== 'certain') return true;
      if (i > 0 && tokens[i - 1] === 'not') return true;
    }
    if (t === 'i' && n1 === 'doubt') return true;
    if (t === 'might' && (n1 === 'be' || n1 === 'have' || n1 === 'possibly')) return true;
    if (t === 'may' && (n1 === 'be' || n1 === 'have') && !(i > 0 && tokens[i - 1] === 'it' && n1 === 'be' && n2 === 'that')) return true;
    if (t === 'could' && (n1 === 'be' || n1 === 'it' || n1 === 'this' || n1 === 'that')) return true;
    if (t === 'i' && n1 === 'guess') return true;
    if (t === 'idk' || (t === 'do' && n1 === 'not' && n2 === 'know' && oneOf('if|whether').has(tokens[i + 3] ?? ''))) return true;
  }
  return false;
}

function uncertainAfter(tokens: string[], from: number, to: number, m: Modifiers): boolean {
  for (let i = from; i < Math.min(to, from + m.uncertainScope); i++) {
    const t = tokens[i];
    const n1 = tokens[i + 1] ?? '';
    const n2 = tokens[i + 2] ?? '';
    if (t === 'or' && (n1 === 'not' || n1 === 'just' || n1 === 'is' || n1 === 'maybe' || n1 === 'normal')) return true;
    if (m.uncertainSingle.has(t) && !oneOf('unclear|uncertain|questionable').has(t)) return true;
    if (t === 'not' && (n1 === 'sure' || n1 === 'certain')) return true;
    if (t === 'i' && n1 === 'think' && i + 2 >= to) return true;
    // "leaking, I don't know why" doubts the cause, not the leaking.
    if (t === 'i' && n1 === 'do' && n2 === 'not' && oneOf('know|think').has(tokens[i + 3] ?? '') && !oneOf('why|how|what|where|when|who').has(tokens[i + 4] ?? '')) return true;
    if (t === 'i' && n1 === 'am' && n2 === 'not' && oneOf('sure|certain').has(tokens[i + 3] ?? '')) return true;
    if (t === 'i' && n1 === 'guess') return true;
  }
  return false;
}

/** After-mention denials: "fever: none", "the lump is gone", "bleeding stopped", "temp is normal". */
function negatedAfter(tokens: string[], from: number, to: number, allowNormal: boolean, m: Modifiers): boolean {
  // Skip auxiliaries right after the mention; the next word must be the denial itself.
  let i = from;
  while (i < to && i < from + m.negAfterScope && oneOf('has|have|is|are|was|were|s|had|finally|now|completely|all|totally|then|since|actually|already|pretty|much|mostly|just|yesterday|overnight|earlier|,').has(tokens[i])) i++;
  if (i >= to) return false;
  const t = tokens[i];
  if (t === 'no' && i + 1 >= to) return true;
  // The denial words of modifiers.yaml ("gone", "went away", "none"), unless it came back.
  const denial = phraseStartingAt(tokens, i, m.negAfter);
  if (denial) return !comesBack(tokens, i + denial.length, to);
  if (allowNormal && oneOf('normal|fine|ok|okay|good|perfect').has(t)) return true;
  return false;
}

/** "feeling human again", "back to normal": the parent is well again, nothing came back. */
const WELL_AGAIN = /^(human|normal|myself|me|better|good|fine|ok|okay|well|alive|great)$/;

function comesBack(tokens: string[], from: number, to: number): boolean {
  for (let i = from; i < Math.min(to + 6, tokens.length); i++) {
    const t = tokens[i];
    if (t === 'again' && WELL_AGAIN.test(tokens[i - 1] ?? '')) continue;
    if (t === 'back' && tokens[i + 1] === 'to' && WELL_AGAIN.test(tokens[i + 2] ?? '')) continue;
    if (t === 'back' || t === 'again' || t === 'returned' || t === 'returning' || t === 'still') return true;
  }
  return false;
}

const SELF_BODY = /^(my|i|me|mine|myself|breast|breasts|nipple|nipples|milk|areola)$/;

/** The clause talks about the baby as the one who has it ("my baby has a fever", "baby's face is red"). */
function babyExperiencer(tokens: string[], clauseStart: number, matchStart: number, matchEnd: number, clauseEnd: number, BABY_WORDS: ReadonlySet<string>): boolean {
  for (let i = matchStart - 1; i >= clauseStart; i--) {
    const t = tokens[i];
    // "my 17 year old son": an age in years (2 or more) is a child or an adult, not the baby.
    const yearsOld = tokens[i - 1] === 'old' && oneOf('year|years|yr|yrs').has(tokens[i - 2] ?? '') && /^([2-9]|[1-9]\d|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)$/.test(tokens[i - 3] ?? '');
    if (BABY_WORDS.has(t) && !yearsOld && (t !== 'little' || oneOf('one|man|guy|girl|boy|lady|bean|bub|babe').has(tokens[i + 1] ?? '')) && !/^(teen|teenage|teenaged|adult|grown|older|big|\d{2})$/.test(tokens[i - 1] ?? '') && !oneOf('yo|year|years|yr').has(tokens[i - 1] ?? '')) {
      // "my baby has a fever": no first-person body word between the baby word and the mention.
      for (let j = i + 1; j < matchStart; j++) if (SELF_BODY.test(tokens[j]) && tokens[j] !== 'milk') return false;
      // "baby bit my nipple and now it bleeds" is split into clauses already.
      // "I think my baby swallowed blood": the verb tells; keep it simple: baby as subject.
      const next = tokens[i + 1] ?? '';
      if (oneOf('is|has|had|was|seems|looks|got|gets|keeps|s|feels|spit|spits|spat|vomited|vomits|threw|throws|poop|poo|diaper|nappy|stool|stools|face|cheeks|mouth|eyes|skin|head|bottom|neck|body|chin|lips|tongue|gums|ear|ears|nose|running|spiked|developed|woke|started|seemed|temp|temperature|also|now|just|still|who').has(next)) return true;
      if (i + 1 === matchStart) return true; // "baby fever", "baby rash"
      return false;
    }
    if (t === 'my' && BABY_WORDS.has(tokens[i + 1] ?? '')) continue;
  }
  // After: "fever in my baby", "blood in the baby's poop/spit up/diaper".
  for (let i = matchEnd; i < Math.min(clauseEnd, matchEnd + 5); i++) {
    const t = tokens[i];
    // "so bad I was sick": the parent was.
    if (t === 'sick' && tokens[i - 2] === 'i' && oneOf('was|been|feel|felt|am|m|got|get|went').has(tokens[i - 1] ?? '')) continue;
    if (oneOf('poop|poo|stool|stools|diaper|diapers|nappy|nappies|spitup').has(t)) return true;
    // "sick", "vomit", "spit" as the baby's: "in her sick", "the baby's vomit", not "pus into my bra, sick".
    if (oneOf('vomit|spit|sick').has(t) && oneOf('in|on|the|her|his|their|s|of|baby|babys').has(tokens[i - 1] ?? '')) return true;
    if (BABY_WORDS.has(t) && t !== 'little' && oneOf('in|on|of|from').has(tokens[i - 1] ?? '') && !oneOf('milk|feed|feeding').has(tokens[i + 1] ?? '')) {
      // "fever in my baby" but not "blood in the milk for my baby"
      return tokens[i - 1] !== 'for';
    }
  }
  return false;
}

/**
 * Someone other than the parent (or their partner) has it: "my sister had postpartum depression",
 * "a friend of mine had mastitis". The parent's own partner still counts (reports for them are real).
 */
function otherPerson(tokens: string[], clauseStart: number, matchStart: number, others: ReadonlySet<string>): boolean {
  for (let i = matchStart - 1; i >= clauseStart; i--) {
    const t = tokens[i];
    const n1 = tokens[i + 1] ?? '';
    // "my cousin told me ... gave her the blues": "me" told, not the one it happened to.
    // ... or "the lady in the bed next to me": "me" after a preposition places someone else.
    const toldMe = t === 'me' && oneOf('told|tells|telling|asked|asks|showed|warned|reminded|texted|messaged|weaned|fed|nursed|breastfed|had|to|beside|near|behind|with').has(tokens[i - 1] ?? '');
    if (oneOf('i|me|my|myself').has(t) && !toldMe && !(t === 'my' && (others.has(n1) || n1 === 'doctor' || n1 === 'midwife' || PLACE_AFTER_PERSON.has(tokens[i - 1] ?? '')))) return false;
    // "my friend's nipple started bleeding": the person's own body part. "a woman in my mom group had
    // blood": "mom" names the group, not who had it; read on back to the person.
    // "my daughter-in-law has mastitis": a person named by marriage.
    if (t === 'law' && tokens[i - 1] === 'in' && OTHER_PERSON_VERBS.has(n1)) return true;
    if (others.has(t) && (OTHER_PERSON_VERBS.has(verbAfterPerson(tokens, i, matchStart)) || i + 1 === matchStart || PERSONS_BODY.has(tokens[i + 1] ?? ''))) return true;
    // "my mum had breast cancer and her nipple went inwards": hers, named in the clause before.
    if ((t === 'her' || t === 'his') && PERSONS_BODY.has(n1) && i === clauseStart + (tokens[clauseStart] === 'and' ? 1 : 0)) {
      for (let j = clauseStart - 1; j >= Math.max(0, clauseStart - 12); j--) if (others.has(tokens[j])) return true;
    }
  }
  return false;
}

const MINE_AFTER = /^(\S+ )?(in|from|on|of|out of|coming from|coming out of) my (milk|nipple|nipples|breast|breasts|boob|boobs|left|right)\b/;
const BELIEF_WORDS = ['thought', 'thinking', 'think', 'worried', 'assumed', 'feared', 'panicked', 'freaked', 'scared', 'afraid', 'convinced', 'sure'];
const BELIEF = new RegExp(`\\b(${BELIEF_WORDS.join('|')})\\b`);
const PERSONS_BODY = oneOf('nipple|nipples|breast|breasts|boob|boobs|milk|chest|areola|areolas|lump|supply|discharge');
const OTHER_PERSON_VERBS = oneOf('has|had|have|is|was|got|gets|went|said|says|suffered|developed|with|who|s|keeps|also|ended|found|finds|noticed|notices|felt|feels|discovered|thinks|thought|told|tells|mentioned|complains|complained|getting|having|started|starts');
/** Words that open a phrase saying which person: "a friend in my baby group", "a woman on a forum". */
const PLACE_AFTER_PERSON = oneOf('in|from|at|on|of|off');

/** The word after the person at `i`, past a phrase saying which one ("a friend in my baby group had ..."). */
function verbAfterPerson(tokens: string[], i: number, matchStart: number): string {
  const next = tokens[i + 1] ?? '';
  // "sister in law" is one person, not a place: what follows it is what she did.
  if (next === 'in' && tokens[i + 2] === 'law') return tokens[i + 3] ?? '';
  if (!PLACE_AFTER_PERSON.has(next)) return next;
  for (let j = i + 2; j < Math.min(matchStart, i + 11); j++) if (OTHER_PERSON_VERBS.has(tokens[j])) return tokens[j];
  return next;
}

/** "I thought it was blood but it was just jam": the mention was a mistaken belief. */
function mistakenBelief(sentence: Sentence, clauseIdx: number, start: number): boolean {
  // The words before the mention are part of the sentence: without a belief word in it, there is none there.
  if (!passesGate(sentence, GATE_BELIEF)) return false;
  const { tokens, clauses } = sentence;
  const clause = clauses[clauseIdx];
  const before = tokens.slice(clause.start, start).join(' ');
  if (!BELIEF.test(before)) return false;
  const next = clauses[clauseIdx + 1];
  if (!next || next.boundary !== 'contrast') return false;
  const after = tokens.slice(next.start, next.end).join(' ');
  return /^(but |though |however )?(it|that|this|they|which)? ?(was|is|s|were|are|turned out|turns out|ended up)( to be)? ?(just|only|actually|really|simply|in fact)?\b/.test(after) && /\b(just|only|actually|turned out|turns out|in fact|nothing|fine|jam|food|juice|sauce|ketchup|lipstick|dye|paint|makeup|wine|beet|beets|beetroot|strawberry|chocolate|coffee)\b/.test(after);
}

const REPORT_VERBS = /^(have|had|has|got|get|am|noticed|notice|noticing|see|saw|seeing|found|find|feel|felt|keep|kept|think|believe|woke|developed|started|starting|seem|just|also|still|currently|now|been|suddenly|spotted|discovered|pumped|expressed|was|were|leak|leaking|bleed|bleeding|cannot|can|do|did|get|getting|recently)$/;

/** First-person (or third-person) report markers inside a clause. */
function hasReportMarker(tokens: string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    const n1 = tokens[i + 1] ?? '';
    if (t === 'my' || t === 'mine' || t === 'our') {
      if (oneOf('doctor|midwife|nurse|gp|ob|obgyn|obgyne|lactation|lc|consultant|pediatrician|paediatrician|psychiatrist|therapist|pharmacist|health|friend|friends|mom|mum|mother|baby|babies|son|daughter|child|kid|kids|newborn|infant|little|question|birth|antenatal|prenatal|reading|research|class|course|book|notes|homework|essay|leaflet').has(n1)) continue;
      return true;
    }
    if ((t === 'me' && !oneOf('tell|show|give|help|let|explain|to|for|teach|remind').has(tokens[i - 1] ?? '')) || t === 'myself') return true;
    if (t === 'i' && REPORT_VERBS.test(n1)) return true;
    if (t === 'i' && (n1 === 'have' || n1 === 'think' || n1 === 'am')) return true;
    if ((t === 'she' || t === 'he' || t === 'her' || t === 'his') && oneOf('has|had|is|was|got|gets|keeps|nipple|nipples|breast|breasts|chest|milk').has(n1)) return true;
    if (t === 'there' && oneOf('is|are|was|were|has|have|seems|appears').has(n1)) {
      // "is there blood ...?" is a question (inversion), "there is blood" is a report.
      const prev = tokens[i - 1] ?? '';
      if (!oneOf('is|are|was|were|can|could|should|will|would|does|do|if').has(prev)) return true;
    }
    // "started Reglan for reflux and ..., should I stop it?": a sentence opening on a past verb leaves out "I".
    if (i === 0 && i === from && ELIDED_I_VERBS.has(t)) return true;
    if ((t === 'it' || t === 'this' || t === 'they') && i === from && oneOf('is|has|was|are|looks|seems|feels|keeps|started|came|comes').has(n1)) return true;
  }
  return false;
}

/** Past verbs that open a report with "I" left out. */
const ELIDED_I_VERBS = oneOf('started|began|begun|took|switched|noticed|found|felt|developed|woke');

/** A closing question that points back at what was just told: "is that normal?", "should I worry?". */
const TAG_QUESTION = /^(and |so |but |like )?((is|was|are|could) (that|this|it|these|those) (normal|ok|okay|bad|serious|a problem|a concern|concerning|worrying|fine|common|usual|something to worry about|anything to worry about|a worry|an issue|dangerous|a bad sign|expected)|should i (be )?(worried|worry|concerned|see someone|see a doctor|get it checked)|do i need to (worry|see|get)|what (does|could|would|might) (that|this|it) (mean|be)|what is (that|this)|why (is|does|would) (that|this|it)|why( though| tho)?$|(is|was) (that|this|it) (a thing|a real thing|possible|real|a sign|a symptom|something)|how (is|can|could) (that|this|it) (be )?(possible|happening|happen|be)|does (that|this) (happen|sound)|normal|ok|okay|(is|could|can|would|might) (it|this|that) (be )?(from |because of |due to |caused by )((the|my|a|lack of|not enough) )?\S+( \S+){0,2}$|(is|could|can|would|might) (it|this|that) (be )?(the|my) \S+( \S+)?$)\b/;

/**
 * "weaned 4 months ago and still leaking, is that normal?": the sign is told in a clause of its own,
 * and a later clause of the sentence asks about it; the telling is a report, not a question.
 */
function tellsThenAsks(sentence: Sentence, clauseIdx: number): boolean {
  const { clauses, tokens } = sentence;
  const words = (c: number) => tokens.slice(clauses[c].start, clauses[c].end).filter((t) => t !== ',');
  const mine = words(clauseIdx);
  if (mine.length === 0 || QUESTION_START.test(mine[0]) || asksForInformation(sentence)) return false;
  for (let c = clauseIdx + 1; c < clauses.length; c++) if (TAG_QUESTION.test(words(c).join(' '))) return true;
  return false;
}

const QUESTION_START = /^(can|could|does|do|did|is|are|was|were|should|would|will|what|whats|why|how|when|where|which|who|whom|any|anyone|am|has|have|shall|might|may)$/;
const WHAT_NEXT = /\bwhat is (next|the next step|now)\b/;
/** "tell me about ...", "what causes ...", "signs of ...": phrases of a sentence asking for information (GATE_INFORMATION). */
const INFO_MARKERS = ['tell me about', 'what is', 'what are', 'what does', 'what do', 'info on', 'information on', 'information about', 'signs of', 'symptoms of', 'i read', 'i heard', 'is it true', 'learn about', 'explain', 'what causes', 'what can cause', 'causes of', 'how do i know', 'how can i tell', 'how would i know', 'what happens if', 'when to worry', 'when should i', 'should i worry about'];

/** Words that can be the subject right after an opening "did"/"do" ("did the lump ...", "do men ..."). */
const SUBJECT_AFTER_DO = /^(i|you|u|he|she|it|we|they|there|anyone|anybody|someone|somebody|any|everyone|everybody|people|men|women|moms|mums|mothers|dads|babies|baby|other|others|most|lots|many)$/;
/** Base verbs that make "did/do + noun + verb" a question ("did mastitis cause this", "do cold packs help"). */
const BASE_VERB = /^(cause|make|help|work|mean|affect|hurt|harm|turn|happen|stop|go|come|get|need|lead|give|change|trigger|increase|decrease|reduce|dry|start|look|seem|feel|sound|leak|bleed|have|know|think|matter|show|count|pass|spread|return|clear|heal|prevent|run|become|be|hold|last|interfere|raise|lower|boost|tend|usually|ever|really|actually|always|shrink|grow|swell|drain|burst|pop|soften|harden|itch|burn|sting|ooze|drip|spray|flow|smell|taste|latch|feed|nurse|pump|wean|sleep|wake|cry|eat|drink|take|use|try|see|notice|find|say|tell|ask|check|test|prescribe|recommend|suggest|fix|cure|treat|kill|resolve|disappear|fade|recur|move|want|like|let|keep|leave|end|also|still|even|normally)$/;
/**
 * "did cold packs and ibuprofen and kept feeding but ...", "have been pumping all week", "was told it's
 * mastitis": an opening auxiliary with no subject after it is the parent's own statement, subject left
 * out. Only did/do (as the main verb), have/has, was/were and am: "is"/"are" + noun is nearly always a
 * question ("is mastitis contagious", "is leaking a side effect of ...").
 */
function elidedSubject(tokens: string[]): boolean {
  const [first, second = ''] = tokens;
  if (first === 'did' || first === 'do') {
    if (SUBJECT_AFTER_DO.test(second)) return false;
    return !tokens.slice(2, 6).some((w) => BASE_VERB.test(w));
  }
  if (first === 'have' || first === 'has') {
    return oneOf('been|had|got|gotten|noticed|seen|felt|found|tried|done|taken|used|kept|started|stopped|leaked|pumped|fed|nursed|weaned|developed|lost|always|never|also|just|still|a|an|no').has(second) || /^[a-z]{3,}ed$/.test(second);
  }
  if (first === 'was' || first === 'were' || first === 'am') {
    return /^[a-z]{3,}(ed|ing)$/.test(second) || /^(told|given|seen|diagnosed|put|sent|just|so|really|very|still|also|up|out|on|\d+)$/.test(second);
  }
  // "is"/"are" stay questions even without "?": "is leaking a side effect of ...", "is pumping bad for ...".
  return false;
}

const WH_WORD = /^(what|whats|why|how|which|who|whom|where)$/;
const ASKING_AUX = oneOf('is|are|does|do|can|could|should|would|will|might');
const AUX_INVERTED = /^(is|are|was|were|do|does|did|can|could|should|would|will|has|have|am|might|may|shall)$/;
const INVERTED_SUBJECT = /^(it|this|that|these|those|i|you|u|he|she|they|we|there|my|the|a|an|anyone|anybody|someone|men|women|people|mastitis|leaking|milk)$/;
const FINITE_VERB = /^(is|are|was|were|s|its|has|have|had|keeps|keep|kept|came|comes|come|goes|went|gone|got|gets|leaks|bleeds|bled|hurts|hurt|looks|feels|felt|seems|found|noticed|saw|grew|grows|began|begins|started|starts|turned|turns|appeared|appears|stopped|returned|spreading|growing|getting)$|^[a-z]{3,}ed$/;
const GENERIC_QUESTION = /\b(can|could|might|may|will|would|should|cause|causes|caused|mean|means|meaning|sign|signs|symptom|symptoms|normal|abnormal|ok|okay|alright|safe|bad|common|possible|dangerous|serious|concerning|right|true|a thing|supposed|always|ever|usually|typical|or not|or what|anyone|anybody|someone|somebody)\b/;

/**
 * "nipple started going inverted out of nowhere??", "milk had totally dried up and now its back??": a
 * statement with a question mark is a worried report, not a question about a condition. It has a verb,
 * no question word, no inverted auxiliary at a clause start, and no words of a question about a
 * condition ("normal?", "can men ...?", "does that mean ...").
 */
function declarativeWithQuestionMark(sentence: Sentence): boolean {
  const words = sentence.tokens.filter((w) => w !== ',');
  if (words.length < 3) return false;
  if (QUESTION_START.test(words[0]) || words.some((w) => WH_WORD.test(w))) return false;
  for (const c of sentence.clauses) {
    const own = sentence.tokens.slice(c.start, c.end).filter((w) => w !== ',');
    const k = oneOf('and|but|so|or|also|then|plus').has(own[0] ?? '') ? 1 : 0;
    if (AUX_INVERTED.test(own[k] ?? '') && INVERTED_SUBJECT.test(own[k + 1] ?? '')) return false;
    // "..., but is pink milk something to watch for?": a clause opening on "is"/"does"/"can" asks, unless a verb
    // follows ("is leaking again??" leaves out "it").
    if (k > 0 && ASKING_AUX.has(own[k] ?? '') && !/(ing|ed)$/.test(own[k + 1] ?? '')) return false;
  }
  if (GENERIC_QUESTION.test(sentence.text)) return false;
  return words.some((w) => FINITE_VERB.test(w));
}

/**
 * "when I stop feeding will it dry up": an auxiliary before its subject after the opening words makes
 * a when-sentence without a question mark a question; "when I press near the areola a clear bead comes
 * out" has none, and tells what happens.
 */
function invertedLater(tokens: string[]): boolean {
  for (let i = 2; i + 1 < tokens.length; i++) if (AUX_INVERTED.test(tokens[i]) && INVERTED_SUBJECT.test(tokens[i + 1])) return true;
  return false;
}

/** Is the whole sentence a question (question mark, or opening like one)? */
export function isQuestion(sentence: Sentence): boolean {
  if (sentence.questionMark) return !declarativeWithQuestionMark(sentence);
  const first = sentence.tokens[0] ?? '';
  // "haven't nursed since spring" (subject left out) is a statement, not "have ...?".
  // Likewise "can't see properly", "couldn't sleep", "won't go away".
  if (sentence.tokens[1] === 'not' && oneOf('have|has|had|am|is|was|did|do|does|can|could|will|would|are|were').has(first)) return false;
  // "when I press one spot, clear liquid comes out": a when-clause with its own subject sets the scene.
  if (first === 'when' && oneOf('i|my|she|he|it|the|we|they|baby|her|his').has(sentence.tokens[1] ?? '') && (sentence.clauses.length > 1 || !invertedLater(sentence.tokens))) return false;
  if (elidedSubject(sentence.tokens)) return false;
  return QUESTION_START.test(first) && sentence.tokens.length > 2;
}

/**
 * "is it normal to feel a flash of dread when my milk lets down": how parents report their own
 * feelings. A feeling, "for me", or a when/every-time anchor makes it a report; "is it normal to get a
 * fever with mastitis" stays a question.
 */
function ownExperienceFrame(tokens: string[], clauseStart: number, start: number): boolean {
  const before = tokens.slice(clauseStart, start).join(' ');
  // "is it normal that one opening leaks clear stuff": what follows "that" is the parent's own.
  if (/\b(is it|is this|it is|its|it s) (normal|ok|okay|common|usual|typical|natural|expected|weird|strange|bad|possible) that (my|i|one|only one|just one|the|mine)\b/.test(`${before} ${tokens[start] ?? ''}`)) return true;
  const frame = /\b(is it|is this|it is|its|it s|is|s) (normal|ok|okay|common|usual|typical|natural|expected|weird|strange|bad|possible) (for me |for a mom |for a mum )?to (still |sometimes |suddenly |always )?(feel|be feeling|experience|get|be getting|have|be having|keep getting|keep having|notice|see)\b/.exec(before);
  if (!frame) return false;
  if (oneOf('feel|be feeling|experience|keep getting|keep having').has(frame[5]) || frame[3] || frame[4]) return true;
  const after = tokens.slice(start).join(' ');
  return /\b(when|whenever|every time|each time|right when|right before|just before|during|after|lately|recently|since|now|still|again|so much|this much|all the time|constantly|every day|at night|in the morning|every feed|at every|for (\d+|a|an|one|two|three|four|five|six|a few|a couple of|several) (days?|weeks?|months?))\b/.test(after);
}

function hypotheticalBefore(tokens: string[], from: number, to: number, m: Modifiers): boolean {
  for (let i = from; i < to; i++) {
    if (phraseStartingAt(tokens, i, m.hypotheticalPhrases)) return true;
    const t = tokens[i];
    const prev = tokens[i - 1] ?? '';
    const n1 = tokens[i + 1] ?? '';
    // "how would I know if I had an abscess", "would I be able to tell if I got mastitis": a question about a condition.
    if ((t === 'if' || t === 'whether') && oneOf('know|tell|sure|notice|recognise|recognize|spot').has(prev)) {
      const lead = tokens.slice(Math.max(from, i - 7), i).join(' ');
      const rest = tokens.slice(i + 1, to).join(' ');
      if (
        /\b(how (would|do|will|can|could|should|does|did|might) (i|you|u|one|someone|somebody|we|a person|people|a mom|a mum)|would (i|you|u|one) (even )?(be able to)?)\b/.test(lead) &&
        /^(i|you|u|one|someone|somebody|we|she|a person|a mom|a mum) (ever )?(had|have|has|got|get|gets|developed|develop|develops|was|were|am|is|are|caught|catch|ended up with|end up with|started|start)\b/.test(rest)
      ) return true;
    }
    if ((t === 'if' || t === 'unless') && prev !== 'as' && prev !== 'even' && prev !== 'see' && prev !== 'know' && prev !== 'sure' && prev !== 'wonder' && prev !== 'wondering' && prev !== 'tell') {
      // "what does it mean if my milk is pink" reads as a report; "if I get a fever" is hypothetical.
      const rest = tokens.slice(i + 1, to);
      const future = rest.some((w) => oneOf('get|gets|develop|develops|ever|were|happen|happens|start|starts|become|becomes|later|future|again|came|someone|somebody|a|an|you|your|one|mom|mum|mother|woman|women|people|person|she|he|baby').has(w));
      // "if my leaking got heavier after ...": the verb may come after the mention; a past one tells what happened.
      const ahead = tokens.slice(to, Math.min(tokens.length, to + 4));
      const pastAhead = rest.includes('my') && ahead.some((w) => oneOf('got|became|turned|started|went').has(w));
      // "do I keep taking it if I'm now leaking": "now" says it is happening.
      const myState = (rest.includes('my') && rest.some((w) => oneOf('is|are|has|have|looks|keeps|been|s|got|gets|became|turned|started|went').has(w))) || (rest[0] === 'i' && rest.includes('now')) || pastAhead;
      // "if my nipple turned inward one day, would that be serious?": a day that has not come.
      const someDay = /\b(one day|some day|someday|in future|in the future)\b/.test(tokens.slice(i + 1, to + 8).join(' '));
      if (myState && !future && !someDay) continue;
      return true;
    }
    if (oneOf('scared|afraid|worried|terrified|nervous|anxious|paranoid').has(t) && oneOf('of|about').has(n1) && oneOf('getting|developing|having|catching|another|it|ever').has(tokens[i + 2] ?? '')) return true;
    if (oneOf('prevent|preventing|avoid|avoiding|stop|stopping').has(t) && oneOf('getting|developing|having|catching|it|another').has(n1)) return true;
  }
  return false;
}

const PAST_VERBS = ['had', 'was', 'were', 'got', 'used to', 'suffered', 'did', 'went'];
const PAST_VERB = new RegExp(`\\b(${PAST_VERBS.join('|')})\\b`);
const STILL_NOW = /\b(still|again|now|currently|today|since|ever since|keeps|keep|is|are|has been|have been|lately|recently|this week|right now|yesterday|these days|returned|back)\b|\bi (?:ve|have)(?! had\b)(?: got)?\b|\bive(?! had\b)\b|\bthere (?:is|s)\b|\btheres\b|\bi (?:am|m|get)\b|\bgetting\b/;

/** "a flash of sadness, gone in a minute": a sign that passes in moments each time happens, it is not over. */
const WITHIN_MOMENTS = /\b(in|within|after) (a |one |a few |few |\d+ |thirty |ten |twenty |a couple of )?(seconds?|secs?|minutes?|mins?|moments?)\b/;

/** "..., it went away but now it's back": what follows the resolution says it returned. */
function returnsLater(tokens: string[], from: number): boolean {
  return /\b(back|again|returned|returning|worse|recurred|flared)\b/.test(tokens.slice(from).join(' '));
}

/** Past and done: "fever last month, fine now", "I had mastitis with my first". */
function pastOrResolved(sentence: Sentence, clauseIdx: number, matchEnd: number, m: Modifiers): boolean {
  const { tokens, clauses } = sentence;
  const { pastDistant: PAST_DISTANT, resolved: RESOLVED } = m;
  const clause = clauses[clauseIdx];
  // Every text read below is a stretch of the sentence's text (the resolution's, with denials blanked
  // out): a word the whole sentence lacks is in none of them, so each part runs only when its words are there.
  // Resolution in the same clause after the mention, or in a following clause without its own
  // subject noun ("..., fine now", "... and it went away").
  const mayResolve = passesGate(sentence, GATE_RESOLVED);
  for (let c = clauseIdx; mayResolve && c < clauses.length; c++) {
    const cl = clauses[c];
    if (c > clauseIdx && cl.boundary === 'contrast') {
      // "..., but it's fine now" also resolves it.
      const text = tokens.slice(cl.start, cl.end).join(' ');
      if (!/^(but|though|however)? ?(it|that|this|they|all|everything|now)?\s?(is|was|s|has|have)? ?(fine|ok|okay|all good|good|gone|better|cleared|resolved|healed|over)( now)?\b/.test(text)) break;
    }
    const from = c === clauseIdx ? matchEnd : cl.start;
    // "has not cleared", "never healed", "not any better" are the opposite of resolved.
    const text = tokens
      .slice(from, cl.end)
      .join(' ')
      .replace(/\b(not|never|no|hardly|barely)( \S+)?( \S+)? (cleared|clear|resolved|healed|gone|better|recovered|sorted|over|fine|ok|okay|good)\b/g, ' ');
    if (RESOLVED.test(text) && !/\b(back|again|returned|still)\b/.test(text) && !returnsLater(tokens, cl.end) && !WITHIN_MOMENTS.test(text)) {
      if (c === clauseIdx) return true;
      // A later clause resolves the mention unless it has a subject of its own ("..., my fever is gone").
      const own = /\b(my|the|her|his|i|i am|there)\b/.test(text) && !/^(and |but |though |,)?(it|that|this|they|which|all|everything)\b/.test(text);
      if (!own) return true;
    }
    if (c > clauseIdx + 1) break;
  }
  if (!passesGate(sentence, GATE_PAST_VERB)) return false;
  const clauseText = tokens.slice(clause.start, clause.end).join(' ');
  const sentenceText = sentence.text;
  // A past verb first: it is needed either way, and the list of past times is long.
  if (PAST_VERB.test(clauseText) && (PAST_DISTANT.test(clauseText) || (PAST_DISTANT.test(sentenceText) && clauses.length <= 2))) {
    if (!STILL_NOW.test(clauseText.replace(/\b(used to|ago|back (?=in|with|when|then|during|before|after))\b/g, ''))) return true;
  }
  return false;
}

export interface StatusOptions {
  /** "temperature is normal", "vision is fine" deny the mention. */
  normalDenies?: boolean;
  /** The baby cannot have it (crisis language): skip the baby check. */
  selfOnly?: boolean;
  /** A pattern that, found in the clause, means another body part or thing (e.g. "throat"). */
  elsewhere?: RegExp;
  /** A pattern that, found in the clause, confirms the breast or nipple is meant (wins over `elsewhere`). */
  here?: RegExp;
  /** A source named anywhere in the sentence (a nosebleed, a period): another thing, unless `fromHere` is in the clause. */
  sourceInSentence?: RegExp;
  fromHere?: RegExp;
  /** Ignore question/hypothetical form: crisis language counts however it is asked. */
  ignoreQuestion?: boolean;
  /** A past event is the fact itself ("my milk had stopped months ago"): the past does not deny it. */
  pastIsTheFact?: boolean;
}

export interface MentionStatus {
  status: Status;
  /** Why it got that status (for debugging and tests). */
  reason: string;
}

/**
 * Whole-sentence facts, worked out once per sentence when first asked: a sentence holds a few
 * mentions, and every mention would otherwise read the same sentence again (sentences are never
 * changed once made). Some say only that the words a check needs are somewhere in the sentence: a
 * check whose words are absent cannot hold for any mention, so it is not run.
 */
interface SentenceFacts {
  question?: boolean;
  /**
   * The gates (GATE_*) the sentence's words open: a resolution ("gone", "cleared up") may follow a
   * mention, a past verb ("had", "used to") be in its clause, a belief ("thought") make it a mistaken
   * one, a check ("checked my breasts for") mean it was looked for and not found; and whether it
   * asks for information ("what causes", "signs of").
   */
  gates?: number;
}

const factsOfSentences = new WeakMap<Sentence, SentenceFacts>();
function factsOf(sentence: Sentence): SentenceFacts {
  let facts = factsOfSentences.get(sentence);
  if (!facts) {
    facts = {};
    factsOfSentences.set(sentence, facts);
  }
  return facts;
}

/** Whether the sentence holds a word the check of `gate` needs (read once per sentence, one look-up per token). */
function passesGate(sentence: Sentence, gate: number): boolean {
  const facts = factsOf(sentence);
  if (facts.gates === undefined) {
    facts.gates = openGates(sentence.tokens, modifiersOf(sentence).gates);
  }
  return (facts.gates & gate) !== 0;
}

function questionOnce(sentence: Sentence): boolean {
  const facts = factsOf(sentence);
  return (facts.question ??= isQuestion(sentence));
}

const POINTS_BACK = / , (what is|what s|whats|what could|what would|what might) (that|this|it)( be| mean)?$| , what (does|could|would|might) (that|this|it) (mean|be)$/;

/** "tell me about ...", "what causes ...", "signs of ...": the sentence asks for information. */
function asksForInformation(sentence: Sentence): boolean {
  // Its gate is the whole test: one of the phrases is in the sentence; "what is next?" asks what to do now.
  if (!passesGate(sentence, GATE_INFORMATION)) return false;
  // "clear as water and only from one opening, what is that": told first, then asked about.
  if (POINTS_BACK.test(sentence.text)) return false;
  return !WHAT_NEXT.test(sentence.text) || INFO_MARKERS.some((p) => p !== 'what is' && sentence.text.includes(p));
}

/** Status of the mention spanning tokens [start, end) of `sentence`. */
export function mentionStatus(sentence: Sentence, start: number, end: number, options: StatusOptions = {}): MentionStatus {
  const { tokens, clauses, clauseOf } = sentence;
  const clauseIdx = clauseOf[Math.min(start, tokens.length - 1)] ?? 0;
  const clause = clauses[clauseIdx];
  const m = modifiersOf(sentence);

  if (options.elsewhere) {
    const clauseText = tokens.slice(clause.start, clause.end).join(' ');
    if (options.elsewhere.test(clauseText) && !(options.here && options.here.test(clauseText))) return { status: 'other', reason: 'another body part or thing' };
    if (options.sourceInSentence && options.sourceInSentence.test(sentence.text) && !(options.fromHere && options.fromHere.test(clauseText))) return { status: 'other', reason: 'another source named' };
  }
  if (!options.selfOnly && babyExperiencer(tokens, clause.start, start, end, clause.end, m.babyWords)) return { status: 'other', reason: 'the baby' };
  // "my mum said the blood in my milk is normal": the body part after the sign is the parent's own.
  if (otherPerson(tokens, clause.start, start, m.others) && !MINE_AFTER.test(tokens.slice(end, Math.min(clause.end, end + 4)).join(' '))) return { status: 'other', reason: 'another person' };
  if (mistakenBelief(sentence, clauseIdx, start)) return { status: 'no', reason: 'thought so, but it was not' };

  // Negation before the mention, within its clause and at most the negation scope back.
  let negated = false;
  for (let i = Math.max(clause.start, start - m.negWindow); i < start; i++) if (isNegTrigger(tokens, i, m)) negated = true;
  // "no redness, swelling, or fever": walk back through the list to its head clause.
  for (let c = clauseIdx; !negated && c > 0 && c > clauseIdx - 6 && clauses[c].boundary === 'comma' && isListContinuation(sentence, c); c--) {
    const prev = clauses[c - 1];
    for (let i = prev.start; i < prev.end; i++) if (isNegTrigger(tokens, i, m)) negated = true;
  }
  if (!negated && negatedAfter(tokens, end, clause.end, options.normalDenies ?? false, m)) {
    return { status: 'no', reason: 'denied after' };
  }

  const uncertain = uncertainBefore(tokens, clause.start, start, m) || uncertainAfter(tokens, end, clause.end, m);
  if (uncertain) return { status: 'unsure', reason: 'uncertain' };
  if (negated) return { status: 'no', reason: 'negated' };

  if (!options.pastIsTheFact && pastOrResolved(sentence, clauseIdx, end, m)) return { status: 'no', reason: 'past or resolved' };
  if (checkedAndClear(sentence, start)) return { status: 'no', reason: 'checked for it, nothing found' };

  if (!options.ignoreQuestion) {
    if (hypotheticalBefore(tokens, clause.start, start, m)) return { status: 'asked', reason: 'hypothetical' };
    let report = hasReportMarker(tokens, clause.start, clause.end);
    // "I have a fever and a red breast, ...": a clause without a subject of its own goes with the one before.
    for (let c = clauseIdx; !report && c > 0 && (clauses[c].boundary === 'and' || clauses[c].boundary === 'comma'); c--) {
      const own = tokens.slice(clauses[c].start, clauses[c].end);
      const first = own[0] === 'and' || own[0] === 'plus' || own[0] === 'or' ? own[1] : own[0];
      if (QUESTION_START.test(first ?? '') || own.some((w) => oneOf('i|you|it|there|she|he|they|we|this|that').has(w))) break;
      report = hasReportMarker(tokens, clauses[c - 1].start, clauses[c - 1].end);
    }
    if (questionOnce(sentence)) {
      // "does D-MER mean I have postpartum depression?": the condition is the question's subject, not a report.
      if (report && (tokens[end] === 'mean' || tokens[end] === 'means') && oneOf('does|do|could|can|would|might|will').has(tokens[clause.start]) && !tokens.slice(clause.start, start).some((w) => oneOf('this|that|these|those|my|mine|her|his').has(w))) {
        return { status: 'asked', reason: 'question' };
      }
      if (report) return { status: 'yes', reason: 'report inside a question' };
      if (tellsThenAsks(sentence, clauseIdx)) return { status: 'yes', reason: 'told, then asked about ("..., is that normal?")' };
      if (ownExperienceFrame(tokens, clause.start, start)) return { status: 'yes', reason: 'own experience asked about ("is it normal to feel ...")' };
      const near = tokens.slice(Math.max(clause.start, start - 4), Math.min(clause.end, end + 3)).join(' ');
      const pointing =
        /\b(is|could|does|might|can|would|do|was) (this|that|these|those)\b|\b(is|could|might|would|was) it (be |be a |a |an |some |just )?$/.test(tokens.slice(Math.max(clause.start, start - 4), start).join(' ') + ' ') ||
        /^(is|could|does|might|can|would|was|are) (this|that|it|these|those) /.test(tokens.slice(clause.start, clause.end).join(' ') + ' ') && !/\b(normal|ok|okay|safe|common|possible|bad|dangerous|true|fine|usual|likely)\b/.test(tokens.slice(clause.start, start).join(' ')) ||
        /\b(this|that|these|those) (is|be|look|looks|looking|sound|sounds) (like )?/.test(near);
      if (pointing || sentence.tokens.filter((w) => w !== ',').length <= 2) {
        return { status: 'unsure', reason: 'asks what they see' };
      }
      return { status: 'asked', reason: 'question' };
    }
    if (!report && asksForInformation(sentence)) return { status: 'asked', reason: 'information request' };
  }
  return { status: 'yes', reason: 'reported' };
}

const CHECK_VERBS = ['check', 'checked', 'checking', 'checks', 'look', 'looked', 'looking', 'feel', 'felt', 'feeling', 'examined', 'examine', 'examining', 'self exam', 'self check', 'screened', 'scanned', 'searched'];
const CHECK_FRAME = new RegExp(`\\b(${CHECK_VERBS.join('|')}) (my |both |each )?(breasts? |boobs? |nipples? )?(for|over for|out for)\\b`);
const CLEAR_AFTER = /(^| )(nothing|none|all clear|all fine|all good|all normal|found nothing|nothing found|no changes|nothing there|everything (is|was|seems|looked|looks) (fine|normal|ok|okay|good)|came back (clear|normal|fine)|none of (that|those|them)|not a thing|nada|zilch)( |$)/;
const FOUND_AFTER = /\b(found|felt|noticed|there is|there was|i have|i think i (have|felt|found))\b(?! nothing| no\b)/;

/** "I checked for dimpling and lumps like the leaflet says, nothing": looked for it, none found. */
function checkedAndClear(sentence: Sentence, start: number): boolean {
  // The words before the mention are part of the sentence: without a check in it, there is none there.
  if (!passesGate(sentence, GATE_CHECK)) return false;
  const { tokens } = sentence;
  const before = tokens.slice(Math.max(0, start - 8), start).join(' ');
  if (!CHECK_FRAME.test(before)) return false;
  const after = tokens.slice(start + 1).join(' ');
  return CLEAR_AFTER.test(after) && !FOUND_AFTER.test(after.replace(/found nothing/g, ''));
}

// The helpers of isListContinuation, made once (not as closures and a new pattern on every call).
const VERBISH = /^(is|are|was|were|has|have|had|got|get|feel|feels|felt|noticed|see|saw|seems|looks|came|coming|started|leaking|leaks|comes|keeps|there|i|my|it|she|he|they|we|this|that|in|from|on|since|for|though|but|now|still)$/;
function clauseWords(sentence: Sentence, c: number): string[] {
  return sentence.tokens.slice(sentence.clauses[c].start, sentence.clauses[c].end).filter((t) => t !== ',');
}
function isBare(sentence: Sentence, c: number): boolean {
  const w = clauseWords(sentence, c);
  return w.length > 0 && w.length <= 4 && !w.some((x) => VERBISH.test(x));
}

/** A comma segment that only continues a list ("no pain, lump or fever"). */
function isListContinuation(sentence: Sentence, clauseIdx: number): boolean {
  const { clauses } = sentence;
  if (!isBare(sentence, clauseIdx)) return false;
  const mine = clauseWords(sentence, clauseIdx);
  if (mine.some((w) => w === 'or' || w === 'nor') || oneOf('or|nor|and').has(mine[0])) return true;
  // "X, Y, or Z": a later bare segment of the same run starts with or/nor/and.
  for (let c = clauseIdx + 1; c < clauses.length && clauses[c].boundary === 'comma'; c++) {
    if (!isBare(sentence, c)) return false;
    const w = clauseWords(sentence, c);
    if (oneOf('or|nor|and').has(w[0]) || w.includes('or') || w.includes('nor')) return true;
  }
  return false;
}

/** "... ? asking because I do", "... ? I have got some": the sentence after a question says it is the parent's own. */
const OWN_AFTER_QUESTION = /^(and |but |so )?((asking|i am asking|i ask|only asking) )?(because|cos|coz|cause|bc|since|as) (i|mine|my)\b|^(i (do|have|have got|got|literally do|actually do|really do)|mine (does|is|has|do|did|went|has gone|turned))\b(?! not\b)|^(it|this|that) (has|s|is) (happened|happening|been happening) to me\b|^(i m|i am|im) (on )?(day|my (\d+|first|second|third|fourth|fifth|sixth) day) ?(\d+|one|two|three|four|five|six|seven)?\b|^(i|i m|i am|im) (feel|feeling|getting|got|am getting) worse\b|^((only|just|mostly|always) )?(from|on|out of|in) (my |one |the |both )?(left |right )?(nipple|nipples|breast|breasts|side|duct|boob|boobs)\b|^(it is|its|it s|it|they are|they re) (only |just |always |mostly )?(my|the|on my|on the|from my|from the) (left|right|one)\b|^(mine|my one|my (left|right|nipple|nipples|breast|boob)) (only |just |also |has |have )?(started|began|begun|went|turned|changed|is|are|does|do|did)\b|^(my |the )?(left|right) (one|side|nipple|breast|boob) (only |just |also )?(changed|started|began|went|turned|has|is|does)\b|^asking (as|being) (a|an)\b|^(it is|its|it s|it|they are|they re|this is) (only |just |always )?(from|coming from|coming out of|made me|making me|stopping me|on my|in my|happening to me)\b|^(it s|its|it is|it)( usually| always| normally| mostly)? (gone|over|passes|fades|goes away|wears off) (by|within|after|in|once)\b|^(and )?(it|this|that|its|it s) (is |has been |keeps |still )?(happens|happening|happened) (a lot|all the time|every day|every night|daily|constantly|often|more and more|again|now|rn|right now|as we speak|at the moment|atm)\b/;

/**
 * "... ? Mine isn't going away, 4 weeks now", "... ? it's been 4 months for me and still going": the
 * sentence after a question says the thing asked about is the parent's own, and still there.
 */
const STILL_MINE_AFTER_QUESTION = /^(mine|my one)\b|^(it|they|mine|my \w+) (was not|were not|was never|were never|never used to be|did not use to be|never looked) like (that|this)( before)?\b|\b(still (going|happening|there|here|leaking|coming|dripping|the same)|(not|isn t|is not|hasn t|has not|won t|will not|doesn t|does not) (gone|going|go) away|for me)\b|^(it s|its|it is|it has|it)( got| gotten| getting| been getting| become| gone) (a lot |much |way |even |so |a bit )?(worse|heavier|more|bigger|redder)\b|^(it s|its|it is|it has|it s been|it has been) (been )?(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several|couple of|a couple of) (days?|weeks?|months?|years?)\b/;
/** Besides the experiencer-other words of modifiers.yaml: a grown daughter, or "asking for a friend". */
const SOMEONE_ELSE_TOO = /\b(daughter|asking for)\b/;

function someoneElse(s: Sentence | undefined): boolean {
  return s !== undefined && (s.knowledge.modifiers['experiencer-other'].pattern.test(s.text) || SOMEONE_ELSE_TOO.test(s.text));
}

/** The sentence says that what the one before it asked about is the parent's own. */
function followsUp(s: Sentence, sentences: readonly Sentence[]): boolean {
  // "why would a breast leak for no reason? not pregnant, no baby, it's only the left side": any clause may say so.
  const clauseSaysMine = s.clauses.length > 1 && s.clauses.some((c, i) => i > 0 && OWN_AFTER_QUESTION.test(s.tokens.slice(c.start, c.end).join(' ')));
  return OWN_AFTER_QUESTION.test(s.text) || clauseSaysMine || (STILL_MINE_AFTER_QUESTION.test(s.text) && !someoneElse(s) && !someoneElse(sentences[s.index - 1]));
}

/**
 * Mentions only asked about in a question that the next sentence makes the parent's own report
 * ("is it normal to have pus from the breast? asking because I literally do right now").
 */
export function ownedByFollowUp<T extends { sentence: Sentence; status: Status; reason: string }>(mentions: T[], sentences: readonly Sentence[]): T[] {
  const owned = new Set<number>();
  for (const s of sentences) {
    // Only after a question: the question mark is known, the follow-up has to be read.
    if (s.index === 0 || !sentences[s.index - 1]?.questionMark || !followsUp(s, sentences)) continue;
    owned.add(s.index - 1);
    // "pus from the nipple?? is that a thing?? it's happening rn": a tag question between them.
    if (s.index > 1 && sentences[s.index - 1].tokens.length <= 8 && TAG_QUESTION.test(sentences[s.index - 1].text)) owned.add(s.index - 2);
  }
  if (owned.size === 0) return mentions;
  const askedOrWondered = (m: T) => (m.status === 'asked' && m.reason === 'question') || (m.status === 'unsure' && m.reason === 'asks what they see');
  return mentions.map((m) => (askedOrWondered(m) && owned.has(m.sentence.index) ? { ...m, status: 'yes' as Status, reason: 'own, said after the question' } : m));
}
