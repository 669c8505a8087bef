/**
 * Symptom vocabulary: each concept is a word class found in normalised sentences ("blood", "fever",
 * "lump"...), with what counts as somewhere else ("lump in my throat") and which idioms to ignore
 * ("blood orange", "dying to sleep"). Every mention gets a status from ./scope (reported, denied,
 * unsure, asked about, someone else's).
 *
 * Patterns run on one normalised sentence at a time (bounded length, see ./text), use no nested
 * unbounded quantifiers, and so stay linear in the message length.
 */
import { mentionStatus, type Status, type StatusOptions } from './scope';
import { applyMasks, tokenMatchList, type Sentence, type TokenMatch } from './text';
import { integerDigits } from '../text/decimal';
import { oneOf } from '../text/wordList';

/** A concept id of knowledge/safety/concepts.yaml, or one the crisis engine provides (see ./knowledge). */
export type ConceptId = 'crisis-self' | 'crisis-self-soft' | 'crisis-baby' | 'crisis-baby-soft' | 'psychosis' | 'psychosis-soft' | (string & {});

export interface Mention {
  concept: ConceptId;
  sentence: Sentence;
  /** Token range in the sentence. */
  start: number;
  end: number;
  status: Status;
  reason: string;
  /** Temperature in °C, for numeric fever mentions. */
  celsius?: number;
  /** Crisis mentions: which pattern family (or the classifier) found it. */
  family?: string;
}

/**
 * What the engine adds to a concept of knowledge/safety/concepts.yaml (its words, patterns and
 * idioms are there): how its status is read, and checks on the sentence a match is in.
 */
interface ConceptSpec {
  id: ConceptId;
  status?: StatusOptions;
  /** Extra check on the whole sentence for a match (by token range); false drops the match. */
  accept?: (s: Sentence, start: number, end: number) => boolean;
}

// ------------------------------------------------------------------ shared word classes

const BREAST = 'breast|breasts|nipple|nipples|areola|chest|armpit|armpits|underarm|duct|ducts|boob|side|lump|wedge|quadrant';
const FLUID = 'milk|discharge|fluid|liquid|colostrum|leak|leaks|leaking|leaked|drops|droplets|secretion|secretions|stuff|pumped|expressed|milkshake|ooze|oozing|oozes|bottle|bag|bags|comes|coming|came|breastmilk|seep|seeps|seeping|seeped|drip|drips|dripping|dripped|dribble|dribbles|dribbling|trickle|trickles|trickling|stream|streams|jet|jets|spray|sprays|squirt|squirts';
/** Words that make a colour about a fluid only when a fluid, pad or pump is also in the clause ("pink tinge in the milk"). */
const FLUID_SECONDARY = 'tinge|tinged|tint|tinted|streak|streaks|streaked|stain|stains|stained|coloured|colored|color|colour';

/** Compiled once: these run for every candidate match. */
const BREAST_CONTEXT = new RegExp(`\\b(${BREAST}|area|spot|patch|part|lump|feed|feeding|nursing|latch|latching|pumping|engorged|engorgement)\\b`);
const FLUID_CONTEXT = new RegExp(`\\b(${FLUID}|nipple|nipples|drip|drips|dripping|discharge|out)\\b`);
const FLUID_NEAR = new RegExp(`\\b(${FLUID}|pad|pads|bra|pump|flange|nipple|nipples)\\b`);
const FLUID_OR_SECONDARY_WORD = new RegExp(`^(${FLUID}|${FLUID_SECONDARY})$`);
const FLUID_WORD = new RegExp(`^(${FLUID})$`);
const ON_PAD = /\b(pad|pads|breast pads?|nursing pads?)\b/;
const FLUID_SECONDARY_OR_MARK = new RegExp(`^(${FLUID}|${FLUID_SECONDARY}|spots|marks|dots|patches)$`);
const breastHere = new RegExp(`\\b(${BREAST}|milk|colostrum|pump|pumping|pumped|flange|breast pad|breast pads|nursing pad|nursing pads|bra|feed|feeding|feeds|nursing|breastfeeding|letdown|latch|breastmilk)\\b`);
const nippleOrBreast = /\b(breast|breasts|nipple|nipples|areola|areolas|chest|armpit|underarm|boob|duct)\b/;

const BLOOD_ELSEWHERE = /\b(period|periods|menstrual|menstruation|vagina|vaginal|vulva|lochia|uterus|uterine|womb|cesarean|caesarean|csection|incision|stitches|scar|perineum|perineal|hemorrhoids?|haemorrhoids?|piles|stool|stools|poop|poo|urine|pee|wee|nose|nosebleed|gums|teeth|tooth|spotting|down there|toilet|wiped|wipe|tampon|finger|shaving|lip|lips|tongue|cough|coughing|vomit|vomiting|sanitary|postpartum bleeding|after (the )?birth|after (the )?delivery|after giving birth|after having (the |my )?baby|heavy bleeding|bleeding heavily|bleeding (a lot|through)|clots|c section)\b/;
/**
 * "a nosebleed while feeding, and some blood dripped onto my breast", "my period came back and there's
 * blood": a source named anywhere in the sentence is where the blood is, unless the clause says it
 * comes from the nipple or is in the milk.
 */
const BLOOD_SOURCE = /\b(nosebleed|nosebleeds|nose bleed|nose (is |was )?bleeding|bleeding nose|bloody nose|period|periods|lochia|tampon)\b/;
const BLOOD_FROM_BREAST = /\b(from|out of|coming from|in) (my |the |one |both )?(left |right )?(nipple|nipples|breast|breasts|areola|duct|milk|breastmilk|colostrum)\b|\b(nipple|nipples|areola|breast|breasts|boob|boobs) (is |are |s |keeps |has been |have been |started |was )?(bleeding|bled|bloody)\b|\bbloody (milk|discharge|nipple|nipples|colostrum)\b/;
const SIGN_ELSEWHERE = /\b(throat|face|eyes?|cheeks?|legs?|calf|calves|ankles?|feet|foot|hands?|fingers?|knees?|joints?|back|head|stomach|tummy|belly|incision|scar|c section|stitches|perineum|vagina|vaginal|bottom|butt|gums?|ears?|tongue|lips?|nose|bum|neck|wrist|shoulders?|ribs?|uterus|womb|bladder|pee|urine|everything|all over|whole body|body|muscles?|tooth|teeth|jaw|glands?|skin on my (face|arms?|legs?)|diaper|nappy|in the face|wine|flag|flags|light|lights|eyed|carpet|hair|pepper|meat|dress|shirt|top|car|nails?)\b/;
const LUMP_ELSEWHERE = /\b(throat|neck|head|scalp|legs?|thigh|arm|wrist|hands?|fingers?|foot|feet|toe|back|belly|stomach|tummy|abdomen|groin|vagina|vaginal|vulva|labia|butt|bum|bottom|buttock|jaw|gums?|ears?|eyes?|eyelid|lips?|tongue|testicles?|scar|incision|c section|collarbone|shin|knee|elbow|face|cheek|forehead|chin|nose|sum|sums|sugar|oatmeal|porridge|formula|bottle|gravy|custard|food|puree|poop|poo|stool)\b/;
const LUMP_HERE = /\b(breast|breasts|nipple|nipples|areola|chest|armpit|armpits|underarm|under (my|the) arm|duct|ducts|boob)\b/;

// ------------------------------------------------------------------ concept table

const SPECS: ConceptSpec[] = [
  { id: 'fever-very-high', status: { normalDenies: true } },
  // ---------------- crisis, harm to the baby and psychosis: see ./crisis (pattern families) and ./crisisClassifier
  {
    id: 'confusion',
    status: { selfOnly: true },
  },
  {
    id: 'confusion-strong',
    status: { selfOnly: true },
  },

  // ---------------- sepsis signs
  {
    id: 'faint',
    status: { selfOnly: false },
  },
  {
    id: 'racing-heart',
  },
  {
    id: 'sepsis-other',
  },
  { id: 'sepsis-word', },
  { id: 'dizzy', },

  // ---------------- infection
  {
    id: 'fever',
    status: { normalDenies: true },
  },
  {
    id: 'flu-like',
    status: { elsewhere: /\b(breast|breasts|nipple|nipples|boob)\b(?! (and|,))/, here: /\b(all over|body|muscles|joints|flu)\b/ },
  },
  {
    id: 'breast-sign-strong',
    status: { elsewhere: SIGN_ELSEWHERE, here: nippleOrBreast },
    accept: (s, start) => !/\b(milk|discharge|colostrum|fluid|liquid|drops|tinge|breastmilk)\b/.test(window(s, start, 3)),
  },
  {
    id: 'breast-sign-weak',
    status: { elsewhere: SIGN_ELSEWHERE, here: nippleOrBreast },
    accept: (s, start) => BREAST_CONTEXT.test(clauseText(s, start)),
  },
  {
    id: 'mastitis',
    accept: (s, start) => {
      const w = s.tokens[start];
      if (w !== 'infected' && w !== 'infection') return true;
      const c = clauseText(s, start);
      return nippleOrBreast.test(c) && !/\b(yeast|thrush|urinary|uti|ear|eye|throat|chest infection|c section|incision|wound|kidney|sinus|tooth)\b/.test(c);
    },
    status: { elsewhere: /\b(yeast|thrush|urinary|uti|ear|eye|throat|chest infection|c section|incision|kidney|sinus|tooth)\b/ },
  },
  {
    id: 'blocked-duct',
    // "had a clog since before christmas": in this chat a clog is a duct's, unless a drain or a nose is named.
    accept: (s, start) => {
      const c = clauseText(s, start);
      if (/\b(duct|ducts|bleb|blebs|blister|breast|nipple|milk)\b/.test(c)) return true;
      return /^(clog|clogs)$/.test(s.tokens[start]) && !/\b(drain|drains|sink|toilet|pipe|pipes|shower|bath|nose|sinus|sinuses|pores?|valve|tube|tubing|filter|printer|gutter)\b/.test(s.text);
    },
  },
  {
    id: 'abscess',
    accept: (s, start) => s.tokens[start] !== 'boil' && s.tokens[start] !== 'boils' ? true : nippleOrBreast.test(clauseText(s, start)),
  },
  {
    id: 'pus',
    status: {
      elsewhere: /\b(eyes?|eyelid|cesarean|csection|c section|incision|scar|stitches|ear|ears|tooth|teeth|gums?|pimple|pimples|zit|zits|whitehead|whiteheads|acne|ingrown|toe|finger|belly button|umbilical|cord|tonsils?|throat|navel|piercing|spot on my (face|back|chin))\b/,
      here: /\b(breast|breasts|nipple|nipples|areola|milk|duct|discharge|pump)\b/,
    },
  },
  {
    id: 'pus-hint',
    accept: (s) => /\b(discharge|nipple|nipples|breast|fluid|ooze|oozing|gunk|goo|stuff)\b/.test(s.text) && !/\b(milk smells|poop|diaper|nappy|breath|sweat|armpits? smell|vagina|vaginal|lochia)\b/.test(s.text),
  },
  {
    id: 'red-streaks',
    status: { elsewhere: /\b(milk|pumped|discharge|colostrum|bottle|spit|poop|diaper|nappy|stool|urine|eyes?|stretch|hair|luck|winning|losing|bra|bras|strap|straps|underwire|too small|too tight)\b/ },
  },
  {
    id: 'lump',
    accept: (s, start) => {
      const w = s.tokens[start];
      if (w === 'bump' || w === 'bumps' || w === 'mass') return LUMP_HERE.test(clauseText(s, start));
      return true;
    },
    status: { elsewhere: LUMP_ELSEWHERE, here: LUMP_HERE },
  },
  {
    id: 'growing',
  },
  {
    id: 'persisting',
  },
  {
    id: 'explained-by-feeding',
  },
  {
    id: 'not-improving',
  },
  {
    id: 'antibiotics',
  },

  // ---------------- head and eyes
  {
    id: 'headache-severe',
    accept: (s, start) => s.tokens[start] !== 'tylenol' && !/^(paracetamol|ibuprofen|advil|painkillers?|pain|meds|medicine|acetaminophen|panadol|nurofen)$/.test(s.tokens[start]) ? true : /\bheadache|migraine\b/.test(s.text),
  },
  { id: 'headache', },
  {
    id: 'vision',
    // The baby's eyes, not "since I had the baby".
    status: { normalDenies: true, elsewhere: /\b(baby|babies|newborn|son|daughter|lo) (s )?(vision|eyes?|eyesight|sight|can not see|cannot see|is not seeing|is seeing|keeps? (looking|staring))\b|\b(his|her|their) (vision|eyes?|eyesight)\b/ },
  },
  {
    id: 'missed-periods',
    status: {},
  },

  // ---------------- discharge colour and kind
  {
    id: 'blood',
    status: { elsewhere: BLOOD_ELSEWHERE, here: breastHere, sourceInSentence: BLOOD_SOURCE, fromHere: BLOOD_FROM_BREAST },
  },
  {
    id: 'pink-brown',
    accept: colourOfFluid,
    status: { elsewhere: /\b(poop|poo|stool|stools|diaper|nappy|urine|pee|spotting|period|periods|vaginal|vagina|lochia|down there|eyes|face|skin|rash|nipples? (are|is|look|looks) (pink|red|brown)|wiped|toilet|underwear|knickers|panties|pantyliner|tampon)\b/, here: /\b(milk|colostrum|nipple|nipples|breast|breasts|areola|pumped|pump|breastmilk)\b/ },
  },
  {
    id: 'cracked',
    status: { elsewhere: /\b(lips?|hands?|fingers?|heels?|feet|foot|perineum|perineal|stitches|c section|incision|scar|screen|phone|tooth|teeth are)\b/, here: /\b(nipple|nipples|areola|breast|latch)\b/ },
  },
  {
    id: 'rusty-pipe',
  },
  {
    id: 'early-days',
    // "my baby is 3 days old" tells the parent's days since the birth: the baby is not the one who has it.
    status: { selfOnly: true },
    accept: (s, start) => s.tokens[start] !== 'day' && s.tokens[start] !== 'on' && s.tokens[start] !== 'its' && s.tokens[start] !== 'it' && s.tokens[start] !== 'only' ? true : /\b(colostrum|milk|postpartum|birth|baby|newborn|feeding|nursing|pumping|engorged|breastfeeding|delivery|born)\b/.test(s.text),
  },
  {
    id: 'clear-fluid',
    // "not milk, it's like water": the fluid named in the sentence, the clause pointing back at it.
    // "clear as water and only from one little opening": a message that opens on the fluid's colour.
    accept: (s, start) => (FLUID_CONTEXT.test(clauseText(s, start)) || (start === 0 && /\b(opening|openings|duct|ducts|hole|holes|pore|pores)\b/.test(s.text)) || (/^(it|its|it s|it is|they|they are|this|that)\b/.test(clauseText(s, start).replace(/^(and|but|,) /, '')) && FLUID_CONTEXT.test(s.text))) && !/\bclear (up|ing|ed)\b/.test(window(s, start, 1)),
  },
  {
    id: 'single-duct',
  },
  {
    id: 'one-side',
  },
  { id: 'both-sides', },
  {
    id: 'spontaneous',
  },
  {
    id: 'discharge',
    status: {
      elsewhere: /\b(pee|peeing|urine|bladder|wee|incontinence|sneeze|sneezing|cough|coughing|laugh|laughing|jump|jumping|toilet|poop|stool|gas|vagina|vaginal|down there|period|lochia|ear|ears|eye|eyes|nose|c section|incision|wound|water broke|waters|amniotic|diaper|nappy|bottle|roof|tap)\b/,
      here: /\b(nipple|nipples|breast|breasts|areola|chest)\b/,
    },
  },
  {
    id: 'galactorrhea',
  },

  // ---------------- nipple and skin changes
  {
    id: 'inversion-new',
    // "... if a nipple is inverted? mine only started going inward": "mine" is the nipple just asked about.
    accept: (s) => /\b(nipple|nipples|inverted|areola|retract\w*)\b|^mine\b/.test(s.text),
  },
  { id: 'inverted', },
  {
    id: 'not-new',
    // "it was normal my whole life", "always stuck out": what was lifelong is the normal nipple, so the change is new.
    accept: (s, start) => !/\b(normal|fine|okay|ok|stuck out|sticks out|pointed out|points out|poked out|pokes out|out)\b/.test(s.tokens.slice(Math.max(0, start - 4), start + 3).join(' ')),
  },
  {
    id: 'nipple-lesion',
    accept: (s, start) => /\b(nipple|nipples|areola|breast|breasts|chest)\b/.test(clauseWithListHead(s, start)) || /\b(paget|pagets)\b/.test(s.tokens[start]) || (/\bit\b/.test(clauseText(s, start)) && /\b(nipple|nipples|areola)\b/.test(s.text)),
    status: { elsewhere: /\b(face|hands?|arms?|legs?|diaper|nappy|bottom|feet|scalp|back|belly|stomach|c section|incision|scar|cheeks?|chin|neck|mouth|lips?|tongue|throat|vagina|perineum|knees?|elbows?)\b/, here: /\b(nipple|nipples|areola)\b/ },
  },
  {
    id: 'not-healing',
  },
  {
    id: 'dimpling',
    status: { elsewhere: /\b(cheeks?|chin|face|smile|thighs?|legs?|butt|bum|bottom|cellulite|lower back|knees?|elbows?|stomach|belly|hips?|car|bumper|forehead|skull|head|hands?|golf ball)\b/, here: nippleOrBreast },
  },
  {
    id: 'dimpling-weak',
    accept: (s, start) => nippleOrBreast.test(clauseText(s, start)),
    status: { elsewhere: /\b(cheeks?|chin|face|thighs?|legs?|car|head|skull|forehead|bumper)\b/ },
  },

  // ---------------- after weaning
  {
    id: 'milk-return',
    accept: (s, start) =>
      !/\b(period|periods|cycle|menstruation|mastitis|fever|pain|lump|redness|headache)\b/.test(window(s, start, 1)) &&
      (!oneOf('it|its|they').has(s.tokens[start]) || (/\b(milk|leak|leaking|lactat\w*|colostrum|discharge|wean\w*)\b/.test(s.text) && !/\b(period|periods|cycle|supply|pain|lump|fever|rash|headache|mastitis|redness)\b/.test(s.text))),
  },
  {
    id: 'stopped-lactating',
    status: { pastIsTheFact: true },
  },
  {
    id: 'relactating',
  },

  // ---------------- mood
  {
    id: 'dmer',
    accept: (s, start) => {
      if (s.tokens[start] === 'dmer' || s.tokens[start] === 'dysphoric') return true;
      const word = s.tokens[start];
      const prev = s.tokens[start - 1] ?? '';
      const next = s.tokens[start + 1] ?? '';
      // "anxious about feeding in public", "anxious because she chokes": a reason, not D-MER.
      const forDuration = next === 'for' && /^for (a|one|\d+|a few|a couple of|about|like|just|only) ?(few |couple of )?(second|seconds|sec|secs|minute|minutes|min|mins|moment|moments|bit)\b/.test(s.tokens.slice(start + 1, start + 6).join(' '));
      // "such dread that I want to stop" says how strong, not why.
      const howStrong = next === 'that' && oneOf('such|so').has(prev);
      if (oneOf('about|because|that|for|if|whether|since|cause|cos|as').has(next) && !forDuration && !howStrong) return false;
      if (/\b(because|cause|cos)(?! of (it|this|that|them)\b)|\b(worried that|scared that|afraid that|since (she|he|the baby|baby)|about (her|him|the baby|baby|feeding in|nursing in|public|going|work|latching|choking|gagging|supply))\b/.test(s.tokens.slice(start + 1).join(' '))) return false;
      // "nervous before feeding in public": the public, not the let-down.
      if (/\b(in public|in front of|out and about|around (people|others|strangers|family))\b/.test(s.text)) return false;
      // "supply is low", "breasts feel empty": not a mood.
      const describesFeeling = oneOf('feeling|feelings|sensation|wave|waves|mood|moods|rush').has(next);
      if (oneOf('low|down|empty|upset|restless|nauseous').has(word) && !describesFeeling && !oneOf('feel|feeling|felt|get|gets|getting|so|really|very|suddenly|become|becomes|go|goes|went|i|am|m|deeply|super|kinda|extremely').has(prev)) return false;
      if (!describesFeeling && /\b(supply|breasts?|boobs?|nipples?|milk|stomach|tummy) (is|are|feel|feels|gets|get|goes|s|look|looks)\b/.test(s.text) && oneOf('low|empty|down').has(word)) return false;
      return /\b(let[ -]?downs?|milk (lets|comes|coming|let) (down|in)|(before|as|when|once|while) (the |my )?(milk|flow) (comes|come|lets|starts|flows|lets down|comes in|lands|releases|drops|begins)|ejection|when (i|my milk|she|he|the baby|baby) (start to |starts to |begin to )?(nurse|feed|breastfeed|pump|latch|latches|lets down)|(before|during|at|right before|just before|every|each|every single|each and every) (let[ -]?down|feed|feeds|feeding|nursing|pumping|session|time i (feed|nurse|pump))|every time (i|my) (feed|nurse|pump|milk)|while (nursing|feeding|pumping|breastfeeding)|when (nursing|feeding|pumping|breastfeeding)|start(ing)? (to )?(nurse|feed|pump|nursing|feeding|pumping))\b/.test(s.text);
    },
    status: { selfOnly: true },
  },
  {
    id: 'mood-severe',
  },
  {
    id: 'low-mood',
    // "dh is the one who's depressed, I'm fine": a man's mood, unless the clause says it is the parent's own.
    status: { selfOnly: true, elsewhere: /\b(husband|boyfriend|fiance|brother|father|dad|partner) (is|s|has been|seems|was|gets|got)\b/, here: /\b(i am|i m|im|i feel|i have been|i ve been|my mood|me)\b/ },
  },
  {
    id: 'medicine',
    // "I was on domperidone ... but I stopped it a month ago": a medicine taken and given up.
    accept: (s, start) => !(/\b(was|were) (on|taking)\b/.test(s.tokens.slice(Math.max(0, start - 3), start + 1).join(' ')) && /\b(stopped|quit|came off|come off|finished|gave up|ran out of) (it|them|taking)\b/.test(s.tokens.slice(start).join(' '))),
  },
];

// ------------------------------------------------------------------ helpers used by specs

function clauseText(s: Sentence, tokenIndex: number): string {
  const c = s.clauses[s.clauseOf[Math.min(tokenIndex, s.tokens.length - 1)] ?? 0];
  return s.tokens.slice(c.start, c.end).join(' ');
}

/**
 * The clause, and when it only goes on with a list ("my nipple is red, raw and scaly"), the clause
 * before it too: what the list describes is named there.
 */
function clauseWithListHead(s: Sentence, tokenIndex: number): string {
  const ci = s.clauseOf[Math.min(tokenIndex, s.tokens.length - 1)] ?? 0;
  const c = s.clauses[ci];
  const own = s.tokens.slice(c.start, c.end).filter((t) => t !== ',');
  if (ci === 0 || c.boundary !== 'comma' || own.length > 4) return own.join(' ');
  const prev = s.clauses[ci - 1];
  return `${s.tokens.slice(prev.start, prev.end).join(' ')} ${own.join(' ')}`;
}

function window(s: Sentence, tokenIndex: number, size: number): string {
  return s.tokens.slice(Math.max(0, tokenIndex - size), tokenIndex + size + 1).join(' ');
}

/** "like tea", "like dark tea", "like weak coffee": a drink named as a colour. */
function likeBefore(s: Sentence, start: number): boolean {
  return s.tokens[start - 1] === 'like' || (s.tokens[start - 2] === 'like' && oneOf('dark|light|weak|strong|black|milky|cold|pale|stewed').has(s.tokens[start - 1] ?? ''));
}

/** "pink milk", "milk is pink", "brown discharge", "pink tinge": a colour close to a fluid word, same clause. */
function colourOfFluid(s: Sentence, start: number, end: number): boolean {
  const c = s.clauses[s.clauseOf[start] ?? 0];
  const clause = s.tokens.slice(c.start, c.end).join(' ');
  // "my pad keeps getting brownish red spots": marks on a pad are the fluid's (on a bra they may be its straps').
  const fluid = FLUID_NEAR.test(clause) ? (ON_PAD.test(clause) ? FLUID_SECONDARY_OR_MARK : FLUID_OR_SECONDARY_WORD) : FLUID_WORD;
  const colour = s.tokens[start];
  if ((colour === 'coffee' || colour === 'tea' || colour === 'chocolate' || colour === 'orange') && !/^(colou?red|like|coloured|colored|color|colour)$/.test(s.tokens[end] ?? '') && !likeBefore(s, start)) return false;
  const content = s.tokens.filter((t) => !/^(maybe|a|little|bit|bit|of|it|is|its|looks|kind|sort|slightly|very|kinda|sorta|and|or|i|think|just|some|more|light|pale|dark|bright|ish|tinge|tinged|,|no|not|sure|really|quite|there|was|s)$/.test(t));
  if (s.tokens.length <= 6 && content.length <= 2 && content.every((t) => t === colour || oneOf('pink|pinkish|red|reddish|brown|brownish|rust|rusty|orange|black').has(t))) return true;
  for (let i = Math.max(c.start, start - 7); i < Math.min(c.end, end + 5); i++) {
    if (i >= start && i < end) continue;
    if (!fluid.test(s.tokens[i])) continue;
    // no "and"/"but" between the colour and the fluid word ("my nipple is red and milk leaks")
    const from = Math.min(i, start);
    const to = Math.max(i, end);
    const between = s.tokens.slice(from + 1, to);
    if (between.some((t) => t === 'and' || t === 'but' || t === 'nipple' || t === 'nipples' || t === 'skin' || t === 'areola')) continue;
    if (['comes', 'coming', 'came'].includes(s.tokens[i]) && !/\b(out)\b/.test(s.tokens.slice(i, i + 3).join(' '))) continue;
    return true;
  }
  return false;
}

// ------------------------------------------------------------------ numeric temperatures

const TEMP_CONTEXT = /^(temperature|temp|fever|thermometer|running|spiked|spiking|spike|read|reads|reading|measured|hit|hitting|at|of|was|is|around|about|over|above|nearly|almost|to|up|high|hot|febrile)$/;

interface Temperature {
  start: number;
  end: number;
  celsius: number;
}

/** Two or three digits, with a decimal part or not ("38", "101", "38.5"): what /^\d{2,3}(\.\d+)?$/ matches. */
function twoOrThreeDigits(token: string): boolean {
  const digits = integerDigits(token);
  return digits >= 2 && digits <= 3;
}

/** Temperatures written as numbers: "38.5", "38,5 c", "101 f", "temp of 39", "102 degrees". */
export function findTemperatures(s: Sentence): Temperature[] {
  const out: Temperature[] = [];
  const t = s.tokens;
  for (let i = 0; i < t.length; i++) {
    if (!twoOrThreeDigits(t[i])) continue;
    // A bare one-decimal reading in the human fever range ("hot lump, 38.9, aching") is a temperature.
    const bareReading = /^(3[7-9]|4[0-2])\.\d$|^(99|10[0-7])\.\d$/.test(t[i]) && !/^(kg|kgs|lbs|pounds|cm|weeks?|days?|oz|ml|percent|%)$/.test(t[i + 1] ?? '');
    const value = parseFloat(t[i]);
    let unit: 'c' | 'f' | undefined;
    let end = i + 1;
    if (t[i + 1] === 'degrees') {
      end++;
      if (t[i + 2] === 'c' || t[i + 2] === 'f') {
        unit = t[i + 2] as 'c' | 'f';
        end++;
      }
    } else if (t[i + 1] === 'c' || t[i + 1] === 'f') {
      unit = t[i + 1] as 'c' | 'f';
      end++;
    }
    const hasDegree = end > i + 1;
    if (/^(weeks?|days?|months?|years?|hours?|minutes?|mins?|ml|oz|ounces|times|pounds|lbs|kg|percent|bpm|beats)$/.test(t[i + 1] ?? '')) continue;
    let context = hasDegree || bareReading;
    if (!context) {
      for (let j = Math.max(0, i - 4); j < i; j++) if (oneOf('temperature|temp|fever|thermometer|febrile').has(t[j])) context = true;
      if (oneOf('temperature|temp|fever').has(t[i + 1] ?? '') || (oneOf('a|of').has(t[i + 1] ?? '') && oneOf('temperature|fever').has(t[i + 2] ?? ''))) context = true;
      if (!context && /\b(temperature|fever|thermometer)\b/.test(s.text) && TEMP_CONTEXT.test(t[i - 1] ?? '')) context = true;
    }
    if (!context) continue;
    let celsius: number | undefined;
    if (unit === 'f' || (!unit && value >= 93 && value <= 110)) celsius = ((value - 32) * 5) / 9;
    else if (unit === 'c' || (!unit && value >= 34 && value <= 43.5)) celsius = value;
    if (celsius === undefined || celsius < 34 || celsius > 44) continue;
    out.push({ start: i, end, celsius });
  }
  return out;
}


// ------------------------------------------------------------------ finding mentions


const HOOKS: ReadonlyMap<string, ConceptSpec> = new Map(SPECS.map((spec) => [spec.id, spec]));

/** Every mention of every concept in one sentence, each with its status. */
export function findMentions(s: Sentence): Mention[] {
  const mentions: Mention[] = [];
  if (s.tokens.length === 0) return mentions;
  const { concepts, thresholds, conceptFilter } = s.knowledge;
  // One pass over the sentence says which patterns could match at all; the rest never run.
  const presence = conceptFilter.scan(s.text);
  let group = -1;
  const matches: TokenMatch[] = [];
  for (const concept of concepts.values()) {
    if (!presence.group(++group)) continue;
    const spec = HOOKS.get(concept.id);
    const text = applyMasks(s.text, concept.masks, presence);
    const seen = new Set<number>();
    for (const { start, end } of tokenMatchList(s, text, concept.patterns, presence, matches, group)) {
      if (seen.has(start)) continue;
      if (spec?.accept && !spec.accept(s, start, end)) continue;
      seen.add(start);
      const st = mentionStatus(s, start, end, spec?.status);
      mentions.push({ concept: concept.id, sentence: s, start, end, status: st.status, reason: st.reason });
    }
  }
  for (const temp of findTemperatures(s)) {
    if (temp.celsius < thresholds.feverCelsius) {
      // A measured normal temperature rules a fever out.
      mentions.push({ concept: 'fever', sentence: s, start: temp.start, end: temp.end, status: 'no', reason: 'temperature below the fever threshold', celsius: temp.celsius });
      continue;
    }
    const st = mentionStatus(s, temp.start, temp.end, { normalDenies: true });
    mentions.push({ concept: 'fever', sentence: s, start: temp.start, end: temp.end, status: st.status, reason: st.reason, celsius: temp.celsius });
    if (temp.celsius >= thresholds.veryHighFeverCelsius) {
      mentions.push({ concept: 'fever-very-high', sentence: s, start: temp.start, end: temp.end, status: st.status, reason: st.reason, celsius: temp.celsius });
    }
  }
  return mentions;
}
