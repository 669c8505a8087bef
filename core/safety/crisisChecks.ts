/**
 * The crisis engine's checks: the frame logic around a crisis pattern's match that is code, not
 * vocabulary. knowledge/safety/crisis-patterns.yaml names a check for each family (`accept:`) and the
 * frame of the harm-to-the-baby reading (`frame: baby-harm`); an unknown name stops loading
 * (./crisisPatterns). A check reads the words around a match and drops it (false), keeps it (true),
 * or gives another concept (usually a downgrade from a report to a gentle question).
 */
import type { ConceptId } from './concepts';
import type { Sentence } from './text';

export type CrisisConcept = Extract<ConceptId, 'crisis-self' | 'crisis-self-soft' | 'crisis-baby' | 'crisis-baby-soft' | 'psychosis' | 'psychosis-soft'>;

/** The concepts a crisis family may signal (the engine's own: core/safety/knowledge ENGINE_CONCEPTS). */
export const CRISIS_CONCEPTS: readonly CrisisConcept[] = ['crisis-self', 'crisis-self-soft', 'crisis-baby', 'crisis-baby-soft', 'psychosis', 'psychosis-soft'];

/** What the whole message says, for checks that look beyond one sentence. */
export interface MessageFacts {
  /** All sentences, normalised, joined with " . ". */
  readonly text: string;
  /** The message is about leaking, feeding or pumping logistics (plans that are not a crisis). */
  readonly logistics: boolean;
}

export interface MatchContext {
  s: Sentence;
  start: number;
  end: number;
  /** Tokens of the clause after the match, and before it. */
  after: string[];
  before: string[];
  msg: MessageFacts;
}

/** false drops the match; a concept replaces the family's own (usually a downgrade to soft). */
export type Accept = (c: MatchContext) => boolean | CrisisConcept;

/**
 * What the engine reads that the knowledge file holds (crisis-patterns.yaml): the laugh markers, two
 * fragments' words and the `words` lists, compiled once by ./crisisPatterns.
 */
export interface CrisisWords {
  /** A laugh or joke marker (`laugh`). */
  laugh: RegExp;
  /** The fragment `high-place`, as a whole-word test. */
  highPlace: RegExp;
  /** The fragment `baby-word`, with crying and the cot: the baby is in view. */
  babyNearby: RegExp;
  /** The fragment `baby-word`, with him, her and crying: a baby is mentioned. */
  babyMentioned: RegExp;
  firstPerson: RegExp;
  thirdPerson: RegExp;
  anotherAdult: RegExp;
  wakeQualifier: RegExp;
  otherEnding: RegExp;
  harmBy: RegExp;
  harmInstrument: RegExp;
  harmWeak: RegExp;
  harmImagining: RegExp;
  harmFear: RegExp;
  harmUrge: RegExp;
  harmChain: RegExp;
  harmAct: RegExp;
}

/**
 * The `words` lists of crisis-patterns.yaml the engine reads, and how: `token` is one word of the
 * sentence (^(...)$), `text` whole words anywhere in a text (\b(...)\b).
 */
export const CRISIS_WORD_LISTS = {
  'first-person': 'token',
  'third-person': 'token',
  'another-adult': 'text',
  'feeding-logistics': 'text',
  'wake-qualifier': 'token',
  'other-ending': 'text',
  'harm-by': 'token',
  'harm-instrument': 'text',
  'harm-weak': 'token',
  'harm-imagining': 'token',
  'harm-fear': 'token',
  'harm-urge': 'token',
  'harm-chain': 'token',
  'harm-act': 'token',
} as const;
export type CrisisWordList = keyof typeof CRISIS_WORD_LISTS;

export const clauseBounds = (s: Sentence, i: number) => s.clauses[s.clauseOf[Math.min(i, s.tokens.length - 1)] ?? 0];

const clauseEndsSoon = (c: MatchContext, n = 0) => c.after.length <= n;

/** Reads a harm verb aimed at the baby (crisis-patterns.yaml `babyHarm`): the concept, or null. */
export type BabyHarmFrame = (s: Sentence, verbAt: number, targetEnd: number) => CrisisConcept | null;

/** The engine's code, named from the knowledge file: the families' checks and the harm-to-the-baby frames. */
export interface CrisisEngine {
  checks: Readonly<Record<string, Accept>>;
  frames: Readonly<Record<string, BabyHarmFrame>>;
  /** Someone else is the subject of the clause before `start` ("she said she wanted to ..."). */
  thirdPersonFrame(s: Sentence, start: number): boolean;
}

/** The checks and frames, reading the words of the knowledge file. */
export function crisisEngine(words: CrisisWords): CrisisEngine {
  const { laugh: LAUGH, highPlace: A_HIGH_PLACE, babyNearby: BABY_NEARBY, babyMentioned: BABY_MENTIONED } = words;
  const { firstPerson: FIRST, thirdPerson: THIRD_SUBJECT, anotherAdult: ADULT_OTHER, wakeQualifier: WAKE_QUALIFIER, otherEnding: OTHER_ENDING } = words;
  const { harmBy: INSTRUMENT_AFTER, harmInstrument: INSTRUMENT_WORDS, harmWeak: WEAK_HARM, harmImagining: IMAGINE, harmFear: FEAR, harmUrge: URGE, harmChain: CHAIN, harmAct: ACT_PAST } = words;

  /** "not wake up until noon", "never wake up in time": a time qualifier, not a wish to die. */
  function notWakeQualified(c: MatchContext): boolean {
    const a = c.after[0] ?? '';
    if (a === 'in' && /^(the|a)$/.test(c.after[1] ?? '') && /^(morning|mornings)$/.test(c.after[2] ?? '')) return true;
    return !WAKE_QUALIFIER.test(a);
  }

  function thirdPersonFrame(s: Sentence, start: number): boolean {
    const c = clauseBounds(s, start);
    for (let i = start - 1; i >= c.start; i--) {
      const w = s.tokens[i];
      if (FIRST.test(w)) return false;
      if (THIRD_SUBJECT.test(w)) return true;
    }
    return false;
  }

  /**
   * A harm verb aimed at the baby, in a first-person frame. Returns the concept, or null. Walks back from
   * the verb over the verb chain to find an imagining, fear, urge or act frame, and the subject.
   */
  function babyHarmFrame(s: Sentence, verbAt: number, targetEnd: number): CrisisConcept | null {
    const t = s.tokens;
    const verb = t[verbAt];
    const c = clauseBounds(s, verbAt);
    const after = t.slice(targetEnd, c.end);
    const target = t.slice(verbAt + 1, targetEnd).join(' ');
    // Someone else as the target ("hurt my husband"), or the verb's object is a thing.
    if (ADULT_OTHER.test(target)) return null;
    if (/^(him|her|them)$/.test(target.replace(/^(my|the|our|this|poor|little|tiny) /, '')) && ADULT_OTHER.test(t.slice(c.start, c.end).join(' '))) return null;
    // "hurt the baby by feeding", "harm her with my medicine", "drop him when I'm half asleep"
    if (INSTRUMENT_AFTER.test(after[0] ?? '') && INSTRUMENT_WORDS.test(after.slice(0, 6).join(' '))) return null;
    if (/\b(accident|accidentally|by mistake|without meaning|not on purpose|unintentionally)\b/.test(t.slice(c.start, c.end).join(' '))) return null;
    // Questions about a cause: "can mastitis hurt my baby?", "will the fever harm her?"
    let imagine = false;
    let fear = false;
    let urge = false;
    let firstPerson = false as boolean;
    let actPast = false;
    for (let i = verbAt - 1; i >= Math.max(c.start, verbAt - 12); i--) {
      const w = t[i];
      if (FIRST.test(w)) firstPerson = true;
      if (IMAGINE.test(w)) imagine = true;
      if (FEAR.test(w)) fear = true;
      if (URGE.test(w)) urge = true;
      if (w === 'can' && t[i + 1] === 'not' && /^(stop|unsee|get)$/.test(t[i + 2] ?? '')) imagine = true;
      if (THIRD_SUBJECT.test(w) && !firstPerson) return null;
      if (IMAGINE.test(w) || FEAR.test(w) || URGE.test(w) || FIRST.test(w) || CHAIN.test(w)) continue;
      break; // another subject: "the fever will hurt my baby", "the pump could hurt her"
    }
    // Diary style with the "I" left out: "wanted to smother her tonight", "keep picturing shaking him".
    if (!firstPerson && c.start === 0 && (URGE.test(t[0] ?? '') || IMAGINE.test(t[0] ?? '') || /^(keep|kept|nearly|almost|felt)$/.test(t[0] ?? '')) && t.slice(0, verbAt).every((w) => IMAGINE.test(w) || FEAR.test(w) || URGE.test(w) || CHAIN.test(w))) firstPerson = true;
    // An imagining frame earlier in the sentence carries over a "because" or "and" ("visions of the baby
    // falling down the stairs because I pushed her").
    if (!imagine && t.slice(0, c.start).some((w) => /^(picture|picturing|pictured|imagine|imagining|imagined|visions?|images?|flashes|flash|scenes?|intrusive|nightmares?)$/.test(w))) imagine = true;
    const modalBefore = t.slice(Math.max(0, verbAt - 4), verbAt).some((w) => /^(can|could|will|would|does|do|did|might|may|should|is|it)$/.test(w));
    if (ACT_PAST.test(verb) && !firstPerson && !modalBefore) {
      // "I grabbed the baby really roughly and shook him": the subject is the nearest one before, across "and".
      for (let i = verbAt - 1; i >= 0; i--) {
        const w = t[i];
        if (/^(i|ive|id)$/.test(w)) {
          firstPerson = true;
          break;
        }
        if (THIRD_SUBJECT.test(w) || ADULT_OTHER.test(w) || /^(toddler|it|you|we|sister|brother)$/.test(w)) break;
      }
    }
    if (ACT_PAST.test(verb) && firstPerson && !imagine && !fear && !urge && !modalBefore) actPast = true;
    if (!firstPerson && !imagine) return null;
    const purpose = /\b(on purpose|down the stairs|over the (rail|railing|banister|balcony|edge)|deliberately|intentionally|meant to|so (he|she|it) would stop|to (make|shut) (him|her|it) (stop|up|quiet)|so (he|she) would be quiet|harder than|too hard|too rough|too roughly|really hard|so hard|against the wall|across the room|at the wall|down the stairs|out (of )?the window|off the balcony|in the bath|under the water|under water|into the water|in the water|over (his|her) (face|mouth|nose)|onto the floor|on the floor|onto the bed|into the cot|into the crib|nobody would know|no one would know|never come back|walk away|and run|for good|forever|permanently)\b/.test(t.slice(verbAt, c.end).join(' '));
    const weak = WEAK_HARM.test(verb);
    const rest = t.slice(verbAt, c.end).join(' ');
    const intent = /\b(on purpose|deliberately|intentionally|meant to|so (he|she|it) would (stop|be quiet|shut up)|to (make|shut) (him|her|it) (stop|up|quiet)|harder than|too hard|too rough|too roughly|really hard|so hard|against the wall|across the room|at the wall|onto the floor|on the floor|nobody would know|no one would know|never come back|walk away|and run|for good|forever|permanently)\b/.test(rest);
    if (fear && !imagine && !urge && weak) return intent ? 'crisis-baby' : 'crisis-baby-soft';
    if (imagine) return weak && !purpose && !/^(picture|picturing|pictured|imagine|imagining|imagined|visuali[sz]\w*|seeing|see|saw|images?|visions?|flashes|flash|scenes?|intrusive|unsee)$/.test(t.slice(0, verbAt).find((w) => IMAGINE.test(w) && !/^(thoughts?|thought|thinking|think|head|mind|dream|dreams|dreaming|dreamt|dreamed)$/.test(w)) ?? '') ? 'crisis-baby-soft' : 'crisis-baby';
    if (urge) return weak && !purpose ? 'crisis-baby-soft' : 'crisis-baby';
    if (fear) return weak && !purpose ? 'crisis-baby-soft' : 'crisis-baby';
    if (actPast) return weak && !purpose ? null : 'crisis-baby';
    // Plain first person with a modal: "I might hurt my baby", "I will shake him".
    const modal = t.slice(Math.max(c.start, verbAt - 4), verbAt).some((w) => /^(might|will|ll|ill|could|would|may|gonna|going)$/.test(w));
    if (modal && !weak) return 'crisis-baby';
    if (modal) return 'crisis-baby-soft';
    return null;
  }

  /**
   * A condition ("if I was gone", "if I jumped", "if I didn't wake up") counts unless what follows makes it
   * everyday: "gone for the weekend", "jumped in the shower", "didn't wake up until 10". A laugh makes it
   * a question rather than a report.
   */
  function conditionAccept(c: MatchContext, span: string): boolean | CrisisConcept {
    const a = c.after[0] ?? '';
    const forGood = /^(for good|for ever|forever|permanently|for real)\b/.test(c.after.slice(0, 2).join(' '));
    if (/\bwake( up)?( again)?$/.test(span) && !notWakeQualified(c)) return false;
    if (!forGood && /\b(gone|disappeared|vanished|here|around|died|die|dead)$/.test(span) && /^(for|to|at|on|back|out|away|shopping|overnight|while|during|until|til|till|this|from|into|abroad|longer|a|an|the|with|of|laughing|inside|my|her|his|it|some)$/.test(a)) return false;
    if (/\b(came back|come back|come home)$/.test(span) && /^(for|until|til|till|tonight|today|early|on|at|before|by|in|with|late)$/.test(a)) return false;
    if (/\bjumped$/.test(span) && c.after.length > 0 && !/^(and|or|now|tonight|today|already|again|lol|haha|though|tho|anyway)$/.test(a)) return false;
    // "walked into the sea for a swim": a day at the beach.
    if (/\b(sea|ocean|river|lake|water|waves)$/.test(span) && /\b(swim|swimming|paddle|paddling|dip|cool off|surf|surfing|kids|baby|holiday|vacation|beach day|with (my|the|our))\b/.test(c.after.join(' '))) return false;
    if (LAUGH.test(c.s.raw)) return 'crisis-self-soft';
    return true;
  }

  /**
   * "I just want it all to end", "I want everything to be over", "I want my life to end": the whole of
   * it ending is a wish to die, unless the sentence names something else that could end ("I want it all
   * to end, the leaking and the pain"), which only asks. "I want it to stop" alone stays a question.
   */
  function wholeLifeEnding(c: MatchContext, span: string): boolean {
    if (!/\b(it all|all of it|everything|all of this|all this|this all|my life|life|existence) (to |would |will )?(just )?(end|be over)$|\b(it|this|everything) (would|will|could|to) (all|just|all just) (end|be over)$/.test(span)) return false;
    // "I want it all to end up in the bottle", "... to be over with the weaning by Christmas"
    if (/^(up|with|by|on|in|at|before|soon|already)$/.test(c.after[0] ?? '')) return false;
    if (/\bmy life (to |would |will )?(just )?(end|be over)$/.test(span)) return true;
    // What follows may name the thing that should end ("..., the leaking and the pain"); what came
    // before ("pumping at 4am and I just want it all to end") does not make "it all" smaller.
    return !OTHER_ENDING.test(c.s.tokens.slice(c.end).join(' ')) && !LAUGH.test(c.s.raw);
  }

  const checks: Record<string, Accept> = {
    'wish-dead': (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/\bwake( up)?$/.test(span)) return notWakeQualified(c);
      // "... not a vacation, just a nap": the everyday reading comes back; ask.
      if (/\b(vacation|holiday|break|trip|weekend|getaway|nap|spa day|night away|night off|rest|day off|lie in|lay in|staycation)$/.test(span) && /\b(just|only) (a |an |some |one )?(nap|sleep|rest|break|night|day|hour|minute|bit|lie in|weekend|quiet)\b/.test(c.s.tokens.slice(c.end).join(' '))) return 'crisis-self-soft';
      return true;
    },
    'passive-wish': (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/\bif i\b/.test(span)) return conditionAccept(c, span);
      if (/^(not|no longer|am not) (scared|afraid|frightened)/.test(span)) return /\b(in childbirth|of giving birth|labour|labor|delivery|surgery|c section)\b/.test(c.s.text) ? false : 'crisis-self-soft';
      if (/(want|wants|wanted|welcome|welcomes|look forward to|looking forward to|long for|longing for) (it|that)$/.test(span)) return /\b(die|dying|death|dead|gone|end|not wake)\b/.test(c.s.text) ? true : false;
      if (/^(the world|everyone|nobody|no one|my family) /.test(span)) return /\b(need|miss) me\b/.test(span) ? true : 'crisis-self-soft';
      if (/^(i do not|i don t|i dont) (belong|fit)/.test(span)) return 'crisis-self-soft';
      if (/let me (die|just die)$/.test(span) && LAUGH.test(c.s.raw)) return 'crisis-self-soft';
      return true;
    },
    'not-wake-qualified': notWakeQualified,
    'done-with-life': (c) => {
      const a = c.after[0] ?? '';
      // "tired of living in this flat", "done with life admin", "sick of life as a milk cow"
      if (/^(in|at|with|on|near|here|there|room|arrangements?|situation|costs?|expenses|admin|insurance|as|like|without|off|out|away|under|abroad)$/.test(a) && !/\b(this|my) life\b|\blike this\b/.test(c.s.tokens.slice(c.start, c.end).join(' '))) {
        return a === 'like' ? 'crisis-self-soft' : false;
      }
      return true;
    },
    'time-to-go': (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      const a = c.after[0] ?? '';
      const rest = c.s.tokens.slice(c.end).join(' ');
      const forGood = /^(for good|for ever|forever|permanently)\b/.test(c.after.slice(0, 2).join(' '));
      if (/\btime (that )?i /.test(span)) return /^(with|between|of|on|at|in|from)$/.test(a) && !/(died|killed myself|ended my life)$/.test(span) ? false : LAUGH.test(c.s.raw) ? 'crisis-self-soft' : true;
      // "time to die my hair": the dye, misspelt.
      if (/\bdie$/.test(span) && /^(my|her|his|the|it|some|a)$/.test(a)) return false;
      if (forGood) return true;
      if (/(end it all|end it|end things|end everything|end my life|end my own life|die|kill myself|take my life|take my own life|leave this world|check out|sleep forever|not wake up|go for good|go forever)$/.test(span)) {
        const always = /(die|kill myself|take my (own )?life|end my (own )?life|leave this world|sleep forever|not wake up)$/.test(span);
        // "time to end it with my boyfriend", "time to check out of the hospital"
        if (!always && /^(with|between|of|on|for|at|in|from)$/.test(a)) return false;
        // "time to end it and switch to formula": breastfeeding is what ends; "... the pain" only asks.
        if (!always && /\b(formula|bottles?|wean|weaning|pump|pumping|breastfeeding|nursing|feeds|relationship|boyfriend|girlfriend|marriage|job|subscription|contract)\b/.test(rest)) return false;
        if (!always && OTHER_ENDING.test(rest)) return 'crisis-self-soft';
        return LAUGH.test(c.s.raw) ? 'crisis-self-soft' : true;
      }
      // go, leave, say goodbye, give up, let go: everyday unless nothing follows ("time to go back to work").
      // "it's my time to go" with nothing after it is said of dying.
      if (/\bmy time to (just |finally )?(go|leave)$/.test(span) && c.after.length === 0 && !LAUGH.test(c.s.raw)) return true;
      if (c.after.length > 0 && !/^(now|for real|tonight|anymore|any more|i think|maybe)$/.test(c.after.slice(0, 2).join(' ')) && !/^(now|tonight|anymore)$/.test(a)) return false;
      if (/\b(thanks|thank you|thx|bye|goodnight|good night|work|appointment|daycare|nursery|school|shop|store|home|hospital|bed|sleep|nap|feed|waking|awake|pick up|pickup)\b/.test(c.msg.text) || LAUGH.test(c.s.raw)) return false;
      return 'crisis-self-soft';
    },
    'stop-for-good': (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/\b(leak|leaks|leaking|dripping|drip|hurting|aching|bleeding|spraying|crying|screaming|pumping|feeding|waking)\b/.test(span)) return false;
      if (/^(leak|leaks|leaking|dripping|hurting|aching|bleeding|spraying|crying|screaming|pumping|feeding|waking|soaking|happening|coming|up)$/.test(c.after[0] ?? '')) return false;
      // "I want everything to be over with the weaning by Christmas": the thing that should end is named.
      if (/^(with|by|on|in|at|before)$/.test(c.after[0] ?? '') && OTHER_ENDING.test(c.after.join(' '))) return false;
      if (!/\b(permanently|forever|for good|for ever|once and for all|for always|permanent|eternal)\b/.test(span)) return wholeLifeEnding(c, span) ? true : 'crisis-self-soft';
      return true;
    },
    'burden': (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      // "if I was gone for the weekend", "the baby will be fine without me for a night"
      if (/^(for|to|at|on|back|out|away|shopping|overnight|all|while|during|until|til|till|tonight|today|this|when|from|into|abroad|longer)$/.test(c.after[0] ?? '')) return false;
      // "everyone would be better off if I stopped leaking at dinner": the condition is not about dying.
      if (/better off$/.test(span) && /^if$/.test(c.after[0] ?? '') && !/\b(die|died|dead|gone|not here|not around|never born|disappeared|did not exist|was not|were not|killed|left for good|out of the (picture|way))\b/.test(c.after.join(' '))) return false;
      if (/\bwith (their|his|her|my|the|our) (dad|father|daddy|grandparents|nan|gran|granny|grandma|husband|partner|aunt|auntie)$/.test(span)) return /\b(without me|instead of me|alone|on his own|by himself|on their own|raise|raising|if i)\b/.test(c.s.text) ? true : 'crisis-self-soft';
      if (/\bwith (someone else|a different|another)/.test(span) && /\b(bottle|formula|feed|feeding|nap|bedtime|settle|settling|for (a|an|the) (hour|night|day|weekend|bit))\b/.test(c.s.text)) return false;
      // "if I died my hair": the dye, misspelt.
      if (/\b(died|die)$/.test(span) && /^(my|her|his|the|it|some|a)$/.test(c.after[0] ?? '')) return false;
      // "if I died ..." needs what would follow: better, easier, nobody would notice ...
      if (/^(if|when|once) i /.test(span) && !/\b(better|easier|happier|fine|ok|okay|relief|nobody|no one|not notice|not care|notice|care|miss|move on|cope|manage|would not|matter|difference|free|at peace)\b/.test(c.after.join(' ') + ' ' + c.before.join(' '))) return false;
      return true;
    },
    'if-gone-condition': (c) => conditionAccept(c, c.s.tokens.slice(c.start, c.end).join(' ')),
    'thinking-of-death': (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      // "thinking about dying my hair"
      if (/\bdying$/.test(span) && /^(my|the|it|her|his|them|a|some|our)$/.test(c.after[0] ?? '')) return false;
      if (/\bjumping$/.test(span) && /^(back|in|into|on|onto|up|around|rope|jacks|ship|the gun|at)$/.test(c.after[0] ?? '')) return false;
      return true;
    },
    'means-quantity': (c) => {
      const text = c.s.text;
      const lethal = /\b(lethal|fatal|deadly|kill|kills|killing|killed|die|dying|dead|overdose|overdosing|overdosed|od|not wake up|never wake up|end it|end my life|stop my heart|stop your heart|stop the heart|stop a heart|kill you|organ failure|liver failure|to not wake|sleep forever|be enough to|would be enough|on purpose)\b/.test(text);
      const benign = /\b(safe|safely|allowed|okay to|ok to|alright to|can i|could i|should i|may i|am i allowed|while (breastfeeding|nursing|pumping|pregnant|feeding)|when (breastfeeding|nursing|pumping|pregnant)|per day|a day|in a day|daily|every \d+ hours|each day|dose for|maximum|max|recommended|for (the |my |a )?(pain|headache|fever|mastitis|cramps|period|back|teeth|tooth|toothache|migraine|cold|flu|engorgement|infection|sore|nipple|breast|temperature)|with breastfeeding|compatible|in my milk|into my milk|through my milk|in breast ?milk|the baby|my baby|infant|for kids|for a child|dosage|prescribed|pharmacist|doctor said|gp said|vitamin|vitamins|supplements?|iron|prenatal|accidentally|by mistake|double dose|doubled up|missed|forgot)\b/.test(text);
      const research = /\b(research|researching|researched|looking up|looked up|look up|googling|googled|google|searching|searched|search|reading about|read up|checking|checked|been looking|looking into|looked into|working out|worked out|calculating|calculated|counting|counted)\b/.test(text);
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/^(bought|buying|buy|got|getting|picked up|stocked up on|stocking up on) /.test(span)) return benign ? false : true;
      if (/\b(keep|kept|keeps) (looking at|staring at|thinking about|counting)\b/.test(span)) return benign ? false : true;
      const takeAll = /^(too many|too much|all of my|all my|all the|every|the whole|a whole|a handful|handfuls)/.test(span);
      if (lethal && !(benign && !/\b(lethal|fatal|deadly|kill|die|overdose|od|not wake up|never wake up|end it|end my life)\b/.test(text))) return true;
      if (takeAll) {
        // "I took too many pills", "thinking of taking all my pills" (not "took all the antibiotics as told")
        if (/\b(take|taking|took|swallow|swallowing|swallowed|down|downing|downed|neck|necking|necked)\b/.test(c.before.join(' ')) && !benign && !/\b(as (prescribed|told|directed)|course|on time|like (i|the) (should|was told|doctor said)|antibiotics?|vitamins?)\b/.test(text)) {
          return /\b(thinking|think|thought|want|wanted|urge|tempted|going to|gonna|might|could|will|tonight|plan|planning|took|swallowed|downed|necked)\b/.test(c.before.join(' ')) ? true : 'crisis-self-soft';
        }
        return false;
      }
      if (research && !benign) return true;
      if (!benign && /^(how many|how much|what amount|what number)/.test(c.s.tokens.slice(c.start, c.end).join(' ')) && /\b(would it take|it would take|does it take|it takes|would i need|i would need|do i need to take|to take at once|at once|all at once|in one go)\b/.test(text)) return true;
      return benign ? false : 'crisis-self-soft';
    },
    'means-stockpile': (c) => {
      if (/\b(vitamin|vitamins|prenatal|supplements?|iron|probiotic|folic|omega|fish oil|from (the |my )?(toddler|kids|children|baby|dog|cat)|out of reach|safe place|childproof|locked|organiser|organizer|pill box|pillbox|weekly|for (the|my) (week|trip|holiday)|antibiotics?|birth control|contraceptive)\b/.test(c.s.text)) return false;
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/^(keeping|kept|hiding|hid|hidden|counting|counted)\b/.test(span)) return 'crisis-self-soft';
      return true;
    },
    'means-height-road': (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      const text = c.s.text;
      const place = A_HIGH_PLACE.test(text);
      const cue = /\b(jump|jumping|jumped|fall|falling|let go|letting go|over the edge|how easy|end it|thinking|thought|wanted|long time|ages|how high|how far|wondering|tempted|edge|urge|not come back|never come back|step off|lean over|leaning over|looking down|looked down|drop|die|dead|gone|disappear|end things|everything stop|for good|forever)\b/.test(text.replace(span, ' '));
      if (/^(stood|standing|stand|sat|sitting|went up|go up|going up|went to|drove|walked|go to|going to|climbed|climbing|looked over|looking over|looked down|looking down|leaning over|leaned over|hanging over|stared|staring)/.test(span)) {
        return cue ? true : false;
      }
      if (/^(think|thinking|thought|urge|urges|want|wanted|wanting|tempted|imagine|imagining|imagined|picture|picturing|feel like|felt like|nearly|almost|could|easy|how easy|close)/.test(span)) {
        const last = c.s.tokens[c.end - 1];
        // "thinking about jumping back into running", "want to jump in the shower", "nearly fell asleep"
        if (/^(going over|go over|falling off|fall off)$/.test(c.s.tokens.slice(c.end - 2, c.end).join(' ')) && !place) return false;
        if (/^(jumping|jump|falling|fall|crashing|crash)$/.test(last)) {
          if (/^(back|in|into|on|onto|up|around|rope|jacks|ship|the|at|asleep|apart|behind|out of bed|ill|sick|pregnant|for|through|over the baby gate)$/.test(c.after[0] ?? '') && !place) return false;
          if (!place && !clauseEndsSoon(c, 1) && !/^(off|from|over|again|tonight|today|in front)$/.test(c.after[0] ?? '')) return false;
        }
        if (/^(walking into|walk into|driving into|drive into)$/.test(span.split(' ').slice(-2).join(' ')) && !/^(traffic|the sea|the river|a wall|the wall|a tree|oncoming|the road|a truck|a lorry|the ocean|the lake)/.test(c.after.join(' '))) return false;
        return true;
      }
      if (/^(go|going|walk|walking|walked|step|stepping|stepped|fall|falling)\b/.test(span) && /\b(off|over|from) (the |a )?(platform|train|bus|tube|pier)\b/.test(span) && !cue) return false;
      if (/^(drive|driving|drove)\b/.test(span) && /\b(off|across) (the |a )?(road|bridge|motorway)\b/.test(span) && !cue && !/\b(on purpose|deliberately|want|wanted|tempted|think|thinking|thought|urge)\b/.test(text)) return false;
      return true;
    },
    'plan': (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/^(picked|chosen|chose|set|decided on|settled on|worked out) /.test(span)) {
        // "picked a date to go back to work"
        if (!clauseEndsSoon(c, 1) && !/^(already|now|tonight|for it|to do it|to end it|to die|and|,)$/.test(c.after[0] ?? '')) return false;
        return c.msg.logistics ? 'crisis-self-soft' : true;
      }
      if (/plan$/.test(span)) {
        if (!clauseEndsSoon(c, 1) && !/^(and|,|now|already|this time|ready)$/.test(c.after[0] ?? '')) return false;
        return 'crisis-self-soft';
      }
      if (/\bdo it (this time|tonight|today|soon|for real)$/.test(span)) return c.msg.logistics ? 'crisis-self-soft' : true;
      if (/\b(do it|go|do this|get it done)$/.test(span)) {
        if (c.msg.logistics) return 'crisis-self-soft';
        if (/^(at|while|on|with|without|during|in|for|before|after|so|because|pumping|feeding|through|via|by|using|properly|right|better|differently)$/.test(c.after[0] ?? '')) return 'crisis-self-soft';
      }
      return true;
    },
    'goodbye': (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/\b(die|died)$/.test(span) && /^(of|at|in|someday|one|eventually|when|old|peacefully)$/.test(c.after[0] ?? '')) return false;
      if (/\b(gone|dead|passed|died|die|no longer here|no longer around)$/.test(span) && /^(to|back|out|for|shopping|on|away|at|into|from|home|off|through|over|in|up|down|a|the|all|ahead)$/.test(c.after[0] ?? '')) return false;
      if (/\b(am gone|m gone|have gone|ve gone)$/.test(span) && /\b(work|office|shift|job|daycare|nursery|trip|holiday|weekend|night out|hospital|gym)\b/.test(c.s.text)) return false;
      if (/^(giving|given|gave|give) away/.test(span)) return /\b(baby|maternity|clothes|pump|bottles|toys|pram|cot|crib|bouncer|old)\b/.test(c.after.join(' ')) ? false : 'crisis-self-soft';
      if (/in order$/.test(span)) return 'crisis-self-soft';
      if (/^in case i/.test(span)) return /\b(labour|labor|birth|delivery|c section|surgery|operation|anaesthetic|anesthetic|flight|travel|trip)\b/.test(c.msg.text) ? false : 'crisis-self-soft';
      if (/explaining (everything|why|it all|my reasons)$/.test(span)) return 'crisis-self-soft';
      if (/^this is /.test(span) && !/\b(goodbye)\b/.test(span)) return 'crisis-self-soft';
      return true;
    },
    'self-harm': (c) => {
      const text = c.s.text;
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/\b(accident|accidentally|by mistake|shaving|cooking|chopping|opening|pump|flange|nipple shield|zip|zipper|nails|in my sleep|itch|itchy|eczema|rash|mosquito|bite|bites|cat|dog|kitten|puppy|oven|iron|kettle|hair straighteners|curling)\b/.test(text) && !/\b(on purpose|deliberately|to cope|to feel|punish|again and again|so nobody|hide it|hiding it)\b/.test(text)) {
        if (/\b(hurting|hurt|cut|cutting|burned|burnt|burning|scratched|scratching|scratch|bit|biting|bite|hit|hitting)\b/.test(span)) return false;
      }
      if (/^(cutting|self harming|sh) again$|^(started|start|starting|begun|began|back to|gone back to|went back to|relapsed|relapsing|relapse|been|keep|kept|still|caught myself) (into |on |with |to )?cutting$/.test(span)) {
        if (/^(down|back|out|off|the|dairy|caffeine|carbs|sugar|gluten|feeds?|nails|hair|fringe|onions|vegetables|veg|fruit|it|them|bread|meat|cake|coupons|paper|fabric|grass|wood|wine|alcohol|booze|snacks|sessions|pumping|a|an|my (?:hair|nails|fringe)|her|his|the baby)$/.test(c.after[0] ?? '')) return false;
      }
      if (/deserve to (suffer|be punished|hurt|feel pain|be in pain)$/.test(span)) return 'crisis-self-soft';
      if (/\b(razor|razor blade|blade|knife|kitchen knife|scissors|belt|rope|cord)$/.test(span) && /^(sat|sitting|sit|stood|standing|lay|lying|locked|holding|held|hold|staring|stared)/.test(span)) {
        if (/\b(shave|shaving|legs|armpits|bikini|cut (the|a|my) (pad|bra|tag|label|thread|cord|umbilical|food|apple|sandwich|onion)|cooking|chopping|kitchen counter|make a|to cut|cutting (the|a|some)|open (the|a))\b/.test(c.s.text)) return false;
        return /\b(edge of the bath|in the bath|bathroom|locked|in the dark|crying|for (ages|hours|a long time)|thinking|wanted|urge|last night|again)\b/.test(c.s.text) ? true : 'crisis-self-soft';
      }
      if (/^deserve to (die|be dead)$/.test(span) && thirdPersonFrame(c.s, c.start)) return false;
      if (/^(hit|hitting|punch|punching|punched|beat|beating|bit|biting|bite|scratched|scratching|scratch) myself$/.test(span) && /^(in the|on the|with the|when|while)$/.test((c.after.slice(0, 2).join(' ')) || '') && !/\b(on purpose|deliberately|again|keep|kept)\b/.test(text)) return false;
      return true;
    },
    'self-soft': (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/^i want out$/.test(span) && !clauseEndsSoon(c, 1)) return false;
      if (/(run away|escape|disappear|vanish)$/.test(span) && /^(to|for|from|into|under|with|on|somewhere|when)$/.test(c.after[0] ?? '')) return false;
      if (/wake up$/.test(span) && !notWakeQualified(c)) return false;
      if (/(sleep forever|sleep for ever|hibernate forever)$/.test(span) && LAUGH.test(c.s.raw)) return false;
      if (/^(nobody|no one|noone) /.test(span) && /^(if|that|whether|about)$/.test(c.after[0] ?? '') && /\b(leak|leaking|leaked|wet|patch|patches|shirt|top|stain|smell|pads?|milk|pump|pumped|pumping|feed|feeds|fed|feeding|formula|bottle|bottles|nursed|nursing|late|early)\b/.test(c.after.join(' '))) return false;
      if (/^(nobody|no one|noone) /.test(span) && !clauseEndsSoon(c, 2) && !/^(if|when|that|about me|whether)$/.test(c.after[0] ?? '')) return false;
      return true;
    },
    'no-laugh': (c) => !LAUGH.test(c.s.raw) && !/\b(lol|haha|jk|xd)\b/.test(c.s.text),
    'baby-smother': (c) => {
      if (/\b(muslin|sun|sunshade|cover for feeding|nursing cover|spray|spraying|milk sprays|while feeding in public|from the sun|from the wind|from the rain|to wash|hair|rinse|bath time|in the bath to wash|swim|swimming)\b/.test(c.s.text) && !/\b(pillow|cushion|hand over)\b/.test(c.s.text)) return false;
      if (/\b(accident|accidentally|by mistake)\b/.test(c.s.text)) return false;
      if (/(under|down under|underwater|under the water)$/.test(c.s.tokens.slice(c.start, c.end).join(' ')) && !/\b(bath|water|pool|sink|tub|under$)\b/.test(c.s.text + (clauseEndsSoon(c) ? ' under$' : ''))) return false;
      // Someone else's act ("she held her under water" in a story).
      if (thirdPersonFrame(c.s, c.start)) return false;
      return true;
    },
    'baby-do-something': (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      const text = c.s.text;
      if (thirdPersonFrame(c.s, c.start)) return false;
      if (/^what i/.test(span) || /^what ill/.test(span)) {
        // only with fear of oneself and the baby in view: "scared of what I'll do to him if he keeps crying"
        const fear = /\b(scared|afraid|terrified|frightened|worried|petrified|fear|panic|panicking)\b/.test(c.before.join(' ') + ' ' + text.slice(0, text.indexOf(span)));
        const babyInView = /\b(to (him|her|them|my baby|the baby|my son|my daughter))\b/.test(span) || BABY_NEARBY.test(text);
        if (!fear || !babyInView) return false;
        if (/\b(wrong|next|about|with my life|for work|when i go back|if i lose my job|if it does not work|if the leaking|if my milk|with the leak)\b/.test(c.after.slice(0, 4).join(' '))) return false;
        return true;
      }
      if (/^(do|doing|did) (something|anything)/.test(span)) {
        const frame = /\b(scared|afraid|terrified|frightened|worried|fear|might|could|will|would|ll|ill|may|going to|gonna|want|wanted|urge|tempted|nearly|almost|close to|think|thinking|thought)\b/.test(c.before.join(' '));
        return frame ? true : 'crisis-baby-soft';
      }
      if (/safe (with|around|near) me$/.test(span)) return /\b(not|never|isnt|isn t)\b/.test(span) || /^(is|s|are) not/.test(span.split(' ').slice(1).join(' ')) ? true : false;
      if (/^(i am|i m|i feel) /.test(span) && /safe/.test(span)) return /\bnot\b/.test(span);
      if (/(had never been born|was never born|were never born|would disappear|would go away forever|was not here|was gone)$/.test(span)) return 'crisis-baby-soft';
      if (/\btrust (what i|myself)/.test(span)) {
        if (BABY_MENTIONED.test(c.msg.text)) return /\btrust myself$/.test(span) && !/\b(with|around|near|alone)\b/.test(c.after.join(' ') + ' ' + c.msg.text) ? 'crisis-baby-soft' : true;
        return false;
      }
      return true;
    },
    'perception': (c) => {
      const text = c.s.text;
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/^(says|said|say|tells me|told me|insists|swears|keeps saying|can not see|cannot see|does not see|did not see|could not see)/.test(span)) {
        // others deny what the parent perceives: only with a perception in the message
        return /\b(see|seeing|saw|hear|hearing|heard|voice|voices|man|woman|figure|figures|someone|person|people|bugs|insects|shadow|shadows|faces|face|whisper|whispering|smell|watching me|standing|in the corner)\b/.test(c.msg.text) && !/\b(leak|leaking|leaks|patches|patch|wet|stain|stains|lump|milk|blood|rash|spot|spots)\b/.test(c.s.text) ? true : false;
      }
      if (/^(hear|hearing|heard|hears) /.test(span) && /(telling|tell|tells|saying|say|says|talking|talk|calling|call|whispering|whisper|ordering|commanding) (to )?(me|my name|her)$/.test(span)) {
        const speaker = span.replace(/^(hear|hearing|heard|hears) /, '');
        if (!/\b(dead|voice|voices|god|devil|spirit|spirits|angel|angels|demon|demons|walls|wall|tv|radio|the baby|baby|a man|a woman|a child|someone|somebody|people|whisper|whispers|things|it|them|they)\b/.test(speaker) || /\b(husband|partner|mum|mom|mother|dad|midwife|doctor|nurse|friend|sister|boss|colleague|hv|health visitor)\b/.test(speaker) && !/\bdead\b/.test(speaker)) return false;
      }
      if (/^(hear|hearing|heard|read|reading|know|knowing) /.test(span) && /(thoughts|minds)$/.test(span) && !/\b(hear|hearing|heard|read|reading)\b/.test(span.split(' ')[0])) return false;
      // Phantom cries in the shower, hearing the letdown, seeing milk: normal.
      if (/\b(baby|her|him|she|he|son|daughter) (cry|crying|cries|cried)\b/.test(text) && !/\bvoices?\b|\btelling me\b/.test(text)) return false;
      if (/\b(milk|letdown|let down|spray|spraying|leak|leaks|leaking|drip|dripping|white spot|bleb|flecks|lump|blood|patch|patches)\b/.test(text) && /\b(see|seeing|saw|notice|noticed|feel|feeling|felt)\b/.test(text) && !/\b(not there|not real|nobody|no one|voices|bugs|shadow|figures?|faces)\b/.test(text)) return false;
      return true;
    },
    'belief': (c) => {
      const text = c.s.text;
      // "is my milk poisoned if I had wine?", "can my milk be contaminated by the pump": a question about a cause.
      if (/\b(poisoned|tampered|spiked|laced|contaminated|drugged)\b/.test(c.s.tokens.slice(c.start, c.end).join(' ')) && /\b(if i|after i|because i|from (the |my )?(wine|alcohol|beer|sushi|medicine|meds|pump|bottle|formula)|wine|alcohol|beer|sushi|food poisoning|mould|mold|bacteria|expired|spoiled|sour|left out)\b/.test(text)) return false;
      // "being watched while I feed", "the monitor is recording the baby's sleep"
      if (/\b(while i (feed|nurse|pump|breastfeed)|judg\w*|mother in law watches|in laws|sleep tracking|tracks? (her|his|the baby s) (sleep|breathing|feeds))\b/.test(text) && !/\b(through|via|spying|poison|plotting|cameras in)\b/.test(text)) return false;
      if (/^(my husband|my partner|he|she|they|people|someone|somebody|everyone|everybody)$/.test(c.s.tokens[c.start]) && /\b(watching|following|after|reading|tracking|monitoring|recording|filming|listening to)\b/.test(c.s.tokens.slice(c.start, c.end).join(' ')) && /\b(me (feed|nurse|pump|breastfeed|leak)|my (wet|shirt|top|patches|boobs|chest|bottles|stash|feeds|supply|output)|us (feed|eat|play)|the baby (sleep|feed|eat|play)|everything i (eat|drink))\b/.test(text)) return false;
      return true;
    },
    'disorganised': (c) => {
      const text = c.s.text;
      if (/^(about|of|to|on|regarding|over|with)$/.test(c.after[0] ?? '') && /\b(sense|nonsense|rambling|confused)\b/.test(c.s.tokens.slice(c.start, c.end).join(' '))) return false;
      // "my husband says I'm not making sense when I'm half asleep" - said with a smile.
      if (/\b(half asleep|in my sleep|when i am tired|when i m tired|sleep talking|talk in my sleep|funny|lol|haha|joke|joking|teases|teasing|at 3am|at night feeds)\b/.test(text) || LAUGH.test(c.s.raw)) return false;
      // "thinks I'm losing it because I keep checking her breathing": worry about a habit, not disorganisation.
      if (/\b(losing it|lost it|paranoid|crazy|mad)\b(?: \S+){0,2} (because|cos|as|since|for) i (keep|always|constantly|check|am always|am constantly)\b/.test(text)) return false;
      return true;
    },
    'psychosis-soft': (c) => {
      const text = c.s.text;
      // "paranoid" is an everyday word ("my mum had breast cancer so I'm paranoid"): a sign only next to
      // being watched, followed, poisoned or plotted against.
      if (/\bparanoid\b/.test(c.s.tokens.slice(c.start, c.end).join(' ')) && !/\b(watch|watching|watched|follow|following|followed|spy|spying|plot|plotting|poison|poisoning|poisoned|against me|after me|out to get|cameras?|monitor|listening|reading my|voices|tracking|recording)\b/.test(c.msg.text)) return false;
      if (/\b(paranoid|manic|delusional)\b/.test(c.s.tokens.slice(c.start, c.end).join(' '))) {
        // "paranoid about every twinge", "it's been manic at work", "delusional to think I'd sleep"
        if (/\b(about|that (people|everyone|they|i) (can|will|might|could) (see|smell|notice|tell)|because|cos|since|work|office|morning|week|day|house|kids|toddler|cancer|lump|lumps|leak|leaking|leaks|smell|wet|patches?|pads|supply|milk|to think|thinking i|if|whether)\b/.test(text.slice(text.indexOf(c.s.tokens[c.start]))) && !/\b(watching|following|poison|spying|plotting|voices)\b/.test(text)) return false;
      }
      if (/\b(dream|movie|film|video game|simulation|real)\b/.test(c.s.tokens.slice(c.start, c.end).join(' ')) && (/\b(tired|sleepy|sleep deprived|exhausted|no sleep|lack of sleep|fog|foggy|haha|lol)\b/.test(text) || LAUGH.test(c.s.raw))) return false;
      // Sleeplessness with a reason (reflux, teething, cluster feeding) is a hard week, not a sign on its own.
      if (/\b(days|nights)\b/.test(c.s.tokens.slice(c.start, c.end).join(' ')) && /\b(because|cos|due to|reflux|teething|cluster|colic|colicky|feeds|feeding|newborn|crying|sick|ill|jaundice|growth spurt|regression)\b/.test(text) && !/\b(energy|wired|buzzing|not tired|invincible|racing|so fast|anything|mission|voices)\b/.test(c.msg.text)) return false;
      if (/seeing things$/.test(c.s.tokens.slice(c.start, c.end).join(' ')) && /^(differently|clearly|from|as|in a|more)$/.test(c.after[0] ?? '')) return false;
      return true;
    },
    'legacy-self': (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/^overdos/.test(span) && /\b(vitamin|vitamins|iron|caffeine|coffee|sugar|baby|formula|accidentally|accidental|can i|could i|is it possible|risk|safe)\b/.test(c.s.text) && !/\b(want|wanted|thinking|thought|planning|going to|took an|urge)\b/.test(c.s.text)) return false;
      if (/^(want|wanted) (it|everything)/.test(span) && (c.after[0] === 'up' || (/^(with|by|on|in|at|before)$/.test(c.after[0] ?? '') && OTHER_ENDING.test(c.after.join(' '))))) return false;
      if (/^(want|wanted) (it|everything)/.test(span)) return wholeLifeEnding(c, span) ? true : /\b(leak|leaks|leaking|pumping|feeding|breastfeeding)\b/.test(c.s.text) ? false : 'crisis-self-soft';
      if (/\bmyself$/.test(span) && /\b(pump|flange|nipple shield|nails|accident|accidentally|shaving|cooking)\b/.test(c.s.text) && /\b(hurt|hurting|harm|harming|cut|cutting|burn|burning)\b/.test(span)) return false;
      return true;
    },
  };

  return { checks, frames: { 'baby-harm': babyHarmFrame }, thirdPersonFrame };
}
