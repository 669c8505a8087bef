/**
 * Crisis language: thoughts of suicide or self-harm, thoughts or acts of harming the baby, and signs
 * of psychosis after birth. This is the layer of broad pattern families (the classifier in
 * ./crisisClassifier is the second layer). Each family is one way people talk about the same thing:
 *
 *   self   - wishes to be dead or not to exist, "done with life", wanting everything to stop for
 *            good, burden beliefs ("nobody would miss me"), thoughts of dying, method / plan / means
 *            (heights, driving, pill quantities, stockpiling), goodbyes and arrangements "after I'm
 *            gone", self-harm acts and urges.
 *   baby   - a harm verb aimed at the baby inside a first-person frame: imagining ("I keep picturing
 *            ..."), fear of oneself ("scared of what I'll do to him"), urge ("I wanted to ..."), or
 *            an act ("I shook her").
 *   psychosis - perceptions nobody else has, fixed false beliefs (poisoned milk, watched through the
 *            monitor, baby swapped), others saying the parent makes no sense, days without sleep
 *            with high energy.
 *
 * Every family gives a "strong" concept (escalate) or a "soft" one (ask the gentle confirming
 * question). Idioms ("I could murder a coffee", "dying to sleep", "kill me now lol"), other people's
 * stories, denials ("I'm not suicidal") and screening questions answered "no" are handled here and in
 * ./scope. Patterns run on one bounded normalised sentence, with bounded gaps only, so they stay
 * linear in the message length.
 */
import type { ConceptId, Mention } from './concepts';
import { PatternSet, type Presence } from './prefilter';
import { mentionStatus, type Status } from './scope';
import { applyMasks, makeSentence, tokenMatches, type Sentence } from './text';

export type CrisisConcept = Extract<ConceptId, 'crisis-self' | 'crisis-self-soft' | 'crisis-baby' | 'crisis-baby-soft' | 'psychosis' | 'psychosis-soft'>;

/** What the whole message says, for checks that look beyond one sentence. */
export interface MessageFacts {
  /** All sentences, normalised, joined with " . ". */
  text: string;
  /** The message is about leaking, feeding or pumping logistics (plans that are not a crisis). */
  logistics: boolean;
}

interface MatchContext {
  s: Sentence;
  start: number;
  end: number;
  /** Tokens of the clause after the match, and before it. */
  after: string[];
  before: string[];
  msg: MessageFacts;
}

/** false drops the match; a concept replaces the family's own (usually a downgrade to soft). */
type Accept = (c: MatchContext) => boolean | CrisisConcept;

interface Family {
  id: string;
  concept: CrisisConcept;
  patterns: RegExp[];
  accept?: Accept;
  masks?: RegExp[];
  /** Psychosis: a question about it is a question ("what are the signs of psychosis?"). */
  questionsCount?: boolean;
}

// ------------------------------------------------------------------ idioms

/** Everyday idioms with death and killing words; blanked out before the self and baby families run. */
export const DEATH_IDIOMS: RegExp[] = [
  /\b(dying|die|dead|kill|killing|murder) (to|for) (a|an|some|the|my|get|go|know|see|sleep|try|nap|coffee|shower|hear|find|meet|be|tea|wine|drink)\b/g,
  /\b(would|could|d) (die|kill|murder) for\b/g,
  /\b(could|would) murder (a|an|some|the)\b/g,
  /\bto die for\b/g,
  /\b(is|are|was|s|it|this|that|they|these|nipples?|breasts?|back|feet|head|boobs?|pump|neck|shoulders?) (is |are )?(killing|murdering|murder) (me|on)\b/g,
  /\bkilling me\b/g,
  /\b(scared|bored|worried|tired|sick|frightened|terrified|freezing|embarrassed|starving|annoyed) (me )?to death\b/g,
  /\b(die|died|dying|dead) (of|from) (embarrassment|shame|laughter|laughing|boredom|cuteness|mortification|thirst|hunger|exhaustion|tiredness|heat|cold|cringe)\b/g,
  // "literally wanted to die when milk went all down my dress lol": embarrassment told with a laugh.
  /\b(wanted|could have|could ve|thought i would|nearly|almost) (to )?(curl up and )?die (when|because|as|after) (\S+ ){1,14}(lol|lmao|haha\w*|hehe\w*)\b/g,
  /\b(nearly|almost|could have|could ve|could) died\b(?! (by|from|of) (suicide|overdose))/g,
  /\bdied laughing\b|\bi am dead lol\b|\bi am dead\b(?! (inside|already))/g,
  /\bdead (tired|on my feet|asleep|serious|set|heavy|weight|sore|quiet|easy|good|certain|cute|funny|battery|phone|zone|end|skin)\b/g,
  /\bkilling it\b|\bkill (the|any|off|all) (pain|bacteria|germs|yeast|thrush|infection|mood|vibe|time)\b/g,
  /\bpain ?killers?\b/g,
  /\bkiller\b/g,
  /\bover my dead body\b|\bif looks could kill\b|\bdeadline\b|\bdrop dead (gorgeous|beautiful)\b/g,
  /\b(cell|cells|battery|phone|plant|plants) (die|died|dying|dead)\b/g,
  /\bkill (two|2) birds\b/g,
  /\bwill be the (death|end) of me\b|\bbe the death of me\b/g,
  /\b(die|dies|died|dying) down\b/g,
  /\b(life|lifesaver|life saver) (saver|saving|changing|hack|hacks)\b/g,
];

/** "kill me now lol", "just shoot me": hyperbole when there is a laugh marker; a gentle question otherwise. */
const HYPERBOLE = /\b(just |someone |somebody |please |pls |plz |ugh |omg )?(kill|shoot) me( now| already| please| pls)?\b/g;
const LAUGH = /(\blol\b|\blmao\b|\blmfao\b|\brofl\b|\bhaha\w*\b|\bhehe\w*\b|\bjk\b|\bjoking\b|\bkidding\b|😂|🤣|😅|😆|🙃|😭|🙈|xd\b|:p|;\))/i;

export const MENTAL_IDIOMS: RegExp[] = [
  /\b(losing|lose|lost) my mind\b/g,
  /\b(going|go|drive|driving|drives|drove) (me )?(crazy|insane|nuts|mad|bananas|bonkers|round the bend|up the wall)\b/g,
  /\bam i seeing things\b|\bwas i seeing things\b/g,
  /\bseeing things (differently|clearly|from|as)\b/g,
  /\bbaby brain\b|\bmum brain\b|\bmom brain\b|\bmummy brain\b|\bmommy brain\b/g,
];

// ------------------------------------------------------------------ word classes

const alt = (xs: string[]) => `(?:${xs.join('|')})`;
const rx = (source: string) => new RegExp(`\\b${source}\\b`, 'g');

const MEDS = alt([
  'paracetamol', 'acetaminophen', 'tylenol', 'panadol', 'calpol', 'ibuprofen', 'advil', 'nurofen', 'motrin', 'aspirin', 'naproxen',
  'codeine', 'co codamol', 'cocodamol', 'co dydramol', 'tramadol', 'oxycodone', 'oxycontin', 'morphine', 'hydrocodone', 'vicodin',
  'percocet', 'fentanyl', 'sleeping pills', 'sleeping tablets', 'sleep aids?', 'zopiclone', 'zolpidem', 'ambien', 'diazepam', 'valium',
  'lorazepam', 'xanax', 'benadryl', 'diphenhydramine', 'sertraline', 'zoloft', 'citalopram', 'fluoxetine', 'prozac', 'amitriptyline',
  'mirtazapine', 'quetiapine', 'seroquel', 'lithium', 'insulin', 'pills', 'pill', 'tablets', 'tablet', 'meds', 'medication', 'medications', 'medicine',
  'painkillers', 'pain killers', 'pain meds', 'antidepressants', 'anti depressants', 'opioids', 'opiates',
]);
const HIGH_PLACE = 'bridge|building|roof|rooftop|balcony|ledge|edge|cliff|cliffs|tower|car park|multi storey|window|railing|railings|overpass|flyover|platform|tracks|railway|top floor|stairwell|stair well|viaduct|quarry|pier|dam';
const BABY_WORD = 'baby|babies|newborn|infant|son|daughter|little one|twins?|child|kid|bub|boy|girl|toddler';
const BABY_TARGET = `(?:(?:my|the|our|this|poor|little|tiny) )?(?:${BABY_WORD}|him|her|them)`;
/** Compiled once: these run for every candidate match. */
const A_HIGH_PLACE = new RegExp(`\\b(${HIGH_PLACE})\\b`);
const BABY_NEARBY = new RegExp(`\\b(${BABY_WORD}|crying|cries|screaming|screams|cot|crib|him|her)\\b`);
const BABY_MENTIONED = new RegExp(`\\b(${BABY_WORD}|him|her|crying|cries)\\b`);
const ADULT_OTHER = /\b(husband|partner|boyfriend|girlfriend|wife|fiance|fiancee|mother in law|father in law|mil|fil|boss|colleague|coworker|dog|cat|puppy|pump|ex|sister|brother|mum|mom|dad|father|mother)\b/;
const FIRST = /^(i|me|my|myself|mine|id|ill|ive|im)$/;
const THIRD_SUBJECT = /^(she|he|they|friend|friends|sister|cousin|aunt|mum|mom|mother|mothers|mums|moms|woman|women|lady|ladies|someone|somebody|people|colleague|neighbour|neighbor|character|girl|wife|partner|patient|celebrity|actress)$/;

/** Feeding or pumping logistics in the message: "I planned how I'd do it: pump at 10, 1 and 4". */
const LOGISTICS = /\b(pump|pumps|pumping|pumped|feed|feeds|feeding|nurse|nursing|breastfeed|breastfeeding|bottle|bottles|wean|weaning|latch|express|expressing|schedule|routine|freezer|stash|pads|bra|shift|commute|meeting|office|daycare|nursery|childcare)\b/;

const clauseBounds = (s: Sentence, i: number) => s.clauses[s.clauseOf[Math.min(i, s.tokens.length - 1)] ?? 0];

// ------------------------------------------------------------------ accept helpers

const clauseEndsSoon = (c: MatchContext, n = 0) => c.after.length <= n;

/** "not wake up until noon", "never wake up in time": a time qualifier, not a wish to die. */
const WAKE_QUALIFIER = /^(until|till|til|before|early|in|on|for|when|if|to|at|during|unless|with|because|cos|from|by|so|once|after|and then|then)$/;
function notWakeQualified(c: MatchContext): boolean {
  const a = c.after[0] ?? '';
  if (a === 'in' && /^(the|a)$/.test(c.after[1] ?? '') && /^(morning|mornings)$/.test(c.after[2] ?? '')) return true;
  return !WAKE_QUALIFIER.test(a);
}

/** A harm word aimed at someone else ("her husband", "the pump") or instrumental ("hurt the baby by feeding"). */
const INSTRUMENT_AFTER = /^(by|with|through|via|from|if|when|while|because|due)$/;
const INSTRUMENT_WORDS = /\b(feeding|breastfeeding|nursing|pumping|passing|giving|taking|my milk|the milk|breast ?milk|medicine|medicines|medication|meds|tablets|pills|antibiotics|infection|mastitis|fever|germs|virus|cold|flu|covid|eating|drinking|wine|alcohol|caffeine|coffee|the pump|nails|rolling|co sleeping|cosleeping|bed sharing|sleeping|the blanket|my breast|my boob|my nipple|the latch|accident|accidentally|mistake|smoking|vaping|cream|ointment|shield)\b/;

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

/** Something else in the sentence that could be what should end: leaking, feeds, the pain, the pregnancy, the day. */
const OTHER_ENDING = /\b(leak|leaks|leaking|leaky|drip|dripping|pump|pumping|feed|feeds|feeding|breastfeeding|nursing|weaning|supply|pregnancy|pregnant|labou?r|contractions|induction|pain|painful|hurts|hurting|sore|day|week|night|shift|crying|screaming|colic|teething|regression|engorgement|engorged|mastitis|infection|antibiotics|exams?|semester|visit|trip|meeting|heatwave|lockdown)\b/;

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

function thirdPersonFrame(s: Sentence, start: number): boolean {
  const c = clauseBounds(s, start);
  for (let i = start - 1; i >= c.start; i--) {
    const w = s.tokens[i];
    if (FIRST.test(w)) return false;
    if (THIRD_SUBJECT.test(w)) return true;
  }
  return false;
}

// ------------------------------------------------------------------ self families

const WANT = alt([
  'want', 'wanted', 'wanting', 'wanna', 'wish', 'wished', 'wishing', 'would rather', 'd rather', 'id rather', 'rather', 'would prefer',
  'long', 'longing', 'ready', 'need', 'needed', 'needing', 'hope', 'hoping', 'hoped', 'pray', 'praying', 'prayed', 'would like', 'd like',
  'would love', 'tempted', 'just want', 'desperate', 'begging',
]);
const GONE = alt([
  'die', 'be dead', 'be dead already', 'not be alive', 'not be alive anymore', 'not live', 'not live anymore', 'stop living', 'stop existing',
  'cease to exist', 'not exist', 'not exist anymore', 'no longer exist', 'not be here', 'not be here anymore', 'no longer be here',
  'not be around anymore', 'be gone', 'be gone forever', 'be gone for good', 'be gone permanently', 'go away forever', 'go away for good',
  'disappear forever', 'disappear for good', 'disappear permanently', 'vanish forever', 'vanish for good', 'vanish permanently',
  'never wake up', 'never wake up again', 'not wake up', 'not wake up again', 'not to wake up', 'never have to wake up', 'not have to wake up again',
  '(?:go to |fall )?(?:sleep|asleep) (?:and|&) (?:just |then |simply )?(?:never|not) wake(?: up)?', '(?:go to |fall )?(?:sleep|asleep) (?:and|&) (?:just |then |simply )?(?:never|not) (?:come back|wake again)',
  'sleep forever and never wake up', '(?:go to sleep and )?stay asleep (?:forever|for good|for ever)', '(?:go to )?sleep (?:for good|permanently)', 'rest forever', 'fade away(?: (?:and|&) (?:not|never) come back)?', 'slip away', '(?:go away|leave|disappear) (?:and|&) (?:not|never) come back', 'end it', 'end it all', 'end everything', 'end things', 'end my life', 'end my own life', 'take my life',
  'take my own life', 'kill myself', 'commit suicide', 'be with (?:my )?(?:nan|nana|nanna|gran|granny|grandma|grandad|grandpa|dad|mum|mom) in heaven',
]);

/** Adverbs that sit inside a condition without changing it ("if I just didn't wake up"). */
const COND_ADV = '(?:(?:just|simply|quietly|finally|really|actually|literally|honestly|kind of|kinda|sort of|one day|someday|some day|tonight|tomorrow|suddenly) ){0,2}';
/** Being dead or gone, as a past-tense condition: "if I didn't wake up", "if I was gone". */
const GONE_IF = alt([
  'did not wake up', 'did not wake', 'never woke up', 'never woke', 'did not wake up again', 'never woke up again', 'went to sleep and (?:did not|never) wake up',
  'fell asleep and (?:did not|never) wake up', 'died', 'was dead', 'were dead', 'was gone', 'were gone', 'was gone for good', 'was gone forever',
  'was not here', 'were not here', 'was not here anymore', 'was not around', 'were not around', 'was no longer here', 'were no longer here',
  'was no longer around', 'disappeared', 'vanished', 'stopped existing', 'did not exist', 'no longer existed', 'was never born', 'had never been born',
  'never came back', 'did not come back', 'did not come home', 'slipped away', 'faded away', 'ended it', 'ended it all', 'ended things',
  'ended everything', 'ended my life', 'took my life', 'took my own life', 'killed myself', 'was not alive', 'stopped breathing',
  'got hit by a (?:bus|car|truck|lorry|train)', 'got run over', 'got sick and died', 'did not make it', 'did not survive',
  'die', 'am dead', 'am gone', 'am not here', 'am not around', 'do not wake up', 'never wake up', 'disappear', 'vanish', 'stop existing',
]);
/** A way of dying, as the condition of a burden belief or a rhetorical question: "if I walked into the sea". */
const METHOD = alt([
  '(?:walked|walk|went|wandered|waded|swam|ran|drove|stepped) (?:out )?(?:into|in to|off into|under) (?:the |a |oncoming )?(?:sea|ocean|river|lake|water|waves|traffic|road|motorway|highway|freeway|train|bus|canal)',
  `(?:jumped|jump|threw myself|leapt|leaped|fell|stepped) (?:off|from) (?:a |the |that |our |my |this )?(?:top of (?:the |a )?)?(?:${HIGH_PLACE})`,
  '(?:jumped|jump|threw myself|stepped|walked|lay down|lied down) (?:out )?(?:in front of|under|onto|on to) (?:a |the |an |oncoming )?(?:train|trains|bus|lorry|truck|car|cars|traffic|tracks|railway|tube)',
  '(?:drove|crashed|swerved|steered|veered)(?: the car| my car)? (?:off|into|in to) (?:a |the |an |oncoming )?(?:bridge|cliff|tree|wall|river|lake|sea|traffic|truck|lorry|barrier|edge|overpass|pole|lamp post|embankment)',
  `(?:took|swallowed|downed|necked) (?:all|every one|a whole bottle|the whole bottle|a handful|the lot|a bunch|loads|all of|the whole packet|a whole packet|the whole box|a whole box)(?: of)? (?:my |the |those |these )?(?:\\S+ )?${MEDS}`,
  'overdosed', 'took an overdose', 'hanged myself', 'hung myself', 'drowned myself', 'slit my wrists', 'gassed myself', 'jumped',
]);

const SELF_STRONG: Family[] = [
  {
    id: 'wish-dead',
    concept: 'crisis-self',
    masks: DEATH_IDIOMS,
    accept: (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/\bwake( up)?$/.test(span)) return notWakeQualified(c);
      // "... not a vacation, just a nap": the everyday reading comes back; ask.
      if (/\b(vacation|holiday|break|trip|weekend|getaway|nap|spa day|night away|night off|rest|day off|lie in|lay in|staycation)$/.test(span) && /\b(just|only) (a |an |some |one )?(nap|sleep|rest|break|night|day|hour|minute|bit|lie in|weekend|quiet)\b/.test(c.s.tokens.slice(c.end).join(' '))) return 'crisis-self-soft';
      return true;
    },
    patterns: [
      rx(`${WANT} (?:that )?(?:i could |i would |i can |i might |id |i d )?(?:to |for )?(?:(?:just|simply|finally|honestly|really|quietly|peacefully|all|sometimes|kind of|kinda|actually|literally|to) ){0,3}${GONE}`),
      rx(`(?:wish|wished|wishing|hope|hoping|pray|praying|rather|would rather) (?:that )?(?:i|i could|i would|id|i d) (?:just )?(?:was|were|be|could be|had been)? ?(?:dead|gone forever|gone for good|never born|not born|not alive|no longer alive|in a coma|six feet under|never existed|did not exist)`),
      rx('(?:wish|wished|wishing) i (?:had|would have|d have) (?:never been born|never existed|died|not woken up|not survived|not made it|never woken up)'),
      rx('(?:hope|hoping|pray|praying|wish|wishing) (?:that )?(?:this|tonight|today) (?:is|will be|was) (?:the|my) last'),
      rx('(?:hope|hoping|pray|praying|wish|wishing) (?:that )?something (?:bad )?(?:happens|would happen|will happen|kills|would kill) (?:to )?me'),
      rx('(?:hope|hoping|pray|praying|wish|wishing) (?:that )?(?:i|i would|i will|i could) (?:get|got) (?:hit|run over|killed|cancer|sick and die)'),
      // "I want to disappear. like for good, not a vacation": fillers between the wish and its permanence.
      rx(`${WANT} (?:to )?(?:just )?(?:disappear|vanish|be gone|go away|not exist|not be here|leave)(?: (?:like|just|really|honestly|literally|i mean|you know|as in|and|so|,)){1,3} (?:for good|forever|for ever|permanently|for always)`),
      // "... not a vacation", "and I don't mean a holiday": the everyday reading is ruled out by the parent.
      rx('(?:want|wanted|wanna|need|wish|wishing) (?:to )?(?:just )?(?:disappear|vanish|go away|run away|escape|be gone|not be here)(?: (?:like|just|really|honestly|literally|i mean|you know|and|so|,|for good|forever|permanently)){0,4} (?:and |but |, )?(?:not|i do not mean|do not mean|i mean not|and not|but not) (?:like |just |even )?(?:on |for )?(?:a |an )?(?:vacation|holiday|break|trip|weekend|getaway|nap|spa day|night away|night off|rest|day off|lie in|lay in|staycation)'),
      rx('(?:do not|does not) care (?:if|whether) i (?:live|die|wake up|am alive|survive|make it)'),
      rx('(?:would not|wouldnt|would no) (?:mind|care) (?:if i|dying|not waking|never waking)(?: \\S+){0,2} (?:died|die|dead|not wake|never woke|never wake|did not wake|waking up)'),
    ],
  },
  {
    id: 'passive-wish',
    concept: 'crisis-self',
    masks: DEATH_IDIOMS,
    patterns: [
      rx('(?:would be|d be|it would be|it d be|is|was|be) (?:ok|okay|fine|alright|all right|a relief|good|better|peaceful) (?:with it |by me |honestly )?if (?:that was it|this was it|it was all over|i (?:did not|didn t|didnt|never) (?:wake|woke|recover|recovered|make it|made it|come back|survive|survived)|i (?:got|get|caught|had) (?:sick|ill|hit|cancer|something)(?: \\S+){0,3} (?:and|&) (?:did not|didn t|didnt|never|could not) (?:recover|make it|survive|get better|wake)|i (?:died|was gone|stopped existing|was not here|just went|never came back))'),
      rx('(?:wonder|wondering|wondered|think about|thinking about|imagine|imagining) (?:what it would be like|how it would feel|how nice it would be) (?:to|if i) (?:just |could )?(?:not exist|not be here|be dead|die|died|disappear|was gone|were gone|stop existing|not wake up|never wake up|was dead|were dead|did not exist)'),
      rx('(?:want|wish|pray|praying|prayed|hope|hoping|beg|begging|asking) (?:for )?(?:god|the universe|someone|something|death|jesus|the lord) (?:to |would |will |could )?(?:take me|come for me|end it|let me die|take me away|make it stop for good)'),
      rx('(?:please |god |just )?let me (?:die|just die|not wake up|sleep forever|go for good|be dead|disappear forever)'),
      rx('(?:i|i feel like i|i feel i|i keep thinking i|i know i) (?:should not|shouldn t|shouldnt|do not deserve to|don t deserve to|dont deserve to|have no right to) (?:be here|exist|be alive|live|be around|still be here|be on this earth)(?: anymore| any more)?'),
      rx('(?:the world|everyone|nobody|no one|my family) (?:does not|doesn t|do not|would not|wouldnt) (?:need|want|notice|miss) me(?: anymore| any more| here| around)?'),
      rx('(?:i do not|i don t|i dont) (?:belong|fit) (?:here|in this world|anywhere)(?: anymore| any more)?'),
      rx('(?:not|no longer|am not) (?:scared|afraid|frightened) of (?:dying|death|being dead)(?: anymore| any more)?'),
      rx('(?:kind of|sort of|almost|actually|part of me|secretly) (?:want|wants|wanted|welcome|welcomes|look forward to|looking forward to|long for|longing for) (?:it|death|that|to die|dying)'),
      // "it'd be fine if I just didn't wake up", "a relief for everyone if I walked into the sea"
      rx(`(?:would be|d be|it would be|it d be|is|was|be) (?:ok|okay|fine|alright|all right|a relief|good|better|peaceful|easier|nice|simpler) (?:with it |by me |honestly |for everyone |for everybody |for them |for all of them )?if i ${COND_ADV}(?:${GONE_IF}|${METHOD})`),
      // Rhetorical: "would it be so bad if I just didn't wake up", "would it even matter if I died"
      rx(`(?:would|will|is|does|could) (?:it|that) (?:really |even |honestly |actually |truly )?(?:be )?(?:so |that |really |even |such |the )?(?:bad|wrong|terrible|awful|a bad thing|bad thing|the worst thing|worst thing|matter|make a difference|make any difference|change anything|hurt anyone|be a loss)(?: \\S+){0,2} if i ${COND_ADV}(?:${GONE_IF}|${METHOD})`),
      rx(`(?:what difference would it make|what would it matter|who would (?:even |really |actually )?(?:care|notice|miss me)|would (?:anyone|anybody) (?:even |really |actually )?(?:care|notice|miss me)|does (?:anyone|anybody) (?:even )?care)(?: \\S+){0,3} if i ${COND_ADV}(?:${GONE_IF}|${METHOD})`),
    ],
    accept: (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/\bif i\b/.test(span)) return conditionAccept(c, span);
      if (/^(not|no longer|am not) (scared|afraid|frightened)/.test(span)) return /\b(in childbirth|of giving birth|labour|labor|delivery|surgery|c section)\b/.test(c.s.text) ? false : 'crisis-self-soft';
      if (/(want|wants|wanted|welcome|welcomes|look forward to|looking forward to|long for|longing for) (it|that)$/.test(span)) return /\b(die|dying|death|dead|gone|end|not wake)\b/.test(c.s.text) ? true : false;
      if (/^(the world|everyone|nobody|no one|my family) /.test(span)) return /\b(need|miss) me\b/.test(span) ? true : 'crisis-self-soft';
      if (/^(i do not|i don t|i dont) (belong|fit)/.test(span)) return 'crisis-self-soft';
      if (/let me (die|just die)$/.test(span) && LAUGH.test(c.s.raw)) return 'crisis-self-soft';
      return true;
    },
  },
  {
    id: 'not-wake-up',
    concept: 'crisis-self',
    patterns: [
      rx('(?:wish|wished|wishing|hope|hoped|hoping|pray|prayed|praying) (?:that )?(?:i |i will |i would |i just |id |i d )?(?:do not|did not|will not|would not|never|just do not|just never) (?:ever )?(?:wake up|wake|woke up|woke)'),
      rx('(?:never|do not|did not) want to (?:ever )?wake up (?:again|ever|ever again|anymore|any more|tomorrow|at all)'),
      rx('never want to wake up'),
      rx('(?:be |would be |it would be )?(?:a relief|nice|easier|better|peaceful|ok|okay|fine) (?:to |if i )?(?:never|not|did not|didnt|do not) (?:to )?wake up'),
    ],
    accept: notWakeQualified,
  },
  {
    id: 'done-with-life',
    concept: 'crisis-self',
    patterns: [
      rx('(?:done|finished|through) (?:with )?(?:being alive|living|life|existing|this life|being here|being a person|breathing|it all for good)'),
      rx('(?:tired|sick|weary|exhausted) of (?:being alive|living|life|existing|being here|breathing|this life|my life)'),
      rx('had enough of (?:life|living|being alive|existing|this life|my life)'),
      rx('(?:i am|i m|am|so|just|honestly) over (?:being alive|living|life|existing)'),
      rx('(?:can not|could not|can no longer) (?:keep living|be alive|keep being alive|exist|keep existing|do life|carry on living|go on living)(?: like this)?(?: anymore| any more)?'),
      rx('(?:do not|does not|no longer) want (?:a |my )?(?:life|future)'),
      rx('(?:stopped|stop|have stopped|no longer|not) (?:wanting|want) to (?:be alive|live|exist|be here|keep living|go on)'),
      rx('(?:do not|can not|no longer) see (?:a |any )?future (?:for me|for myself|ahead)'),
      rx('(?:life|living|my life|being alive|existing) (?:is not|is no longer|isnt|is not even|feels not|does not feel|do not feel) worth (?:it|living|anything|the effort|the pain)'),
      rx('what is (?:even |really |just |actually |honestly )?the point (?:of|in) (?:me|living|life|being alive|going on|existing|being here|carrying on|me being here|my life)'),
      rx('(?:death|dying|being dead|not existing|not being here|not waking up|not being alive|ending it) (?:\\S+ )?(?:would be|would feel|feels|sounds|seems|looks|is|would) (?:like )?(?:such )?(?:a |the |my )?(?:relief|release|peaceful|peace|better|easier|only (?:way|option|answer|way out|choice)|way out|answer|appealing|tempting|nice|welcome|escape|rest|best option|best thing|solution)'),
      rx('(?:i|i am|i m) (?:ready|prepared) to (?:go|die|leave this world|be gone)'),
      rx('want out (?:of )?(?:life|this life|this world|existence|everything|it all|of it all)'),
      rx('(?:no|not any|not a|lost the|lost any|see no|without any) (?:reason|point|will|desire|wish|want) (?:to |in |of |for )?(?:keep )?(?:live|living|go on|going on|being alive|being here|life|carrying on|existing|staying alive|exist|wake up)'),
    ],
    accept: (c) => {
      const a = c.after[0] ?? '';
      // "tired of living in this flat", "done with life admin", "sick of life as a milk cow"
      if (/^(in|at|with|on|near|here|there|room|arrangements?|situation|costs?|expenses|admin|insurance|as|like|without|off|out|away|under|abroad)$/.test(a) && !/\b(this|my) life\b|\blike this\b/.test(c.s.tokens.slice(c.start, c.end).join(' '))) {
        return a === 'like' ? 'crisis-self-soft' : false;
      }
      return true;
    },
  },
  {
    id: 'time-to-go',
    concept: 'crisis-self',
    masks: DEATH_IDIOMS,
    patterns: [
      // "thinking it's time to just end it", "I feel like it's my time to go", "decided it's time to die"
      rx('(?:thinking|think|thought|feel|feeling|felt|know|knowing|decided|deciding|realised|realized|believe|sure|guess|feels like|feel like|feeling like|felt like|maybe) (?:that |like )?(?:maybe )?(?:it is |its |it s |it was |it might be |it may be |it could be |now is |this is )?(?:my |the )?time (?:for me )?to (?:just |finally |really |actually |quietly |maybe )?(?:end it all|end it|end things|end everything|end my life|end my own life|die|kill myself|take my life|take my own life|leave this world|check out|go to sleep forever|sleep forever|go to sleep and not wake up|not wake up|go for good|go forever|go|leave|say goodbye|give up|let go|stop fighting|stop trying|bow out|be done)'),
      // "it's time I ended it all", "I think it's time I was gone"
      rx('(?:it is |its |it s |it was |maybe it is |about )?time (?:that )?i (?:just |finally )?(?:ended it all|ended it|ended things|ended everything|ended my life|killed myself|died|was gone|was dead|went for good|checked out|was not here)'),
    ],
    accept: (c) => {
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
  },
  {
    id: 'stop-for-good',
    concept: 'crisis-self',
    patterns: [
      rx('(?:want|wanted|need|needed|wish|make|for|just want|wanting) (?:it all|all of it|everything|all of this|all this|this all|the world|life|my life|the thoughts|the noise|my brain|my head|the pain in my head|my thoughts|existence|the whole thing) (?:to |would |will )?(?:just )?(?:stop|end|be over|go away|go quiet|switch off|shut off|turn off|go silent|finish|stop existing)(?: \\S+){0,6} (?:permanently|forever|for good|for ever|once and for all|for always)'),
      rx('(?:permanent|forever|eternal) (?:sleep|rest|escape|way out|exit|silence|solution to (?:everything|it all|all of this|my life))'),
      rx('(?:want|wanted|need|wish|wanting) (?:it all|all of it|everything|all of this|all this|this all|the world|life|my life|the thoughts|the noise|my brain) (?:to |would |will )?(?:just )?(?:stop|end|be over|go away|switch off|shut off|turn off)'),
      rx('(?:want|wanted|wish|wishing|wished|hope|hoping) (?:that )?(?:it|this|everything) (?:would |will |could |to )(?:all |just |all just )(?:end|be over)'),
      rx('(?:want|wish|need|pray|hope) is (?:for )?(?:it all|all of it|everything|all of this|all this|this all|my life) (?:to |would )?(?:just )?(?:end|be over)'),
    ],
    accept: (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/\b(leak|leaks|leaking|dripping|drip|hurting|aching|bleeding|spraying|crying|screaming|pumping|feeding|waking)\b/.test(span)) return false;
      if (/^(leak|leaks|leaking|dripping|hurting|aching|bleeding|spraying|crying|screaming|pumping|feeding|waking|soaking|happening|coming|up)$/.test(c.after[0] ?? '')) return false;
      // "I want everything to be over with the weaning by Christmas": the thing that should end is named.
      if (/^(with|by|on|in|at|before)$/.test(c.after[0] ?? '') && OTHER_ENDING.test(c.after.join(' '))) return false;
      if (!/\b(permanently|forever|for good|for ever|once and for all|for always|permanent|eternal)\b/.test(span)) return wholeLifeEnding(c, span) ? true : 'crisis-self-soft';
      return true;
    },
  },
  {
    id: 'burden',
    concept: 'crisis-self',
    patterns: [
      rx('better off (?:dead|without me|if i (?:was|were|am|m) (?:dead|gone|not here|not around|never born|no longer here)|with me (?:gone|dead|out of the (?:picture|way))|without me (?:around|here|in the picture))'),
      rx('(?:would|will|d|could|might) (?:all |honestly |probably |really |so much |be so much |even )?(?:be |do |cope |manage |get on |live )?(?:better|happier|easier|fine|okay|ok|alright|all right|just fine|better off)(?: \\S+){0,2} (?:without me|if i (?:ended it|ended it all|ended things|ended everything|ended my life|took my life|took my own life|killed myself|did it|was to die|were to die)|if i (?:was|were|am|m|had) (?:gone|dead|not here|not around|never born|never been born|died|no longer here)|with (?:me|mummy|mommy|mum|mom) (?:gone|dead|out of the (?:picture|way)))'),
      rx('(?:nobody|no one|noone|none of them|not one person|not a single person|no body) (?:would|will|d|is going to|would ever|will ever) (?:even |really |actually |ever )?(?:miss|mourn|remember) me'),
      rx('(?:nobody|no one|noone|none of them|no body) (?:would|will|d|is going to) (?:even |really |actually |ever )?(?:notice|care|mind)(?: \\S+){0,2} (?:if|when|that) i (?:was|were|am|m|died|disappeared|vanished|left for good|killed myself|did not wake up|stopped existing)'),
      rx('(?:if|when|once) i (?:ended it|ended it all|ended things|ended everything|ended my life|took my life|took my own life|killed myself|did it|was to die|were to die|died|was dead|were dead|was gone|were gone|did not wake up|was not here|were not here|was not around|were not around|disappeared|vanished|killed myself|was no longer here|were no longer here|stopped existing|stopped being here|stopped being alive|stopped being around|was out of the picture|were out of the picture|was out of the way|were out of the way|was not around anymore|was never born|had never been born)'),
      rx('(?:would|will|d) (?:be|do|have it|manage|cope) (?:so much |much |a lot |far |way )?(?:better|happier|easier) (?:off )?(?:with (?:their|his|her|my|the|our) (?:dad|father|daddy|grandparents|nan|gran|granny|grandma|husband|partner|aunt|auntie)(?: alone| on his own| by himself| on their own| instead of me)?|with someone else|with a different (?:mum|mom|mother)|with another (?:mum|mom|mother|woman))'),
      rx('(?:would|will|d) (?:have|get) (?:a |such a )?(?:better|happier|easier|nicer) (?:life|mum|mom|mother|childhood|chance|family)(?: \\S+){0,3} (?:without me|with someone else|with another|if i (?:was|were|am|m) (?:gone|dead|not here|not around|never born|out of the picture))'),
      rx('(?:everyone|everybody|my family|they|my baby|the baby|my kids|my husband|my partner|the world|he|she) (?:would|will) be better off\\b(?! (?:with (?:formula|a bottle|the bottle|bottles)|if (?:we|you|i) (?:switch|stop|wean|use|tried|try|went|go)))'),
      rx('(?:i am|i m|i feel like|i feel) (?:just |such |only )?(?:a )?(?:waste of (?:space|oxygen|air|a life|life)|a burden (?:to|on) (?:everyone|everybody|my family|them|my husband|my partner|the world))'),
    ],
    accept: (c) => {
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
  },
  {
    id: 'burden-condition',
    concept: 'crisis-self',
    masks: DEATH_IDIOMS,
    patterns: [
      // A burden belief whose condition is a way of dying or being gone: "no one would even notice if I
      // walked into the sea", "they'd all be fine if I just didn't wake up".
      rx(`(?:nobody|no one|noone|no body|none of them|not one person|not a single person) (?:would|will|d|is going to|would ever|will ever) (?:even |really |actually |ever |honestly )?(?:notice|care|mind|miss me|realise|realize|know|be sad|cry|come looking|bat an eye|blink)(?: \\S+){0,3} (?:if|when) i ${COND_ADV}(?:${METHOD}|${GONE_IF})`),
      rx(`(?:everyone|everybody|my family|they|my baby|the baby|my kids|my husband|my partner|the world|he|she|we|all of them) (?:would|will|d) (?:all |honestly |probably |really |even |just |so much )?(?:be )?(?:better off|fine|just fine|okay|ok|happier|better|easier|move on|get over it|cope|manage)(?: \\S+){0,3} (?:if|when) i ${COND_ADV}(?:${METHOD}|${GONE_IF})`),
    ],
    accept: (c) => conditionAccept(c, c.s.tokens.slice(c.start, c.end).join(' ')),
  },
  {
    id: 'thinking-of-death',
    concept: 'crisis-self',
    masks: DEATH_IDIOMS,
    patterns: [
      rx('(?:think|thinking|thought|thoughts|dream|dreams|dreaming|dreamt|dreamed|daydream|daydreaming|fantasi[sz]e|fantasi[sz]ing|obsess|obsessing|preoccupied|fixated|fixating) (?:a lot |all the time |constantly |so much |every day |every single day |non stop )?(?:about|of|with) (?:not existing|not being alive|not being here|not being around|being dead|dying|my death|my own death|ending it|ending things|ending my life|ending everything|ending it all|killing myself|suicide|disappearing forever|not waking up|never waking up|my funeral|being gone|taking my life|taking my own life|jumping|hanging myself|overdosing|cutting myself)'),
      rx('(?:suicidal|suicide) (?:thoughts|ideation|feelings|urges|plans?)'),
      rx('thoughts? (?:that|like) i (?:should|could|might|want to|need to|would be better off if i) (?:die|kill myself|end it|not be here|disappear|be dead|hurt myself)'),
    ],
    accept: (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      // "thinking about dying my hair"
      if (/\bdying$/.test(span) && /^(my|the|it|her|his|them|a|some|our)$/.test(c.after[0] ?? '')) return false;
      if (/\bjumping$/.test(span) && /^(back|in|into|on|onto|up|around|rope|jacks|ship|the gun|at)$/.test(c.after[0] ?? '')) return false;
      return true;
    },
  },
  {
    id: 'means-quantity',
    concept: 'crisis-self',
    patterns: [
      rx(`(?:how many|how much|what amount of|what number of|amount of|number of|enough|a lethal dose of|lethal dose of|a fatal dose of|fatal dose of|an overdose of|overdose on|od on|overdosing on|overdosed on|too many|too much|all of my|all my|all the|every one of my|every single|every|the whole (?:packet|box|bottle) of|a whole (?:packet|box|bottle) of|a handful of|handfuls of) (?:of )?(?:my |the |these |those |his |her )?(?:\\S+ )?${MEDS}`),
      rx(`${MEDS}(?: \\S+){0,4} (?:lethal|fatal|deadly|overdose|to die|to not wake up|to never wake up|to end it|would kill|to kill|stop (?:your|my|a|the) heart|kill you|are fatal|is fatal)`),
      rx(`(?:bought|buying|buy|got|getting|picked up|stocked up on|stocking up on) (?:extra|more|lots of|loads of|a lot of|several (?:packs|packets|boxes) of|(?:packs|packets|boxes|bottles) of|enough) ${MEDS}(?: \\S+){0,5} (?:so i have enough|enough to|to have enough|just in case|for later|for when|for tonight|for myself)`),
      rx(`${MEDS}(?: \\S+){0,6} (?:keep|kept|keeps) (?:looking at|staring at|thinking about|counting) (?:it|them)`),
      rx(`(?:keep|kept) (?:looking at|staring at|thinking about|counting) (?:the |my |his |her |that |those )?(?:bottle of |box of |packet of )?${MEDS}`),
    ],
    accept: (c) => {
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
  },
  {
    id: 'means-stockpile',
    concept: 'crisis-self',
    patterns: [
      rx(`(?:stockpil\\w*|hoard\\w*|stash\\w*|saving up|saved up|been saving|save up|collecting|collected|squirrel\\w* away|put aside|putting aside|setting aside|set aside|hiding|hid|hidden|keeping|kept|counting|counted|lined up|lining up|laid out|laying out) (?:all |up |away |some |a few |enough )?(?:of )?(?:my |the |a |some |his |her )?(?:stash of |pile of |bunch of |load of |supply of |box of |bottle of |packet of )?${MEDS}`),
      rx(`${MEDS}(?: \\S+){0,2} (?:lined up|laid out|counted out|saved up|stashed|stockpiled|hoarded|hidden away|ready to take|all ready)`),
      rx('(?:bought|buying|got|have|ve got|getting) (?:a |some )?(?:rope|razor blades?|a hose|charcoal)(?: \\S+){0,3} (?:for|to) (?:myself|end|do it|hang|use on myself)'),
      rx('(?:i have|i ve got|i got|have got) (?:the )?(?:means|rope|pills ready|tablets ready|a stash)'),
    ],
    accept: (c) => {
      if (/\b(vitamin|vitamins|prenatal|supplements?|iron|probiotic|folic|omega|fish oil|from (the |my )?(toddler|kids|children|baby|dog|cat)|out of reach|safe place|childproof|locked|organiser|organizer|pill box|pillbox|weekly|for (the|my) (week|trip|holiday)|antibiotics?|birth control|contraceptive)\b/.test(c.s.text)) return false;
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/^(keeping|kept|hiding|hid|hidden|counting|counted)\b/.test(span)) return 'crisis-self-soft';
      return true;
    },
  },
  {
    id: 'means-height-road',
    concept: 'crisis-self',
    patterns: [
      rx(`(?:jump|jumping|jumped|throw myself|throwing myself|threw myself|fling myself|flinging myself|let myself fall|letting myself fall|leap|leaping|leapt|fall|falling|step|stepping|stepped|walk|walking|walked|go|going) (?:off|from|over) (?:the |a |that |our |my |this |of the |of a )?(?:top of (?:the |a )?)?(?:${HIGH_PLACE})`),
      rx('(?:step|stepping|stepped|walk|walking|walked|jump|jumping|jumped|throw myself|throwing myself|threw myself|lie|lying|lay|laying|lie down|lay down) (?:in front of|under|onto|on to|out in front of|down on) (?:a |the |an |oncoming |some )?(?:train|trains|bus|buses|lorry|truck|car|cars|traffic|tracks|railway|tube)'),
      rx('(?:walk|walking|walked|wade|wading|waded|swim|swimming|drive|driving|drove) (?:out )?into (?:the )?(?:sea|river|lake|ocean|traffic|oncoming traffic|the water)'),
      rx('(?:swerve|swerving|swerved|drive|driving|drove|crash|crashing|crashed|steer|steering|steered|veer|veering|veered|plough|ploughing|plow|plowing) (?:my car |the car |myself |us |the car off |off )?(?:into|off|in front of|under|across) (?:a |the |an |oncoming |some )?(?:wall|tree|bridge|traffic|truck|lorry|river|cliff|pole|barrier|lake|sea|road|motorway|overpass|oncoming traffic|bus|ditch|edge|central reservation|lamp post|lamppost|embankment)'),
      rx('(?:think|thinking|thought|urge|urges|want|wanted|wanting|tempted|imagine|imagining|imagined|picture|picturing|feel like|felt like|nearly|almost|could just|could easily|easy it would be to|how easy it would be to|close to|fantasi[sz]e|fantasi[sz]ing|fantasi[sz]ed|dream|dreaming|daydream|daydreaming) (?:about |of |to )?(?:swerving|swerve|crashing|crash|driving off|drive off|veering|veer|steering|steer|jumping|jump|throwing myself|throw myself|letting go|let go|stepping off|step off|stepping out|step out|falling|fall|leaning over|lean over|going over the edge|go over the edge|not stopping|not braking|flooring it|driving into|drive into|walking into|walk into|going over|go over|falling off|fall off)'),
      rx(`(?:stood|standing|stand|sat|sitting|went up to|go up to|going up to|went to|drove to|walked to|go to|going to|drove up to|walked up to|climbed|climbing|looked over|looking over|looked down from|looking down from|leaning over|leaned over|hanging over|stared over|staring over|staring down|stared down)(?: \\S+){0,5} (?:${HIGH_PLACE})`),
      rx('(?:pulled|drawn|pulling|drawing|pull|draw|drift|drifting|drifted|urge to step) (?:me )?(?:towards|toward|to|closer to) (?:the )?(?:edge|tracks|train|traffic|road|water|drop|railing|ledge)'),
      rx('how easy it would be to (?:die|jump|let go|end it|step off|step out|crash|swerve|not come back|drive off|take (?:them )?all|fall|disappear|just go|stop breathing|not be here|end everything|end things|do it)'),
    ],
    accept: (c) => {
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
  },
  {
    id: 'plan',
    concept: 'crisis-self',
    patterns: [
      rx('(?:planned|planning|plan|planned out|worked out|working out|figured out|figuring out|decided|deciding|thought about|thinking about|think about|thought through|know|knowing|researched|picked|chosen|chose|keep thinking about|been thinking about) (?:exactly )?(?:how|when|where|the way|the best way|a way) (?:i would|i d|id|i will|i ll|ill|i could|i am going to|i m going to|i can|to|i might|i should)? ?(?:do it|end it|go|do this|finish it|kill myself|make it look|not be found|get it done|finish things|end things|end my life|not wake up)'),
      rx('(?:picked|chosen|chose|set|decided on|settled on|worked out) (?:a|the) (?:day|date|time|night|place|spot|method|way)'),
      rx('(?:have|got|made|making|make|ve got|had) (?:a|the) (?:plan|means|method|way) (?:to|for|of) (?:end|ending|kill|killing|die|dying|do it|doing it|take my|taking my|not be here|not wake|end things|finish it)'),
      rx('(?:might|going to|gonna|will|could|ready to|about to) (?:actually |really |finally |just )?do it (?:this time|tonight|today|soon|for real)'),
      rx('(?:i have|i ve got|i got|i ve made|i made|i have made) (?:a |my )?plan\\b'),
    ],
    accept: (c) => {
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
  },
  {
    id: 'goodbye',
    concept: 'crisis-self',
    patterns: [
      rx('goodbye (?:letters?|notes?|messages?|texts?|videos?|cards?|emails?|posts?)'),
      rx('(?:after|when|once|for when|for after|in case|by the time|before) i (?:am|m|have|ve) (?:gone|dead|no longer here|no longer around|passed|died|not around anymore|not around any more|not here anymore|not here any more)'),
      rx('in case i (?:do not|don t|dont|didn t|did not|can not) (?:make it|survive|come back|wake up|get through (?:this|it|the week|the night|tonight))'),
      rx('(?:who gets what|where everything is|passwords|my will|what the baby needs|how to look after the baby)(?: \\S+){0,4} (?:when|after|once|if) i (?:am|m|die|go|have gone)'),
      rx('(?:letter|note|message)(?: \\S+){0,3} explaining (?:everything|why|it all|my reasons)'),
      rx('(?:after|when|once) i (?:die|kill myself|end it|do it|am not alive|m not alive)'),
      rx('(?:said|say|saying|says) (?:all )?(?:my )?goodbyes'),
      rx('(?:said|say|saying|says) goodbye (?:to (?:everyone|everybody|the world|life|my family|them all|you all|this world|this life)|forever|for good|for the last time|one last time|in my head)'),
      rx('(?:wrote|written|writing|write|left|leaving|leave|recorded|recording|record|started|finished|drafted|drafting) (?:to write |writing )?(?:a |some |the |my |last )?(?:note|notes|letter|letters|message|messages|video|videos|will)(?: \\S+){0,8} (?:gone|goodbye|why i did|why i had to|when i am not|when i m not|after i die|i am sorry for everything|to find|explaining why|for after|when i am dead|when i am gone|in case i)'),
      rx('(?:please )?tell (?:my |the )?(?:baby|son|daughter|kids|children|husband|partner|wife|mum|mom|family|parents|boys|girls|him|her|them|everyone) (?:that )?i (?:loved|was sorry|did my best|really loved|always loved|tried my best|am sorry)'),
      rx('(?:giving|given|gave|give) away (?:all )?(?:of )?(?:my )?(?:things|stuff|belongings|possessions|jewellery|jewelry|everything|treasured)'),
      rx('(?:affairs|everything|things|my life) in order'),
      rx('this is (?:my|the) (?:last|final) (?:message|goodbye|night|day|post)'),
    ],
    accept: (c) => {
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
  },
  {
    id: 'self-harm',
    concept: 'crisis-self',
    patterns: [
      rx('(?:cut|cutting|cuts|sliced|slicing|slice|carved|carving|burned|burnt|burning|burn|hit|hitting|punched|punching|punch|bit|biting|bite|hurt|hurting|harmed|harming|harm|injured|injuring|starved|starving|starve|strangled|strangling|choked|choking|suffocate|suffocating|drown|drowning|poison|poisoning|gas|gassing|hang|hanging|hanged|kill|killing|punish|punishing|beat|beating|bruise|bruising|scratched|scratching|scratch|stabbed|stabbing|stab|overdosed|overdosing) myself'),
      rx('(?:cutting|self harming|harming myself|hurting myself|sh) again'),
      rx('(?:started|start|starting|begun|began|back to|gone back to|went back to|relapsed|relapsing|relapse|been|keep|kept|still|caught myself) (?:into |on |with |to )?(?:cutting|self harming|self harm)'),
      rx('(?:i |i have |i ve |i have been |i ve been |been |keep |kept |started |i just )(?:cut|cutting|sliced|slicing|slashed|slashing|scratched|scratching|carved|carving|burned|burnt|burning) (?:into |up |at )?(?:my |both )?(?:own )?(?:arm|arms|wrist|wrists|forearm|forearms|thigh|thighs|leg|legs|skin|stomach|hips?|belly)'),
      rx('(?:urge|urges|want|wanting|wanted|need|needing|tempted|itching|craving|feel like|felt like) to (?:cut|self harm|bleed|burn myself|hurt myself|harm myself|punish myself)'),
      rx('(?:razor|razors|blade|blades|razor blade|razor blades)(?: \\S+){0,5} (?:arm|arms|wrist|wrists|skin|thigh|thighs|cut|cutting|myself|hidden|hide|hiding|bleed|bleeding)'),
      rx('(?:sat|sitting|sit|stood|standing|lay|lying|locked myself|holding|held|hold|staring at|stared at)(?: \\S+){0,7} (?:with|holding) (?:a |the |my )?(?:razor|razor blade|blade|knife|kitchen knife|pair of scissors|scissors|belt|rope|cord)'),
      rx('(?:razor|blade|knife|scissors)(?: \\S+){0,3} (?:to|against|on|across) my (?:wrist|wrists|arm|arms|throat|neck|skin|thigh|thighs)'),
      rx('(?:bang|banging|banged|hit|hitting) my head (?:against|on|off|into) (?:the |a )?(?:wall|walls|floor|door|table)'),
      rx('self (?:harm|harming|harmed|injury|injure|injuring|injured|mutilation|mutilate)'),
      rx('deserve to (?:die|be dead|suffer|be punished|hurt|feel pain|be in pain)'),
      rx('slit (?:my )?wrists?|hang(?:ing)? myself|noose'),
    ],
    accept: (c) => {
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
  },
];

const SELF_SOFT: Family[] = [
  {
    id: 'self-soft',
    concept: 'crisis-self-soft',
    masks: DEATH_IDIOMS,
    patterns: [
      rx('can not (?:do this|do it|take (?:it|this)|cope|handle (?:it|this)|go on like this|keep doing this|live like this|keep going|carry on)(?: anymore| any more| much longer)?'),
      rx('dark (?:thoughts|place)'),
      rx('(?:want|wanted|wanna|need) to (?:run away|disappear|vanish|escape|not be here)'),
      rx('(?:i feel like|feel like) (?:i am |i m )?(?:disappearing|vanishing|giving up on everything|not being here)'),
      rx('i am a burden|a burden to (?:everyone|my family|them)'),
      rx('(?:do|did) not (?:want|wanna) to be here'),
      rx('what is (?:even |really |just |actually |honestly )?the point'),
      rx('(?:no|not any) point (?:in |to )?(?:anything|trying|any of (?:this|it))'),
      rx('(?:do not|can not|cannot|no longer) see (?:the|any) point (?:in |of |to )?(?:anything|trying|any of (?:this|it)|it all)'),
      rx('(?:do not|did not) want to wake up'),
      rx(`${WANT} (?:that )?(?:i could |i would |id |i d )?(?:to )?(?:just )?(?:sleep forever|sleep for ever|go to sleep forever|hibernate forever|stay asleep forever|stay asleep for ever)`),
      rx('(?:deserves?|needs?|would be better off with|would be happier with|should have) (?:a )?(?:better|different|new|another|real|proper) (?:mum|mom|mother|mummy|mommy|parent|wife|person)'),
      rx('(?:nobody|no one|noone) (?:would|will) (?:even )?(?:care|notice)'),
      rx('(?:thinking|think|thought|thoughts) (?:about|of) death'),
      rx('i want out'),
      rx('(?:give|giving|gave) up on (?:life|everything|myself|living)'),
    ],
    accept: (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/^i want out$/.test(span) && !clauseEndsSoon(c, 1)) return false;
      if (/(run away|escape|disappear|vanish)$/.test(span) && /^(to|for|from|into|under|with|on|somewhere|when)$/.test(c.after[0] ?? '')) return false;
      if (/wake up$/.test(span) && !notWakeQualified(c)) return false;
      if (/(sleep forever|sleep for ever|hibernate forever)$/.test(span) && LAUGH.test(c.s.raw)) return false;
      if (/^(nobody|no one|noone) /.test(span) && /^(if|that|whether|about)$/.test(c.after[0] ?? '') && /\b(leak|leaking|leaked|wet|patch|patches|shirt|top|stain|smell|pads?|milk|pump|pumped|pumping|feed|feeds|fed|feeding|formula|bottle|bottles|nursed|nursing|late|early)\b/.test(c.after.join(' '))) return false;
      if (/^(nobody|no one|noone) /.test(span) && !clauseEndsSoon(c, 2) && !/^(if|when|that|about me|whether)$/.test(c.after[0] ?? '')) return false;
      return true;
    },
  },
  {
    id: 'hyperbole',
    concept: 'crisis-self-soft',
    patterns: [HYPERBOLE],
    accept: (c) => !LAUGH.test(c.s.raw) && !/\b(lol|haha|jk|xd)\b/.test(c.s.text),
  },
];

// ------------------------------------------------------------------ baby families

const HARM_VERB = alt([
  'hurt', 'hurting', 'harm', 'harming', 'harmed', 'kill', 'killing', 'killed', 'smother', 'smothering', 'smothered', 'suffocate', 'suffocating',
  'suffocated', 'drown', 'drowning', 'drowned', 'shake', 'shaking', 'shook', 'shaken', 'throw', 'throwing', 'threw', 'thrown', 'hit', 'hitting',
  'strangle', 'strangling', 'strangled', 'stab', 'stabbing', 'stabbed', 'choke', 'choking', 'choked', 'punch', 'punching', 'punched', 'slap',
  'slapping', 'slapped', 'smack', 'smacking', 'smacked', 'squeeze', 'squeezing', 'squeezed', 'crush', 'crushing', 'crushed', 'bash', 'bashing',
  'bashed', 'poison', 'poisoning', 'poisoned', 'scald', 'scalding', 'scalded', 'push', 'pushing', 'pushed', 'snap', 'snapping', 'pinch',
  'pinching', 'pinched', 'bite', 'biting', 'beat', 'beating', 'batter', 'battering', 'hurl', 'hurling', 'hurled', 'fling', 'flinging', 'flung',
  'toss', 'tossing', 'tossed', 'starve', 'starving', 'drop', 'dropping', 'dropped', 'abandon', 'abandoning', 'leave', 'leaving', 'left',
  'grab', 'grabbing', 'grabbed', 'shove', 'shoving', 'shoved', 'yank', 'yanking', 'yanked', 'burn', 'burning', 'burned', 'burnt', 'murder',
  'murdering', 'injure', 'injuring', 'injured', 'break', 'breaking', 'twist', 'twisting', 'smash', 'smashing', 'smashed', 'slam', 'slamming',
  'slammed', 'bang', 'banging', 'banged',
]);
/** Verbs that are most often accidents or everyday handling without an imagining or urge frame. */
const WEAK_HARM = /^(drop|dropping|dropped|leave|leaving|left|abandon|abandoning|push|pushing|pushed|grab|grabbing|grabbed|bite|biting|burn|burning|burned|burnt|squeeze|squeezing|squeezed|pinch|pinching|pinched|snap|snapping|break|breaking|twist|twisting|toss|tossing|tossed|starve|starving|yank|yanking|yanked|choke|choking|choked|poison|poisoning|poisoned|scald|scalding|scalded)$/;

const IMAGINE = /^(picture|pictures|picturing|pictured|imagine|imagines|imagining|imagined|visuali[sz]e|visuali[sz]ing|visuali[sz]ed|seeing|see|saw|images?|image|visions?|vision|flashes|flash|scenes?|dream|dreams|dreaming|dreamt|dreamed|daydream|daydreaming|thoughts?|thought|thinking|think|fantasi[sz]e|fantasi[sz]ing|intrusive|unsee|head|mind)$/;
const FEAR = /^(scared|afraid|terrified|frightened|worried|petrified|fear|fears|fearing|panicking|panic|anxious|worry|worrying)$/;
const URGE = /^(urge|urges|impulse|impulses|want|wanted|wanting|wanna|tempted|temptation|like|close|nearly|almost|about|going|gonna|ready|could|easy|wish|wished|wishing|considered|considering|trying|tried)$/;
const CHAIN = /^(snap|snapping|lose|losing|lost|it|control|flip|flipping|crack|cracking|just|then|to|will|would|could|might|may|can|should|am|m|is|are|was|were|be|been|going|gonna|just|really|actually|sometimes|suddenly|keep|kept|keeps|about|of|not|never|even|also|so|that|the|and|start|started|starting|had|have|has|having|a|get|got|myself|me|i|id|ill|ive|im|in|my|when|if|again|literally|honestly|constantly|always|this|these|horrible|awful|terrible|scary|dark|violent|bad|weird|random|unwanted|sick|disturbing|graphic|over|come|comes|coming|came|pop|pops|popping|into|stop|can|cannot|cant|t|help|do|did|does|something|one|day|moment|second|split|for|like|feel|felt|feeling)$/;
const ACT_PAST = /^(smashed|slammed|banged|shook|hit|slapped|smacked|threw|squeezed|pinched|punched|pushed|shoved|yanked|grabbed|covered|hurt|harmed|bashed|smothered|choked|strangled|tossed|flung|hurled|dropped|bit|burned|burnt|scalded|suffocated|drowned|starved|injured)$/;

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

const HARM_THE_BABY = new RegExp(`\\b${HARM_VERB} ${BABY_TARGET}\\b`, 'g');
const A_BABY_WORD = new RegExp(`\\b(${BABY_WORD})\\b`);

function findBabyHarm(s: Sentence, msg: MessageFacts, out: RawMatch[], presence: Presence): void {
  const text = applyMasks(s.text, DEATH_IDIOMS, presence);
  for (const { start, end } of tokenMatches(s, text, [HARM_THE_BABY])) {
    const targetWords = s.tokens.slice(start + 1, end);
    // "him"/"her" is the baby unless the message is about another adult.
    if (/^(him|her|them)$/.test(targetWords[targetWords.length - 1] ?? '') && ADULT_OTHER.test(msg.text) && !A_BABY_WORD.test(s.text)) continue;
    // "her baby": someone else's baby.
    if (/^(her|his|their)$/.test(targetWords[0] ?? '') && targetWords.length > 1) continue;
    const concept = babyHarmFrame(s, start, end);
    if (concept) out.push({ family: 'baby-harm', concept, start, end, s });
  }
}

const BABY_FAMILIES: Family[] = [
  {
    id: 'baby-smother',
    concept: 'crisis-baby',
    patterns: [
      rx('(?:cover|covering|covered|hold|holding|held|put|putting|press|pressing|pressed|push|pushing|pushed|shove|shoving) (?:a |the |my )?(?:pillow|cushion|blanket|hand|hands|towel)? ?(?:over|on|against|into) (?:his|her|their|the baby s|the babys|the baby|my baby s|my babys|its) (?:face|mouth|nose|head)'),
      rx('(?:cover|covering|covered|smother|smothering|block|blocking) (?:his|her|the baby s|the babys|the baby|my baby s|my babys) (?:face|mouth|nose|airway) (?:with|using|under) (?:a |the |my )?(?:pillow|cushion|blanket|hand|hands|towel)'),
      rx('(?:a |the )?(?:pillow|cushion|hand) over (?:his|her|the baby s|the babys|my baby s|my babys) (?:face|mouth|nose)'),
      rx('(?:hold|holding|held|push|pushing|pushed|put|putting) (?:him|her|the baby|my baby|my son|my daughter) (?:under|into|in) (?:the )?water'),
      rx('(?:hold|holding|held|push|pushing|pushed|keep|keeping) (?:him|her|the baby|my baby|my son|my daughter) (?:under|down under|underwater|under the water)(?! the (?:tap|light|blanket|covers|duvet|arm|chin))'),
      rx('(?:put|putting|place|placing|throw|throwing|threw|shove|shoving|lock|locking|leave|leaving|drop|dropping) (?:my |the |our )?(?:baby|son|daughter|newborn|him|her|them) (?:in|into|inside|in to) (?:the |a )?(?:microwave|oven|freezer|fridge|washing machine|dryer|tumble dryer|bin|rubbish|fire|boiling water|toilet|river|canal|lake|sea|dishwasher|pond|pool)'),
    ],
    accept: (c) => {
      if (/\b(muslin|sun|sunshade|cover for feeding|nursing cover|spray|spraying|milk sprays|while feeding in public|from the sun|from the wind|from the rain|to wash|hair|rinse|bath time|in the bath to wash|swim|swimming)\b/.test(c.s.text) && !/\b(pillow|cushion|hand over)\b/.test(c.s.text)) return false;
      if (/\b(accident|accidentally|by mistake)\b/.test(c.s.text)) return false;
      if (/(under|down under|underwater|under the water)$/.test(c.s.tokens.slice(c.start, c.end).join(' ')) && !/\b(bath|water|pool|sink|tub|under$)\b/.test(c.s.text + (clauseEndsSoon(c) ? ' under$' : ''))) return false;
      // Someone else's act ("she held her under water" in a story).
      if (thirdPersonFrame(c.s, c.start)) return false;
      return true;
    },
  },
  {
    id: 'baby-do-something',
    concept: 'crisis-baby',
    patterns: [
      rx('(?:do|doing|did) (?:something|anything) (?:bad |terrible |awful |stupid |horrible |dangerous |i regret |silly |crazy )?to (?:him|her|them|my baby|the baby|my son|my daughter|the kids|my kids|my newborn|the little one|my little one)'),
      rx('what i (?:might|could|will|would|ll|may|am going to|m going to|am capable of|would be capable of|might be capable of) (?:do|doing|be capable of)?(?: to (?:him|her|them|my baby|the baby|my son|my daughter|the kids|my kids))?'),
      rx('what ill do(?: to (?:him|her|them|my baby|the baby|my son|my daughter))?'),
      rx('(?:make|making|made|shut|shutting|get|getting) (?:him|her|it|the baby|my baby) (?:stop crying |stop |shut up |be quiet |quiet |up )?(?:permanently|for good|forever|for ever)'),
      rx('(?:baby|son|daughter|he|she|him|her|they|newborn|little one|kids) (?:is|s|are|would be|will be|is not|are not|would not be|will not be) (?:not |never )?safe (?:with|around|near) me'),
      rx('(?:i am|i m|i feel) (?:not |never )?safe (?:with|around|near) (?:my |the |our )?(?:baby|son|daughter|newborn|kids|him|her)'),
      rx('(?:do not|can not|could not|no longer) trust myself (?:with|around|near|alone with) (?:my |the |our )?(?:baby|son|daughter|newborn|infant|kids|him|her|little one)'),
      rx('(?:do not|does not) feel safe (?:being )?alone with (?:my |the |our )?(?:baby|son|daughter|newborn|infant|him|her|little one)'),
      rx('(?:scared|afraid|frightened|terrified) (?:of|of being|to be) (?:myself|alone) (?:around|with|near) (?:my |the |our )?(?:baby|son|daughter|newborn|infant|him|her|little one)'),
      rx('(?:wish|wishes|wishing|wished|hope|hopes|hoping|want|wants|wanted) (?:that )?(?:something|anything) (?:bad |terrible |awful )?(?:would |will |could )?(?:happen|happened|happens) to (?:my |the |our )?(?:baby|son|daughter|newborn|him|her)'),
      rx('(?:wish|wishing|wished|hope|hoping) (?:that )?(?:my |the |our )?(?:baby|son|daughter|newborn|he|she) (?:would|was|were|had|could) (?:die|dead|just die|stop breathing|never wake up|not wake up)'),
      rx('(?:wish|wishing|wished) (?:that )?(?:my |the |our )?(?:baby|son|daughter|newborn|he|she) (?:had never been born|was never born|were never born|would disappear|would go away forever|was not here|was gone)'),
      rx('(?:hurt|harm) (?:him|her|them|the baby|my baby) (?:worse|again|badly|bad|really badly|even more|more)'),
      rx('(?:do not|don t|dont|can not|cannot|no longer) trust (?:what i (?:will|might|would|could|ll|may|am going to) do|myself anymore|myself any more|myself)'),
      rx('(?:imagine|imagining|imagined|picture|picturing|pictured|thoughts? of|think about|thinking about|visions? of|images? of|flashes of) (?:my |the |our )?(?:baby|son|daughter|newborn|him|her) (?:slipping|going|sinking|drowning|falling|dying|suffocating|choking|not breathing|stopping breathing|going under|under the water|dead)(?: \\S+){0,8} (?:and|while|as) (?:me|i) (?:not doing anything|do nothing|did nothing|doing nothing|just watch|just watching|watch|watching|let (?:it|him|her)|not helping|not stopping it|not saving)'),
    ],
    accept: (c) => {
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
  },
];

// ------------------------------------------------------------------ psychosis families

const SENSE = 'talking|talk|talks|speaking|speak|see|seeing|saw|seen|sees|hear|hearing|heard|hears|smell|smelling|smelled|smelt|feel|feeling|felt|taste|tasting|tasted|watch|watching|watched|notice|noticing|noticed|spot|spotted';
const PSYCHOSIS: Family[] = [
  {
    id: 'perception',
    concept: 'psychosis',
    masks: MENTAL_IDIOMS,
    questionsCount: true,
    patterns: [
      rx('(?:hearing|hear|heard|hears) (?:voices|a voice|the voice|a man s voice|a woman s voice|someone talking|people talking|people whispering|someone whispering|whispers|whispering|things that are not|things nobody|things no one|my name being called|someone calling my name|music that|things others)'),
      rx('(?:i am|i keep|i have been|i started|she is|she keeps|she has been|he is|i|she|my wife|my partner|my girlfriend) (?:hearing|seeing) things'),
      rx('voices (?:in my head|telling me|tell me|talking to me|in her head|telling her|are telling|saying|say|keep|told me|that tell|that say)'),
      rx('(?:a |the )?voice (?:in my head |in her head )?(?:telling|tells|told|saying|says|keeps telling|ordering|commanding|whispering) (?:me|her)'),
      rx(`(?:${SENSE}) (?:\\S+ ){0,5}?(?:that|which|who|but) (?:are|were|is|was) not (?:really )?(?:there|real)`),
      rx(`(?:${SENSE}) (?:\\S+ ){0,5}?(?:that|which|who) (?:nobody|no one|noone|none of them|my husband|my partner|my mum|my mom|others|other people|anyone|everyone) (?:else )?(?:can|could|does|did|is able to|seems to)? ?(?:not )?(?:see|hear|smell|feel|notice|sees|hears|smells)`),
      rx(`(?:${SENSE}) (?:\\S+ ){0,5}?(?:only i can|only i could|just me who can|nobody else can|no one else can|no one else|nobody else)`),
      rx('things that (?:are|were) not (?:there|real)'),
      rx('(?:shadow|shadowy) (?:people|person|figures?|man|men|woman|women|creatures?|things)'),
      rx(`(?:${SENSE}) (?:\\S+ ){0,3}?(?:bugs|insects|spiders|ants|worms|maggots|lice|snakes|rats|mice|creatures|figures|faces|demons|ghosts|spirits|dead people|little people|eyes)\\b(?: \\S+){0,4} (?:crawling|moving|walking|running|standing|staring|watching|in the corner|on the walls|on the wall|on the ceiling|on the baby|all over|over the cot|over the crib|by the cot|by the crib|in the cot|in the crib|at the window|in the room|on her|on him)`),
      rx('(?:bugs|insects|spiders|ants|worms|maggots|creatures) (?:crawling|moving|walking) (?:all )?(?:on|over|in) (?:the |my )?(?:baby|newborn|son|daughter|cot|crib|walls?|ceiling|bed|her|him)'),
      rx('(?:people|figures|bugs|insects|animals|creatures|spiders|faces|men|women|children|tiny \\S+|little \\S+|small \\S+) (?:walking|crawling|moving|running|climbing|dancing|standing|hanging) (?:on|across|over|along|up|down|from) (?:the )?(?:ceiling|walls?|cot|crib|curtains)'),
      rx('(?:walls|wall|tv|television|radio|objects|furniture|animals|birds|trees|the house|my phone|dead people|spirits|ghosts|demons|the devil|angels|the fridge|the monitor|baby monitor|the baby|my baby|the shadows|the pictures|the clock)(?: \\S+){0,2} (?:talking|speaking|whispering|screaming|sending messages|telling me|moving|breathing|melting|changing shape) (?:to |at )?(?:me|around)?'),
      rx('(?:a |the )?(?:man|woman|person|figure|someone|somebody|people|face|child|girl|boy) (?:standing|sitting|staring|watching|leaning) (?:over|by|in|at|next to|beside) (?:the |my |her |his )?(?:cot|crib|bed|door|doorway|corner|window|end of the bed|bassinet|moses basket)(?: \\S+){0,8} (?:nobody|no one|not there|disappear\\w*|vanish\\w*|gone|turn the light on|turned the light on|nothing there|is not there|was not there|only i)'),
      rx('hallucinat\\w*'),
      rx('(?:hear|hearing|heard|hears) (?:\\S+ ){0,4}?(?:telling|tell|tells|saying|say|says|talking|talk|calling|call|whispering|whisper|ordering|commanding) (?:to )?(?:me|my name|her)'),
      rx('(?:hear|hearing|heard|read|reading|know|knowing) (?:my |the |her |his |their |other people s |people s |everyone s )?(?:baby s |babys |baby |husband s |husbands |husband |partner s |partner |people |everyone |everybody )?(?:thoughts|minds)'),
      rx('(?:faces|eyes|people|figures|shapes|shadows|things|creatures|someone|a face) (?:in|on) (?:the )?(?:curtains|walls|wall|ceiling|floor|wallpaper|carpet|mirror|window|clouds|patterns|tv|screen)(?: \\S+){0,3} (?:that |which |who )?(?:talk|talking|talks|speak|speaking|move|moving|moves|watch|watching|watches|stare|staring|whisper|whispering|laugh|laughing)'),
      rx('(?:says|said|say|tells me|told me|insists|swears|keeps saying|can not see|cannot see|does not see|did not see|could not see) (?:that )?(?:there is|there s|there was|there are|there were|it is|it s|they are|he is|she is)? ?(?:no one|nobody|nothing|no man|no woman|no bugs|no one there|nobody there|nothing there|not there|not real|no voices|no noise)'),
      rx('(?:turn|turns|turning|turned|change|changes|changing|changed|morph|morphs|morphing|morphed) into (?:faces|people|figures|monsters|demons|snakes|spiders|bugs|creatures|eyes|animals|skulls)'),
      rx('(?:walls?|ceiling|floor|furniture|the room|pictures|faces) (?:are |is |keep |keeps |(?:look|looks|looked|seem|seems|seemed) (?:like |as if |as though )?(?:they are |they re |theyre |it is |it s |its )?)?(?:breathing|melting|moving by themselves|bending|crawling|pulsing|changing shape)'),
      rx('(?:smell|smelling|smelt|smelled|taste|tasting|tasted) (?:smoke|burning|gas|poison|rotting|death|blood|chemicals)(?: \\S+){0,6} (?:nobody|no one|nothing|not there|others can not|all the time)'),
    ],
    accept: (c) => {
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
  },
  {
    id: 'belief',
    concept: 'psychosis',
    questionsCount: true,
    patterns: [
      rx('(?:someone|somebody|people|they|everyone|everybody|the neighbors|the neighbours|my husband|my partner|my mother in law|my mil|the nurses|the doctors|the midwives|strangers|the government|he|she) (?:is|are|has been|have been|keeps|keep|was|were) (?:\\S+ )?(?:watching|following|after|spying on|out to get|plotting against|controlling|poisoning|reading|tracking|monitoring|recording|filming|drugging|tampering with|listening to) (?:me|us|her|my|our|the baby|everything)'),
      rx('(?:being|am|is|are|get|getting|we are|i am|i m) (?:\\S+ )?(?:watched|monitored|followed|recorded|filmed|spied on|listened to|tracked|bugged|poisoned|drugged) (?:through|via|by|on|with|from|in) (?:the |my |our |a |hidden |secret )?(?:monitor|baby monitor|camera|cameras|tv|television|phone|laptop|wifi|wi fi|smart speaker|alexa|microphone|mic|neighbours|neighbors|government|police|mi5|fbi|cia|satellites?|light fittings|smoke alarm|walls|mirror|mirrors|people next door|spirits|aliens)'),
      rx('(?:the |our |my )?(?:monitor|baby monitor|camera|cameras|tv|television|phone|radio|wifi|alexa|smart speaker|smoke alarm|light fittings?) (?:is|are|has been|keeps|keep) (?:\\S+ )?(?:watching|spying on|recording|listening to|talking to|sending (?:me )?messages|reporting|transmitting|controlling|reading) (?:me|us|my|our|everything|to)'),
      rx('(?:cameras|microphones|bugs|trackers|chips?|microchips?) (?:hidden |planted |put )?(?:in|inside|on|under) (?:the |my |our )?(?:house|room|walls|light fittings?|ceiling|nursery|cot|crib|baby|head|body|phone|car|smoke alarm)'),
      rx('(?:my |the |our )?(?:milk|breastmilk|breast milk|food|water|formula|bottles?|drinks?|tea|medicine|meds|tablets)(?: \\S+){0,3} (?:is|are|has been|have been|being|was|were|got|gets) (?:\\S+ )?(?:poisoned|tampered with|spiked|laced|drugged|contaminated by (?:them|someone|him|her|the neighbours|my husband|my mother in law))'),
      rx('(?:my |the )?(?:milk|breastmilk|breast milk|body|food|blood)(?: \\S+){0,2} (?:has turned|turned|is turning|has become|became|is|has gone) (?:to |into )?(?:poison|poisonous|toxic|evil|rotten inside)(?: \\S+){0,6} (?:i know|i am sure|i can tell|i can taste|i can feel|killing|poisoning|it is killing|hurting (my|the) baby)'),
      rx('(?:has|have|got|given|on|for) (?:a )?(?:special|secret|divine|holy|sacred|important) (?:mission|purpose|powers?|gift|message|task)(?! (?:at work|for work))'),
      rx('(?:putting|put|puts|adding|slipping|hiding) (?:something|poison|chemicals|drugs|stuff|things|pills) (?:in|into) (?:my |the |our )?(?:milk|breastmilk|food|water|drink|drinks|tea|bottles?|formula|medicine|meds)'),
      rx('(?:poisoning|poisoned|trying to poison|going to poison|want to poison|wants to poison) (?:me|my|the baby|our|us|her|him)'),
      rx('(?:my |the |our )?(?:baby|son|daughter|newborn) (?:is|was|has been|s) (?:not mine|not my baby|not my real baby|not really mine|not human|not real|possessed|evil|the devil|the antichrist|swapped|switched|an impostor|an imposter|a fake|replaced|cursed|a robot|an alien|the messiah|a prophet|chosen|sent (?:by|from) (?:god|the devil|heaven|hell))'),
      rx('(?:they|someone|the hospital|the nurses|the nurse|the midwives|the midwife|the doctors|the doctor|people|staff) (?:have |has |had )?(?:swapped|switched|replaced|stolen|took|taken|changed) (?:my|the|our) (?:real |actual |own |true )?(?:baby|son|daughter|newborn)'),
      rx('(?:my )?(?:husband|partner|mum|mom|mother|family|sister|wife) (?:has been|is|was|have been|are) (?:replaced|swapped) (?:by|with)'),
      rx('(?:god|the devil|satan|jesus|the universe|spirits?|angels?|demons?|aliens?|the tv|the radio|the news) (?:is |are |has been |have been |keeps |keep )?(?:telling|told|speaking to|talking to|sending|commanding|instructing|choosing|chose|chosen|giving) (?:me|us|her|my)'),
      rx('(?:tv|television|radio|phone|the news|god|the devil|angels?|aliens?|spirits?|someone|people|strangers|the government|satan|the baby|my baby|presenter|newsreader|songs?|the clock|number plates|the numbers) (?:is |are |keeps |keep |has been |have been |was |were )?(?:sending|send|sends|giving|gives|talking|speaking|whispering|telling|controlling|reading) (?:\\S+ )?(?:me|her|my|us) (?:secret |special |hidden |coded )?(?:messages|signs|signals|instructions|orders|thoughts|mind|things|about)'),
      rx('(?:talking|speaking|sending messages|sending signals) (?:directly |straight |only )?to me (?:through|on|from|via|about)'),
      rx('(?:secret|hidden|coded|special) (?:messages|signs|signals|codes)(?: \\S+){0,3} (?:for me|to me|meant for me|about me|about the baby|about my baby|in|on|through)'),
      rx('(?:messages|signs|signals) (?:meant |just )?(?:for|to) me (?:from|through|in|on)'),
      rx('(?:i have been|i was|i am|i m) (?:chosen|sent|selected) (?:by god|by the universe|to save|for a mission|for a purpose|by angels)|(?:special|secret) (?:powers|mission|gift) (?:from|since)'),
      rx('(?:putting|put|puts|inserting|planting|stealing|steal|reading|read|controlling|control|broadcasting|hacking|hacked|listening to) (?:thoughts|ideas|things|voices|words) (?:in|into) (?:my|her) (?:head|mind|brain)'),
      rx('(?:reading|controlling|stealing|hacking|hacked|taking over|listening to|broadcasting|recording|hearing) (?:my|her) (?:thoughts|mind|brain)'),
      rx('(?:my|her) thoughts (?:are|were) being (?:read|broadcast|controlled|stolen|recorded|heard)'),
      rx('(?:they|people|someone|somebody|everyone|the nurses|the doctors|the neighbou?rs|strangers|the government|he|she|social services) (?:want|wants|are trying|is trying|are going|is going|plan|plans|are planning|is planning|are coming|is coming|are out|will come|will try|are plotting|is plotting) to (?:take|steal|kidnap|hurt|poison|kill|replace|swap|harm) (?:my|the|our|me and my) (?:baby|son|daughter|newborn)'),
      rx('(?:everyone|everybody|they|the whole family|all of them) (?:is|are) (?:in on it|plotting|conspiring|working together against me|against me and the baby)'),
      rx('i am convinced (?:that )?(?:someone|people|they|my baby|the baby|he|she|my husband|my partner|the nurses|the doctors) (?:is|are|was|were|has|have|wants|want|will) (?:\\S+ )?(?:trying|going|out|after|poison\\w*|switch\\w*|replac\\w*|evil|not|possessed|watching|spying|controlling|plotting|kill\\w*|hurt\\w*|dead|dying)'),
      rx('(?:paranoid|convinced|certain|sure|know) (?:that )?(?:someone|people|they|he|she|my husband|my partner|the neighbou?rs|everyone|the nurses|the doctors|strangers|the government) (?:is|are|will|wants|want|were|was|has|have) (?:\\S+ )?(?:watching|following|poisoning|trying|out|after|plotting|going to take|spying|listening|reading|controlling|coming|tracking|recording|switched|swapped|replaced|put)'),
    ],
    accept: (c) => {
      const text = c.s.text;
      // "is my milk poisoned if I had wine?", "can my milk be contaminated by the pump": a question about a cause.
      if (/\b(poisoned|tampered|spiked|laced|contaminated|drugged)\b/.test(c.s.tokens.slice(c.start, c.end).join(' ')) && /\b(if i|after i|because i|from (the |my )?(wine|alcohol|beer|sushi|medicine|meds|pump|bottle|formula)|wine|alcohol|beer|sushi|food poisoning|mould|mold|bacteria|expired|spoiled|sour|left out)\b/.test(text)) return false;
      // "being watched while I feed", "the monitor is recording the baby's sleep"
      if (/\b(while i (feed|nurse|pump|breastfeed)|judg\w*|mother in law watches|in laws|sleep tracking|tracks? (her|his|the baby s) (sleep|breathing|feeds))\b/.test(text) && !/\b(through|via|spying|poison|plotting|cameras in)\b/.test(text)) return false;
      if (/^(my husband|my partner|he|she|they|people|someone|somebody|everyone|everybody)$/.test(c.s.tokens[c.start]) && /\b(watching|following|after|reading|tracking|monitoring|recording|filming|listening to)\b/.test(c.s.tokens.slice(c.start, c.end).join(' ')) && /\b(me (feed|nurse|pump|breastfeed|leak)|my (wet|shirt|top|patches|boobs|chest|bottles|stash|feeds|supply|output)|us (feed|eat|play)|the baby (sleep|feed|eat|play)|everything i (eat|drink))\b/.test(text)) return false;
      return true;
    },
  },
  {
    id: 'disorganised',
    concept: 'psychosis',
    questionsCount: true,
    patterns: [
      rx('(?:my |our |the )?(?:husband|partner|wife|mum|mom|mother|dad|father|family|sister|brother|friends?|everyone|everybody|people|midwife|nurse|hv|health visitor|boyfriend|girlfriend|he|she|they|doctor|gp) (?:says|said|say|keeps saying|keep saying|tells me|told me|keep telling me|keeps telling me|thinks|think|noticed|notices|are worried|is worried|was worried|were worried|are saying|is saying|reckons|reckon|complains|complain) (?:that )?(?:i am|i m|i|i have been|i ve been|i was|i keep|my (?:words|speech|talking|sentences)|what i say)(?: \\S+){0,2} (?:not making (?:any )?sense|making no sense|makes no sense|make no sense|talking (?:nonsense|gibberish|rubbish|weird|strange|strangely|fast|too fast|to myself|to people who)|acting (?:really |very |so |quite )?(?:strange|strangely|weird|weirdly|odd|oddly|crazy|bizarre|out of character|paranoid)|saying (?:really |very |such |some |so |quite |pretty )?(?:strange|weird|odd|crazy|bizarre|random|scary|frightening|worrying) things|rambling|paranoid|manic|high|not (?:with it|all there|right in the head|making sense)|losing it|lost it|scaring them|frightening them|not the same person|someone else|a different person|jumbled|incoherent|confused)'),
      rx('(?:she|he|my wife|my partner|my girlfriend|my sister|my daughter) (?:is|s|has been|keeps|was|seems) (?:not making (?:any )?sense|talking nonsense|talking gibberish|making no sense|acting (?:strange|weird|bizarre|odd|crazy|paranoid|strangely|oddly|out of character)|saying (?:strange|weird|bizarre|odd|crazy|scary) things|not herself|rambling|incoherent|agitated and confused|not recognis\\w*|not recogniz\\w*)'),
      rx('(?:talking|talks|saying|says|said) (?:about )?things that (?:make|made|makes) no sense'),
      rx('(?:does not|did not|doesnt) (?:seem to )?(?:recognise|recognize|know) (?:me|her baby|the baby|us|her own baby|where she is|who i am)'),
      rx('(?:i am|i m|i keep) (?:not making (?:any )?sense|making no sense|talking nonsense)'),
      rx('(?:have not|has not|not|no|zero|without|barely|hardly) (?:slept|sleep|sleeping|had any sleep|had a wink|closed my eyes)(?: \\S+){0,3} (?:in|for) (?:\\d+|two|three|four|five|six|seven|several|a few|few|many) (?:days|nights)(?: straight| in a row)?(?: \\S+){0,8} (?:not (?:even |at all )?tired|no need|do not need|dont need|not needing|wired|buzzing|so much energy|full of energy|energised|energized|amazing|invincible|on top of the world|can not switch off|racing|will not stop|won t stop|so many plans|so many ideas|mind is going|brain will not|not sleepy|feel great|feel fantastic|euphoric|electric|talking non stop|cleaning all night|talking nonsense|not making sense|voices|seeing things|hearing things)'),
      rx('(?:do not|dont|no longer) (?:need|feel the need (?:for|to)) (?:any )?sleep'),
    ],
    accept: (c) => {
      const text = c.s.text;
      if (/^(about|of|to|on|regarding|over|with)$/.test(c.after[0] ?? '') && /\b(sense|nonsense|rambling|confused)\b/.test(c.s.tokens.slice(c.start, c.end).join(' '))) return false;
      // "my husband says I'm not making sense when I'm half asleep" - said with a smile.
      if (/\b(half asleep|in my sleep|when i am tired|when i m tired|sleep talking|talk in my sleep|funny|lol|haha|joke|joking|teases|teasing|at 3am|at night feeds)\b/.test(text) || LAUGH.test(c.s.raw)) return false;
      // "thinks I'm losing it because I keep checking her breathing": worry about a habit, not disorganisation.
      if (/\b(losing it|lost it|paranoid|crazy|mad)\b(?: \S+){0,2} (because|cos|as|since|for) i (keep|always|constantly|check|am always|am constantly)\b/.test(text)) return false;
      return true;
    },
  },
];

const PSYCHOSIS_SOFT: Family[] = [
  {
    id: 'psychosis-soft',
    concept: 'psychosis-soft',
    masks: MENTAL_IDIOMS,
    questionsCount: true,
    patterns: [
      rx('(?:i am|i m|i feel|feeling|felt|i have been|i ve been|she is|she s|she has been|getting|been) (?:so |really |very |a bit |quite |extremely |totally )?(?:manic|paranoid|delusional|psychotic)(?! (?:about|that|because|cos|since|with|over|when|at work|week|morning|day|lol|haha))'),
      rx('(?:manic|psychotic) (?:episode|episodes|thoughts|feelings|state)'),
      rx('paranoid (?:thoughts|feelings|delusions)|delusions'),
      rx('(?:i am|i m|i feel like i am|i feel like i m|i think i am|i know i am) being (?:watched|followed|spied on|recorded|monitored|tracked)(?! (?:while|when|by (?:my )?(?:mil|mother in law|in laws|family|colleagues|people at work)))'),
      rx('(?:have not|has not|not|no|zero|without) (?:slept|sleep|had any sleep|had a wink|closed my eyes) (?:at all |a wink |one minute |an hour |even an hour )?(?:in|for) (?:\\d+|two|three|four|five|six|seven|several|a few|few|many) (?:days|nights) (?:straight|in a row|at all)'),
      rx('(?:have not|has not|not) slept at all (?:in|for|since)'),
      rx('(?:my )?(?:thoughts|mind|head) (?:are|is|keep|keeps) (?:racing|jumbled|all over the place|going a million miles)(?: \\S+){0,3} (?:can not|cannot|will not|won t|and)'),
      rx('(?:racing|jumbled) thoughts'),
      rx('(?:my )?(?:thoughts|mind|brain|head) (?:are |is )?(?:going|racing|running|moving) (?:so |too |really )?(?:fast|quick|quickly|a million miles)'),
      rx('(?:i feel like i can do anything|i can do anything|invincible|on top of the world|so much energy|full of energy|buzzing with energy|never felt so (?:good|alive|energetic)|do not need (?:any )?sleep|dont need (?:any )?sleep|don t need (?:any )?sleep|million ideas|so many (?:plans|ideas))'),
      rx('(?:\\d+|two|three|four|five|six|seven|several|a few) (?:days|nights) (?:of |with |without )?(?:no sleep|not sleeping|zero sleep|any sleep)'),
      rx('(?:has not|hasnt|hasn t|have not|haven t|havent|not) (?:slept|sleep|been sleeping) (?:for|in) (?:\\d+|two|three|four|five|six|seven|several|a few|few) (?:days|nights)'),
      rx('(?:bugs|insects|something|things) crawling (?:under|on|over) my skin'),
      rx('(?:everyone|everybody|they|people) (?:is|are) (?:against me|talking about me|lying to me|in on it)'),
      rx('(?:my |our |the )?(?:husband|partner|family|mum|mom|midwife|health visitor) (?:says|said|thinks|is worried|are worried|noticed) (?:that )?(?:i am|i m|i have been) (?:not myself|acting differently|different|not the same|acting odd|strange)'),
      rx('(?:i am|i m) (?:hearing|seeing) things'),
      rx('(?:i feel like|feels like|it is like) (?:i am |i m )?(?:living )?in a (?:dream|movie|film|video game|simulation)(?! because)'),
      rx('nothing (?:is|feels|seems) real(?: anymore)?'),
      rx('(?:i am|i m|i feel like i am|i feel like i m|i feel) not real'),
    ],
    accept: (c) => {
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
  },
];

/** The families that keep their existing vocabulary (from the first detector), now grouped here. */
const LEGACY: Family[] = [
  {
    id: 'legacy-self',
    concept: 'crisis-self',
    masks: DEATH_IDIOMS,
    patterns: [
      /\bsuicid(e|al|ally)\b/g,
      /\bkill(ing)? myself\b/g,
      /\b(end|ending|take|taking) my (own )?life\b/g,
      /\b(end|ending) (it|this|things|everything) (all|now|for good)\b/g,
      /\bend it all\b|\bend everything\b/g,
      /\b(do not|can not|cannot|fail to|no longer) see (the|any) point (in |of |to )?(living|life|going on|being alive|being here|staying alive|carrying on)\b/g,
      /\b(do|does|did) not (even |really )?(want|wanna) to (live|be alive|be here anymore|exist|go on|carry on|be around anymore|keep living|stay alive)\b/g,
      /\b(not sure|unsure|do not know|no longer|not really|doubt|wonder|wondering|questioning|not even|never|barely) (if |whether |that )?(i )?(even |really |still )?(want|wanna|wish|care) to (keep |go on )?(live|living|be alive|stay alive|exist|be here|go on|wake up|carry on)\b/g,
      /\b(want|wanted|urge|urges|thoughts? (of|about)|thinking (of|about)|think about|feel like|going to|tempted to|planning to|scared i will|afraid i will|might)(?: \S+){0,2} (hurt|hurting|harm|harming|cut|cutting|burn|burning|kill|killing|punish|punishing) myself\b/g,
      /\boverdos(e|ing)\b|\bod on\b/g,
      /\b(ways|way|how|best way|easiest way|painless way|quickest way) to (die|kill myself|end (it|it all|my life|things)|commit suicide|not wake up)\b/g,
      /\bhow many (pills|tablets|paracetamol|tylenol|sleeping pills) (would|does it|will|to|it takes|it would take)\b/g,
      /\b(take|taking|took|swallow|swallowing|swallowed) (all|a bunch of|a handful of|a whole bottle of|the whole bottle of|every one of|lots of|all of) (my |the |of my |of the |those |these )?(pills|tablets|meds|medication|sleeping pills|painkillers|pain killers|antidepressants)\b(?! (as prescribed|on time|every day|daily|properly|correctly|regularly|like|with food|in the morning|at night as))/g,
      /\b(drown|drowning|gas|gassing|poison|poisoning|starve|starving) myself\b|\b(drink|drinking) (bleach|poison|antifreeze)\b/g,
      /\bcan not (go on|keep going|carry on)( anymore)?\b(?! like)/g,
      /\b(no way out|give up on life|giving up on life)\b/g,
      /\b(want|wanted) (it|everything) (all )?to (end|be over)\b/g,
      /\bdisappear (forever|for good|permanently)\b/g,
    ],
    accept: (c) => {
      const span = c.s.tokens.slice(c.start, c.end).join(' ');
      if (/^overdos/.test(span) && /\b(vitamin|vitamins|iron|caffeine|coffee|sugar|baby|formula|accidentally|accidental|can i|could i|is it possible|risk|safe)\b/.test(c.s.text) && !/\b(want|wanted|thinking|thought|planning|going to|took an|urge)\b/.test(c.s.text)) return false;
      if (/^(want|wanted) (it|everything)/.test(span) && (c.after[0] === 'up' || (/^(with|by|on|in|at|before)$/.test(c.after[0] ?? '') && OTHER_ENDING.test(c.after.join(' '))))) return false;
      if (/^(want|wanted) (it|everything)/.test(span)) return wholeLifeEnding(c, span) ? true : /\b(leak|leaks|leaking|pumping|feeding|breastfeeding)\b/.test(c.s.text) ? false : 'crisis-self-soft';
      if (/\bmyself$/.test(span) && /\b(pump|flange|nipple shield|nails|accident|accidentally|shaving|cooking)\b/.test(c.s.text) && /\b(hurt|hurting|harm|harming|cut|cutting|burn|burning)\b/.test(span)) return false;
      return true;
    },
  },
  {
    id: 'legacy-baby',
    concept: 'crisis-baby-soft',
    patterns: [
      /\bintrusive thoughts?\b/g,
      /\b(scary|frightening|horrible|awful|terrible|bad|weird|dark|violent|disturbing|unwanted|sick|graphic) (thoughts|images|pictures|visions|scenes) (about|of|involving|that|where|with) (my |the |something happening|something bad)?(baby|son|daughter|newborn|something happening|her|him)?\b/g,
      /\b(scared|afraid|terrified) (to be|of being) alone with (my|the) (baby|son|daughter|newborn)\b/g,
    ],
  },
  {
    id: 'legacy-psychosis',
    concept: 'psychosis',
    masks: MENTAL_IDIOMS,
    questionsCount: true,
    patterns: [
      /\bpsychos[ie]s\b|\bpsychotic break\b/g,
      /\b(lost|losing) touch with reality\b|\bout of touch with reality\b|\bnot real anymore\b/g,
      /\b(the baby|my baby|everyone|people) (is|are|are not|is not) real\b/g,
    ],
  },
];

const FAMILIES: Family[] = [...SELF_STRONG, ...SELF_SOFT, ...BABY_FAMILIES, ...PSYCHOSIS, ...PSYCHOSIS_SOFT, ...LEGACY];

/** Every family pattern and mask, read once for the words a match needs (./prefilter). */
export const CRISIS_PATTERNS: readonly RegExp[] = [...FAMILIES.flatMap((f) => [...f.patterns, ...(f.masks ?? [])]), HARM_THE_BABY, ...DEATH_IDIOMS];
/** Groups: each family's patterns (in the order of FAMILIES), then the harm-to-the-baby pattern. */
export const CRISIS_FILTER = new PatternSet(CRISIS_PATTERNS, [...FAMILIES.map((f) => f.patterns), [HARM_THE_BABY]]);
const BABY_HARM_GROUP = FAMILIES.length;

/** Compiles every crisis pattern now (start-up), not on the first message that needs it. */
export function warmCrisisPatterns(): void {
  CRISIS_FILTER.warm();
}

// ------------------------------------------------------------------ matching

interface RawMatch {
  family: string;
  concept: CrisisConcept;
  s: Sentence;
  start: number;
  end: number;
}


function familyMatches(s: Sentence, family: Family, msg: MessageFacts, out: RawMatch[], presence: Presence): void {
  const text = applyMasks(s.text, family.masks, presence);
  for (const { start, end, patternIndex } of tokenMatches(s, text, family.patterns, presence)) {
    const c = clauseBounds(s, start);
    const ctx: MatchContext = { s, start, end, after: s.tokens.slice(end, c.end).filter((w) => w !== ','), before: s.tokens.slice(c.start, start), msg };
    const verdict = family.accept ? family.accept(ctx) : true;
    if (verdict === false) continue;
    out.push({ family: `${family.id}#${patternIndex}`, concept: verdict === true ? family.concept : verdict, s, start, end });
  }
}

// ------------------------------------------------------------------ status

/** "the midwife asked if I have thoughts of harming myself": a screening question, and its answer. */
const SCREENING = /\b(asked|asks|ask|asking|question|questions|questionnaire|form|screening|survey|checklist|quiz|test|scale|epds)\b(?: \S+){0,5} (if|whether|about|do i|have i|did i|any|have you|do you|are you|ever)\b/;
const ANSWER_NO = /\b(said|say|answered|answer|told (her|him|them)|replied|ticked|circled|put|wrote|selected|chose|clicked|marked) (that )?(no|never|not really|nope|none|hardly ever|i do not|i have not|i did not|i am not|not at all|i was fine|i am fine|i m fine)\b|\b(and|but) (no|nope)\b|, no\b|\bi (do not|have not|did not|don t|haven t)\b(?! (know|tell|want to say|say|answer))/;
const ANSWER_YES = /\b(said|answered|told (her|him|them)|admitted|replied|ticked|circled|put|selected|chose|clicked|marked|confessed) (that )?(yes|yeah|yep|sometimes|quite often|often|most days|i do|i have|i did|the truth|honestly)\b/;
const MEDIA = /\b(read|reading|watched|watching|saw|seen|heard|hearing) (about|a|an|the|that|this|on)\b(?: \S+){0,4} (story|article|post|documentary|news|show|film|movie|series|programme|program|podcast|book|case|mum who|mother who|woman who|women who)\b|\b(on the news|in the news|in a film|in a show|on tv|in a book|on netflix|on tiktok|on instagram|on reddit|in my group|in the group|a mum in|a friend of)\b/;

function crisisStatus(match: RawMatch, questionsCount: boolean): { status: Status; reason: string } {
  const { s, start, end } = match;
  const base = mentionStatus(s, start, end, { selfOnly: true, ignoreQuestion: !questionsCount });
  if (base.status === 'other') return base;
  const before = s.tokens.slice(0, start).join(' ');
  const whole = s.text;
  if (MEDIA.test(before) && !/\b(i|me|myself)\b/.test(s.tokens.slice(Math.max(0, start - 3), start).join(' '))) return { status: 'other', reason: 'a story or the news' };
  const ownWords = s.tokens.slice(start, end);
  if (!ownWords.some((w) => FIRST.test(w)) && thirdPersonFrame(s, start) && match.concept !== 'psychosis' && match.concept !== 'psychosis-soft') return { status: 'other', reason: 'another person' };
  if (SCREENING.test(before + ' ')) {
    const rest = s.tokens.slice(end).join(' ');
    if (ANSWER_YES.test(rest) || ANSWER_YES.test(whole)) return { status: 'yes', reason: 'screening question answered yes' };
    // A screening question answered "no" is the parent's report that all is well: no question back.
    if (ANSWER_NO.test(rest)) return { status: 'other', reason: 'screening question answered no' };
    return { status: 'unsure', reason: 'screening question, answer not given' };
  }
  return base;
}

// ------------------------------------------------------------------ entry point

/** Sentences plus short neighbours joined ("I want out. Of everything. Of life."). */
function withJoinedShortSentences(sentences: Sentence[]): Sentence[] {
  const out = [...sentences];
  for (let i = 0; i + 1 < sentences.length; i++) {
    const a = sentences[i];
    const b = sentences[i + 1];
    if (a.tokens.length <= 8 && b.tokens.length <= 10 && a.tokens.length > 0 && b.tokens.length > 0) {
      const c = sentences[i + 2];
      const raw = c && c.tokens.length <= 6 ? `${a.raw} ${b.raw} ${c.raw}` : `${a.raw} ${b.raw}`;
      out.push(makeSentence(raw, a.index, b.questionMark, a.knowledge));
    }
  }
  return out;
}

export function messageFacts(sentences: Sentence[]): MessageFacts {
  const text = sentences.map((s) => s.text).join(' . ');
  return { text, logistics: LOGISTICS.test(text) };
}

/** Families whose matches count when asked about ("what are the signs of psychosis?"). */
const QUESTION_FAMILIES: ReadonlySet<string> = new Set(FAMILIES.filter((f) => f.questionsCount).map((f) => f.id));

/** Crisis, harm-to-baby and psychosis mentions in a message (pattern layer). */
export function findCrisisMentions(sentences: Sentence[]): Mention[] {
  const msg = messageFacts(sentences);
  const raw: RawMatch[] = [];
  const all = withJoinedShortSentences(sentences);
  const familyOf = (cue: string) => cue.split('#')[0];
  for (const s of all) {
    if (s.tokens.length === 0) continue;
    const presence = CRISIS_FILTER.scan(s.text);
    for (let g = 0; g < FAMILIES.length; g++) if (presence.group(g)) familyMatches(s, FAMILIES[g], msg, raw, presence);
    if (presence.group(BABY_HARM_GROUP)) findBabyHarm(s, msg, raw, presence);
  }
  const mentions: Mention[] = [];
  const seen = new Set<string>();
  for (const r of raw) {
    const key = `${r.s.index}:${r.s.raw.length}:${r.start}:${r.concept}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const st = crisisStatus(r, QUESTION_FAMILIES.has(familyOf(r.family)));
    mentions.push({ concept: r.concept, sentence: r.s, start: r.start, end: r.end, status: st.status, reason: `${r.family}: ${st.reason}`, family: r.family });
  }
  return mentions;
}

export const CRISIS_FAMILY_IDS: ReadonlyArray<string> = [...FAMILIES.map((f) => f.id), 'baby-harm'];
