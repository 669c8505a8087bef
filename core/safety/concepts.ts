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
import { applyMasks, tokenMatches, type Sentence } from './text';

export type ConceptId =
  | 'crisis-self'
  | 'crisis-self-soft'
  | 'crisis-baby'
  | 'crisis-baby-soft'
  | 'psychosis'
  | 'psychosis-soft'
  | 'confusion'
  | 'confusion-strong'
  | 'faint'
  | 'racing-heart'
  | 'sepsis-other'
  | 'dizzy'
  | 'fever'
  | 'fever-very-high'
  | 'flu-like'
  | 'breast-sign-strong'
  | 'breast-sign-weak'
  | 'mastitis'
  | 'blocked-duct'
  | 'abscess'
  | 'pus'
  | 'pus-hint'
  | 'red-streaks'
  | 'lump'
  | 'growing'
  | 'persisting'
  | 'explained-by-feeding'
  | 'not-improving'
  | 'antibiotics'
  | 'headache-severe'
  | 'headache'
  | 'vision'
  | 'missed-periods'
  | 'blood'
  | 'pink-brown'
  | 'cracked'
  | 'rusty-pipe'
  | 'early-days'
  | 'clear-fluid'
  | 'single-duct'
  | 'one-side'
  | 'both-sides'
  | 'spontaneous'
  | 'discharge'
  | 'inversion-new'
  | 'inverted'
  | 'not-new'
  | 'nipple-lesion'
  | 'not-healing'
  | 'dimpling'
  | 'dimpling-weak'
  | 'milk-return'
  | 'stopped-lactating'
  | 'relactating'
  | 'dmer'
  | 'mood-severe'
  | 'low-mood'
  | 'mild-marker'
  | 'medicine'
  | 'galactorrhea'
  | 'sepsis-word';

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
  /** Crisis mentions: which pattern family (or the similarity net) found it. */
  family?: string;
}

interface ConceptSpec {
  id: ConceptId;
  patterns: RegExp[];
  /** Idioms blanked out before matching ("blood orange"). */
  masks?: RegExp[];
  status?: StatusOptions;
  /** Extra check on the whole sentence for a match (by token range); false drops the match. */
  accept?: (s: Sentence, start: number, end: number) => boolean;
}

// ------------------------------------------------------------------ shared word classes

const BREAST = 'breast|breasts|nipple|nipples|areola|chest|armpit|armpits|underarm|duct|ducts|boob|side|lump|wedge|quadrant';
const FLUID = 'milk|discharge|fluid|liquid|colostrum|leak|leaks|leaking|leaked|drops|droplets|secretion|secretions|stuff|pumped|expressed|milkshake|ooze|oozing|oozes|bottle|bag|bags|comes|coming|came|breastmilk';
/** Words that make a colour about a fluid only when a fluid, pad or pump is also in the clause ("pink tinge in the milk"). */
const FLUID_SECONDARY = 'tinge|tinged|tint|tinted|streak|streaks|streaked|stain|stains|stained|coloured|colored|color|colour';

/** Compiled once: these run for every candidate match. */
const BREAST_CONTEXT = new RegExp(`\\b(${BREAST}|area|spot|patch|part|lump|feed|feeding|nursing|latch|latching|pumping|engorged|engorgement)\\b`);
const FLUID_CONTEXT = new RegExp(`\\b(${FLUID}|nipple|nipples|drip|drips|dripping|discharge|out)\\b`);
const FLUID_NEAR = new RegExp(`\\b(${FLUID}|pad|pads|bra|pump|flange|nipple|nipples)\\b`);
const FLUID_OR_SECONDARY_WORD = new RegExp(`^(${FLUID}|${FLUID_SECONDARY})$`);
const FLUID_WORD = new RegExp(`^(${FLUID})$`);
const breastHere = new RegExp(`\\b(${BREAST}|milk|colostrum|pump|pumping|pumped|flange|breast pad|breast pads|nursing pad|nursing pads|bra|feed|feeding|feeds|nursing|breastfeeding|letdown|latch|breastmilk)\\b`);
const nippleOrBreast = /\b(breast|breasts|nipple|nipples|areola|areolas|chest|armpit|underarm|boob|duct)\b/;

const BLOOD_ELSEWHERE = /\b(period|periods|menstrual|menstruation|vagina|vaginal|vulva|lochia|uterus|uterine|womb|cesarean|caesarean|csection|incision|stitches|scar|perineum|perineal|hemorrhoids?|haemorrhoids?|piles|stool|stools|poop|poo|urine|pee|wee|nose|nosebleed|gums|teeth|tooth|spotting|down there|toilet|wiped|wipe|tampon|finger|shaving|lip|lips|tongue|cough|coughing|vomit|vomiting|sanitary|postpartum bleeding|after (the )?birth|after (the )?delivery|after giving birth|after having (the |my )?baby|heavy bleeding|bleeding heavily|bleeding (a lot|through)|clots|c section)\b/;
const SIGN_ELSEWHERE = /\b(throat|face|eyes?|cheeks?|legs?|calf|calves|ankles?|feet|foot|hands?|fingers?|knees?|joints?|back|head|stomach|tummy|belly|incision|scar|c section|stitches|perineum|vagina|vaginal|bottom|butt|gums?|ears?|tongue|lips?|nose|bum|neck|wrist|shoulders?|ribs?|uterus|womb|bladder|pee|urine|everything|all over|whole body|body|muscles?|tooth|teeth|jaw|glands?|skin on my (face|arms?|legs?)|diaper|nappy|in the face|wine|flag|flags|light|lights|eyed|carpet|hair|pepper|meat|dress|shirt|top|car|nails?)\b/;
const LUMP_ELSEWHERE = /\b(throat|neck|head|scalp|legs?|thigh|arm|wrist|hands?|fingers?|foot|feet|toe|back|belly|stomach|tummy|abdomen|groin|vagina|vaginal|vulva|labia|butt|bum|bottom|buttock|jaw|gums?|ears?|eyes?|eyelid|lips?|tongue|testicles?|scar|incision|c section|collarbone|shin|knee|elbow|face|cheek|forehead|chin|nose|sum|sums|sugar|oatmeal|porridge|formula|bottle|gravy|custard|food|puree|poop|poo|stool)\b/;
const LUMP_HERE = /\b(breast|breasts|nipple|nipples|areola|chest|armpit|armpits|underarm|under (my|the) arm|duct|ducts|boob)\b/;

const MED =
  'antidepressants?|ssris?|sertraline|zoloft|fluoxetine|prozac|citalopram|celexa|escitalopram|lexapro|paroxetine|paxil|venlafaxine|effexor|amitriptyline|mirtazapine|antipsychotics?|risperidone|risperdal|haloperidol|haldol|olanzapine|zyprexa|quetiapine|seroquel|chlorpromazine|sulpiride|amisulpride|metoclopramide|reglan|maxolon|domperidone|motilium|birth control|the pill|mini pill|minipill|contraceptives?|contraception|depo|depo provera|implant|nexplanon|mirena|hormonal iud|iud|estrogen|oestrogen|hrt|hormone replacement|hormones|opioids?|codeine|oxycodone|morphine|methadone|tramadol|verapamil|methyldopa|cimetidine|ranitidine|medication|medications|medicine|medicines|meds|med|pills?|tablets|prescription|drug|drugs|antihistamines?|anti sickness|antinausea|anti nausea|blood pressure (medication|meds|pills)|injection|shot';

// ------------------------------------------------------------------ concept table

const SPECS: ConceptSpec[] = [
  // ---------------- crisis, harm to the baby and psychosis: see ./crisis (pattern families) and ./similarity
  {
    id: 'confusion',
    masks: [
      /\bconfus(ed|ion|ing) (about|by|with|as to|on|regarding|whether|if|why|what|how|which|when|because|over|between|around)\b/g,
      /\bconfusing\b/g,
      /\bthe confusion\b/g,
    ],
    patterns: [/\bconfus(ed|ion)\b/g, /\bdisorient(ed|ated)\b|\bdelirious\b|\bdelirium\b|\bfoggy\b|\bmuddled\b|\bout of it\b/g],
    status: { selfOnly: true },
  },
  {
    id: 'confusion-strong',
    masks: [/\bconfus(ed|ion|ing) (about|by|with|as to|on|regarding|whether|if|why|what|how|which|when|because|over|between)\b/g],
    patterns: [
      /\b(very|really|so|extremely|completely|totally|super) confused (and|,)(?! \S+ (about|by|with))/g,
      /\bconfused and (disoriented|agitated|scared|seeing|hearing|can not|cannot|not making|do not know|forgetful|lost)\b/g,
      /\b(feel|feeling|feels|felt|seem|seems|seemed|getting|got|become|became|becoming|acting|gets|is|s) (very |really |so |more |a bit |quite |extremely |totally )?(confused|disoriented)\b(?! (about|by|with|as to|on|regarding|whether|if|why|what|how|which))/g,
      /\bdisorient(ed|ated)\b|\bdelirious\b|\bdelirium\b/g,
      /\b(do|does|did) not know (where|who) (i am|she is|he is|i was|she was|we are)\b/g,
      /\b(can not|could not|cannot) (think straight|think clearly|recognize|recognise|remember (my|her|his) (name|baby))\b/g,
    ],
    status: { selfOnly: true },
  },

  // ---------------- sepsis signs
  {
    id: 'faint',
    masks: [/\bfaint(ly|est|er)? (\S+ )?(pink|red|brown|line|lines|smell|trace|tinge|hint|streak|streaks|taste|yellow|blue|green|colou?r|mark|marks|orange|tint|spot|spots|stain|stains|pattern|rash|outline|bruise)\b/g, /\bfaint(ly|est|er)? (\S+ )?(\S+ish)\b/g],
    patterns: [/\b(faint|fainted|fainting|faints|pass out|passed out|passing out|black out|blacked out|blacking out|collapsed|collapse|collapsing|lost consciousness|losing consciousness|keeled over)\b/g],
    status: { selfOnly: false },
  },
  {
    id: 'racing-heart',
    patterns: [
      /\b(heart|pulse|heartbeat|heart rate) (is |was |s |has been |keeps |feels |keeps on )?(racing|pounding|beating (so |really |very |super )?(fast|hard|quickly)|going (so |really |very |super )?fast|fluttering|thumping|through the roof|skipping|galloping|hammering)\b/g,
      /\bracing heart\b|\bpalpitations?\b|\btachycardi\w*\b|\bheart (is )?racing\b/g,
      /\b(heart|pulse|heart rate|hr|bpm) (of |is |at |was )?(1[2-9]\d|2\d\d)\b|\b(1[2-9]\d) bpm\b/g,
    ],
  },
  {
    id: 'sepsis-other',
    patterns: [
      /\bclammy\b|\bmottled\b|\bblue lips\b/g,
      /\b(breathing|breathe|breath) (so |really |very )?(fast|rapidly|hard|quickly|heavy)\b|\b(can not|cannot|struggling to|hard to|trouble|difficulty) (breathe|breathing|catch my breath)\b|\bshort of breath\b|\bbreathless\b/g,
      /\bshaking uncontrollably\b|\buncontrollable shaking\b|\bteeth (are )?chattering\b/g,
      /\b(can not|could not|can barely|could barely|cannot) (stand up|stand|stay awake|keep my eyes open|get up|walk)\b/g,
    ],
  },
  { id: 'sepsis-word', patterns: [/\bseps[ie]s\b|\bseptic\b|\bblood poisoning\b|\btoxic shock\b/g] },
  { id: 'dizzy', patterns: [/\b(dizzy|dizziness|lightheaded|light headed|woozy|room (is )?spinning|vertigo)\b/g] },

  // ---------------- infection
  {
    id: 'fever',
    masks: [
      /\b(cabin|baby|spring|hay|scarlet|yellow|dengue|glandular|dance|football|fever dream|milk) fever\b/g,
      /\b(water|room|bath|shower|fridge|freezer|house|milk|bottle|food|storage|outside|oven) temperature\b/g,
      /\btemperature (of|in) (the|my|a|your) (milk|water|room|bath|shower|fridge|freezer|house|bottle|food|nursery)\b/g,
      /\b(check|checked|checking|take|took|taking|measure|measured|measuring) (my |her |the baby |his )?temperature\b(?! (is|was|of|and it|it was|showed|said|read))/g,
    ],
    patterns: [
      /\bfever(ish)?\b|\bfebrile\b|\bpyrexi\w*\b|\bhigh fever\b/g,
      /\b(a|high|raised|elevated|running|spiking|spiked|spike|slight|low grade|mild) temperature\b/g,
      /\b(have|has|had|got|get|running|run|with|spiking|spiked|developed|develop|getting) (a |an )?(high |raised |slight |low grade |mild |little |bit of a )?temperature\b/g,
      /\bhot (and|then) cold\b|\bburning up\b|\bhot and shivery\b/g,
    ],
    status: { normalDenies: true },
  },
  {
    id: 'flu-like',
    masks: [/\bchill (out|pill|vibes?|with)\b/g, /\bgives? me (the )?chills\b|\bsent chills\b/g, /\b(flu|covid) (shot|vaccine|jab|season)\b/g, /\bstomach flu\b/g, /\b(feel|feeling|felt) (awful|terrible|horrible|bad|guilty|sick) (about|for|that|when|because)\b/g, /\bsick (of|and tired)\b/g, /\bhome sick\b|\bhomesick\b/g],
    patterns: [
      /\bchills\b|\bchilly and\b|\bshivering\b|\bshaking with\b|\brigors?\b|\bthe shakes\b|\bcold sweats?\b|\bnight sweats\b|\bsweats\b/g,
      /\bflu\b|\bfluey\b|\bflu like\b|\bflu ish\b/g,
      /\b(body|muscle|muscles|joint|joints) (aches?|aching|pains?|hurts?|sore|are sore|are aching)\b|\bach(e|es|ing|y) all over\b|\ball over (achy|aching|sore)\b|\beverything (aches|hurts)\b|\baches and pains\b|\bachy\b/g,
      /\b(hit|run over) by a (bus|truck|train|lorry)\b|\brun down\b|\brundown\b|\bexhausted and (achy|shivery|feverish)\b/g,
      /\b(feel|feeling|felt|feels) (so |really |very |super |awful(ly)? |pretty |quite |a bit |generally |all )?(ill|unwell|poorly|sick|awful|terrible|horrible|rough|like death|like crap|like garbage|like rubbish|crappy|lousy|shivery|achy|wiped out)\b/g,
      /\bunder the weather\b/g,
    ],
    status: { elsewhere: /\b(breast|breasts|nipple|nipples|boob)\b(?! (and|,))/, here: /\b(all over|body|muscles|joints|flu)\b/ },
  },
  {
    id: 'breast-sign-strong',
    masks: [/\bred (lines?|marks?|indents?|dents?) (\S+ ){0,4}(from|because of|left by|due to|caused by) (my |the |a )?(bra|bras|straps?|underwire|wire|band|clothes|top|sling|carrier)\b/g, /\b(bra|bras|straps?|underwire) (\S+ )?(left|leaves|made|makes|gave) (\S+ )?red\b/g, /\bred (flags?|wine|light|lights|meat|pepper|eyes?|faced|face|cheeks?|rash on (his|her)|head|hair|dress|shirt|top|car|carpet|nails?|marks? from (my |the )?bra|stretch marks?|line on the pregnancy)\b/g, /\bstretch marks?\b/g, /\bswollen (ankles?|feet|legs?|hands?|fingers?|face|glands?|lymph nodes?|belly|tummy|stomach|eyes?|lips?)\b/g],
    patterns: [
      /\b(red|redness|reddened|reddish|inflamed|inflammation|swollen|swelling|blotchy|flushed|angry looking|angry red)\b/g,
      /\b(hot|warm|heat|burning|pink) (\S+ )?(to the touch|to touch|patch|area|spot|wedge|part|section|skin|lump|and (red|swollen|painful|hard|sore|tender))\b/g,
      /\b(breast|breasts|side|area|spot|patch|lump|part|wedge|skin|it) (is |are |feels |feel |looks |s |got |has gone |went )?(very |really |so |super |a bit |quite )?(hot|warm|pink|burning)\b/g,
      /\bwedge\b/g,
    ],
    status: { elsewhere: SIGN_ELSEWHERE, here: nippleOrBreast },
    accept: (s, start) => !/\b(milk|discharge|colostrum|fluid|liquid|drops|tinge|breastmilk)\b/.test(window(s, start, 3)),
  },
  {
    id: 'breast-sign-weak',
    masks: [/\bgrowing pains\b/g, /\bpain (relief|killers?|meds|medication)\b/g, /\bpain in the (neck|butt|ass|back)\b/g],
    patterns: [/\b(pain|painful|sore|soreness|tender|tenderness|hurts?|hurting|aching|achy|aches|throbbing|burning|hard|firm|engorged|engorgement|sensitive)\b/g],
    status: { elsewhere: SIGN_ELSEWHERE, here: nippleOrBreast },
    accept: (s, start) => BREAST_CONTEXT.test(clauseText(s, start)),
  },
  {
    id: 'mastitis',
    patterns: [
      /\bmastitis\b|\bcellulitis\b/g,
      /\b(breast|nipple|duct|milk duct|boob) infection\b/g,
      /\binfect(ed|ion) (in|of|on) (my |the |her )?(left |right )?(breast|nipple|duct|breasts|nipples|boob|side)\b/g,
      /\b(infected|inflamed) (breast|nipple|duct|milk duct|boob|breasts)\b/g,
      /\binfect(ed|ion)\b/g,
    ],
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
    patterns: [/\b(blocked|plugged|clogged|clogging|blocking|blockage|plug|clog|clogs|plugs) (milk )?(ducts?)?\b/g, /\bducts? (is |are |s )?(blocked|plugged|clogged)\b/g, /\b(milk )?(blister|bleb|blebs)\b/g],
    accept: (s, start) => /\b(duct|ducts|bleb|blebs|blister|breast|nipple|milk)\b/.test(clauseText(s, start)),
  },
  {
    id: 'abscess',
    patterns: [/\babscess\b|\b(pocket|collection) of pus\b|\bneeds? (to be )?drain(ed|ing)\b|\bboils?\b/g],
    accept: (s, start) => s.tokens[start] !== 'boil' && s.tokens[start] !== 'boils' ? true : nippleOrBreast.test(clauseText(s, start)),
  },
  {
    id: 'pus',
    patterns: [/\bpus\b/g],
    status: {
      elsewhere: /\b(eyes?|eyelid|cesarean|csection|c section|incision|scar|stitches|ear|ears|tooth|teeth|gums?|pimple|pimples|zit|zits|whitehead|whiteheads|acne|ingrown|toe|finger|belly button|umbilical|cord|tonsils?|throat|navel|piercing|spot on my (face|back|chin))\b/,
      here: /\b(breast|breasts|nipple|nipples|areola|milk|duct|discharge|pump)\b/,
    },
  },
  {
    id: 'pus-hint',
    patterns: [
      /\b(foul|bad|awful|horrible|nasty|strange|weird|rotten|funky) (smelling|smell|smells|odou?r)\b/g,
      /\bsmel(ls|ly|ling) (bad|awful|foul|rotten|off|weird|horrible|funky)\b/g,
      /\bsmelly\b/g,
      /\b(thick|cheesy|chunky) (yellow|green|yellowish|greenish|white) (discharge|gunk|goo|stuff|fluid)\b/g,
    ],
    accept: (s) => /\b(discharge|nipple|nipples|breast|fluid|ooze|oozing|gunk|goo|stuff)\b/.test(s.text) && !/\b(milk smells|poop|diaper|nappy|breath|sweat|armpits? smell|vagina|vaginal|lochia)\b/.test(s.text),
  },
  {
    id: 'red-streaks',
    masks: [/\bstretch marks?\b/g, /\b(bra|bras|straps?|underwire|wire|band|seams?|elastic|clothes|top|sling|carrier|pump flange|flange)\b(?: \S+){0,3} (left|leaves|leaving|made|makes|gave|gives|leave) (\S+ )?red (lines?|marks?|streaks?|indents?)\b/g, /\bred (lines?|marks?|streaks?|indents?) (\S+ ){0,4}(from|because of|left by|due to|caused by) (my |the |a )?(bra|bras|straps?|underwire|wire|band|clothes|top|sling|carrier)\b/g],
    patterns: [
      /\bred (streaks?|lines?|stripes?|trails?|tracks?|tracking|marks? (spreading|going|running))\b/g,
      /\bstreaks? of red\b|\bred(dish)? streaky\b|\bstreaky red(ness)?\b|\bredness (is )?(streaking|tracking)\b/g,
      /\bstreaks? (going|spreading|running|moving|tracking|heading|creeping|travell?ing|coming) (up|down|across|toward|towards|to|from|along|out)\b/g,
    ],
    status: { elsewhere: /\b(milk|pumped|discharge|colostrum|bottle|spit|poop|diaper|nappy|stool|urine|eyes?|stretch|hair|luck|winning|losing|bra|bras|strap|straps|underwire|too small|too tight)\b/ },
  },
  {
    id: 'lump',
    masks: [/\blump sums?\b/g, /\b(baby|my|pregnancy|the) bump\b/g, /\btie the knot\b/g, /\b(body|muscle) mass\b/g, /\blump in (my|the|your) throat\b/g, /\bknots? in my (stomach|tummy|back|neck|shoulders?)\b/g, /\bcross ?bumps?\b/g],
    patterns: [
      /\blumps?\b|\blumpy\b|\bknots?\b|\bnodules?\b|\bcysts?\b|\bmass\b|\bbumps?\b/g,
      /\bhard (spot|bit|area|patch|ball|part|piece|section|pea|marble|thing|place|ridge|line)\b/g,
      /\b(pea|marble|grape|golf ball|walnut|egg|lime|lemon|rice grain) (sized|size)\b/g,
    ],
    accept: (s, start) => {
      const w = s.tokens[start];
      if (w === 'bump' || w === 'bumps' || w === 'mass') return LUMP_HERE.test(clauseText(s, start));
      return true;
    },
    status: { elsewhere: LUMP_ELSEWHERE, here: LUMP_HERE },
  },
  {
    id: 'growing',
    patterns: [
      /\b(getting|got|gotten|grown|growing|grew|became|becoming|gets) (bigger|larger|worse|harder)\b/g,
      /\bgrowing\b|\bincreas(ed|ing) in size\b|\bdoubled( in size)?\b|\bbigger than (before|it was|yesterday|last)\b|\bkeeps? growing\b|\bexpanding\b/g,
    ],
    masks: [/\bgrowing (baby|pains|up|bump|family|belly|fast)\b/g],
  },
  {
    id: 'persisting',
    patterns: [
      /\bstill (there|here|have it|has not gone|not gone|hard|the same|present|lumpy|has it|feel it|can feel|sore and hard)\b/g,
      /\b(not|never) (go|going|gone|goes|went) (away|down)\b/g,
      /\b(has|have|had) not (gone|cleared|shrunk|changed|moved|budged|resolved|disappeared|softened|got smaller|gotten smaller|gone down|gone away)\b/g,
      /\b(does|did|will|would) not (go|clear|shrink|change|budge|move|resolve|soften|drain|disappear|get smaller|come out|empty)\b/g,
      /\bnot (clearing|shrinking|changing|budging|moving|resolving|softening|draining|disappearing|getting smaller|going anywhere)\b/g,
      /\b(even|still there|still) after (feeding|feeds|pumping|nursing|emptying|massage|massaging|a feed|the feed|feeding her|feeding him)\b/g,
      /\bkeeps? (coming back|returning)\b|\balways there\b|\bsame size\b|\bhard and (does not|do not) move\b|\bfixed in place\b|\bimmovable\b|\bstuck in place\b|\bdoes not move\b|\bpainless\b/g,
    ],
  },
  {
    id: 'explained-by-feeding',
    patterns: [
      /\b(goes|went|go|gone|clears|cleared|disappears|disappeared|softens|softened|shrinks|shrank|better) (away )?(after|when|once|with) (i )?(feeding|feed|feeds|pumping|pump|nursing|nurse|emptying|a feed|the feed|the baby|she|he|baby)\b/g,
      /\bwhen (i am|i m|my breasts are|they are|it is|i get) (full|engorged)\b|\bbefore (a )?(feed|feeds|feeding|pumping)\b|\bbetween feeds\b/g,
    ],
  },
  {
    id: 'not-improving',
    patterns: [
      /\b(not|no) (getting |any |really )?(better|improving|improved|improvement)\b/g,
      /\bnot get(ting)? (any )?better\b/g,
      /\b(getting|got|gotten|gets|is|s|its|feels|feel|it|looks|look|even|much|way|lot|bit) worse\b|\b(more|bigger|redder|hotter|harder|larger) (and more )?(swollen|red|painful|sore|inflamed|hot|tender|spread|lumps?)\b|\b(redder|hotter|bigger|larger) (than|today|now|and)\b|\bworsening\b|\bworse (and worse|today|than yesterday|now|on|since|despite|even)\b/g,
      /\b(spreading|spread)\b/g,
      /\b(antibiotics?|meds|medicine|medication|treatment|it|they|tablets|pills) (is |are |s |has |have |do |does |did )?(not|never) (working|helping|work|help|worked|helped|doing anything|making a difference|done anything|improving)\b/g,
      /\bnot responding\b|\bno change\b|\bno different\b|\bno improvement\b|\bno better\b/g,
      /\b(just |still |about |pretty much |exactly |every bit )?as (bad|painful|red|sore|swollen|hot|angry|inflamed|tender)( as (before|yesterday|it was|this morning|last night|ever))?\b(?=( (or|if not|maybe|possibly|probably|even|and|,))|$)|\bas (bad|painful|red|sore|swollen|hot) as (before|yesterday|it was|ever)\b/g,
      /\b(the same|same) (or|if not|maybe|possibly|probably|even) worse\b|\bif not worse\b|\b(maybe|possibly|probably|or) (even )?worse\b|\bunchanged\b|\b(is|s|looks|feels|seems|stayed|staying|still) (just |about |pretty much |exactly )?the same( as (yesterday|before|this morning|last night))?\b/g,
      /\b(still|even) (on|after|with|taking) (the )?antibiotics\b|\bdespite (the )?antibiotics\b|\bon antibiotics (and|but) (still|it is still|it s still|worse)\b/g,
    ],
  },
  {
    id: 'antibiotics',
    patterns: [/\bantibiotics?\b|\b(keflex|cephalexin|cefalexin|flucloxacillin|fluclox|dicloxacillin|augmentin|amoxicillin|amoxicilin|clindamycin|erythromycin|clarithromycin|bactrim|co amoxiclav|amoxiclav)\b/g],
  },

  // ---------------- head and eyes
  {
    id: 'headache-severe',
    patterns: [
      /\b(severe|terrible|horrible|awful|excruciating|splitting|pounding|worst|killer|intense|massive|huge|debilitating|blinding|unbearable|throbbing|crushing|nasty|sharp|crazy|insane|extreme|persistent|constant|(really|very|so|super|extremely|incredibly) bad) (\S+ )?(headache|migraine|head pain|head ache|headaches)\b/g,
      /\b(headache|migraine|headaches) (that |which )?(will not|does not|did not|has not|is not|never|won t) (go|going|gone|stop|shift|budge|respond|get|getting|ease|easing|improve|let up|lift)\b/g,
      /\b(headache|migraine|headaches) (for|all|since) (days|day|\d+ days|two days|three days|a week|yesterday|the last \S+ days|2 days|3 days)\b/g,
      /\b(headache|migraine) (is |s )?(getting worse|worse|severe|unbearable|awful|terrible|killing me|excruciating)\b/g,
      /\bhead (is |feels like it is )?(killing me|pounding|splitting|exploding|about to explode)\b|\bworst headache\b/g,
      /\b(tylenol|paracetamol|ibuprofen|advil|painkillers?|pain killers?|meds|medicine|acetaminophen|panadol|nurofen)\b(?: \S+){0,3} (not|no|nothing|never) (help|helping|helped|work|working|worked|touching|touch)\b/g,
    ],
    accept: (s, start) => s.tokens[start] !== 'tylenol' && !/^(paracetamol|ibuprofen|advil|painkillers?|pain|meds|medicine|acetaminophen|panadol|nurofen)$/.test(s.tokens[start]) ? true : /\bheadache|migraine\b/.test(s.text),
  },
  { id: 'headache', patterns: [/\bheadaches?\b|\bmigraines?\b|\bhead aches?\b/g] },
  {
    id: 'vision',
    patterns: [
      /\b(blurry|blurred|blurring|fuzzy|double|dim|dimmed|cloudy|spotty|wavy|tunnel|patchy|loss of|losing|lost|loosing) (\S+ )?vision\b/g,
      /\b(vision|eyesight)(?: (?!not\b|no\b|never\b)\S+){0,3} (blurry|blurred|blurring|fuzzy|funny|weird|strange|changing|spotty|dim|dark|black|off|double|wavy|cloudy|bad|worse|sparkly|patchy)\b/g,
      /\bseeing (spots|stars|flashes|flashing lights|double|sparkles|zigzags|zig zags|auras?|floaters|black spots|white spots|lights)\b/g,
      /\b(flashing|flashes of) lights?\b|\bspots in (my |front of my )?(vision|eyes)\b|\baura\b/g,
      /\b(can not|could not|cannot|trouble|difficulty|hard to) (see|seeing) (properly|clearly|straight|well|right|anything|out of)\b/g,
      /\b(changes? in|changing) (my )?vision\b|\bvision changes?\b|\bvision problems?\b|\beyes?(?: (?!not\b|no\b|never\b)\S+){0,3} (blurry|blurred|fuzzy)\b/g,
    ],
    status: { normalDenies: true, elsewhere: /\b(baby|babies|newborn|son|daughter)\b/ },
  },
  {
    id: 'missed-periods',
    patterns: [/\b(missed|missing|no|stopped|skipped|irregular|lost|absent|have not had|not had|not getting|did not get|do not get) (my |a |any )?(periods?|cycles?|menstruation)\b|\bperiods? (have |has )?(stopped|disappeared|gone|are irregular|went away|stopped coming)\b|\bamenorrh\w+\b/g],
    status: {},
  },

  // ---------------- discharge colour and kind
  {
    id: 'blood',
    masks: [
      /\bblood (orange|oranges|test|tests|testing|pressure|sugar|sugars|work|bank|type|group|count|counts|donation|donor|vessel|vessels|flow|supply|draw|drawn|panel|thinners?|loss|transfusion|relatives?|line|moon|glucose|levels?|results?|cells?|brother|sister|bath|lust|sport|shot|iron|blister|blisters|clot in my leg|clots in my legs?|circulation|stream|streams|pressure)\b/g,
      /\bbloodshot\b|\bbloodline\b|\bfirst blood\b|\bcold blooded\b|\bin cold blood\b|\bbleeding (heart|edge|obvious)\b|\bbad blood\b|\bblood sweat and tears\b|\bblood boil\w*\b|\bmy blood\b(?= (boils|runs|is boiling|type|group|pressure|sugar|work|test|levels?|results?))/g,
      /\bbloody (?!(discharge|milk|fluid|liquid|colostrum|nipple|nipples|streaks?|spots?|stuff|drops?|bits?|mucus|pus|pads?|crust|scabs?|bra|tinge|stains?|leak|leaking|leaks|and|or|from|in|on|with|looking|red|brown|pink|nipples|breast|boob|areola|ooze|oozing|water|liquid|show)\b)\w+/g,
    ],
    patterns: [/\bblood\b|\bbloody\b|\bbleed(ing|s)?\b|\bbled\b|\bh(a)?emorrhag\w*\b/g],
    status: { elsewhere: BLOOD_ELSEWHERE, here: breastHere },
  },
  {
    id: 'pink-brown',
    patterns: [/\b(pink|pinkish|pinky|red|reddish|brown|brownish|rust|rusty|rusty coloured|rusty colored|rust coloured|rust colored|dark red|black|blackish|maroon|strawberry|chocolate|coffee|tea|orange)\b/g],
    accept: colourOfFluid,
    status: { elsewhere: /\b(poop|poo|stool|stools|diaper|nappy|urine|pee|spotting|period|periods|vaginal|vagina|lochia|down there|eyes|face|skin|rash|nipples? (are|is|look|looks) (pink|red|brown)|wiped|toilet|underwear|knickers|panties|pantyliner|tampon)\b/, here: /\b(milk|colostrum|nipple|nipples|breast|breasts|areola|pumped|pump|breastmilk)\b/ },
  },
  {
    id: 'cracked',
    masks: [/\ba (little )?bit\b|\bbit of\b|\blittle bit\b|\bbit (more|less|better|worse|sore|pink|red|brown|bloody)\b/g],
    patterns: [
      /\bcrack(ed|s|ing)?\b|\bfissures?\b|\bscabs?\b|\bscabbed\b|\bscabby\b|\bgraz(e|ed)\b|\bdamaged?\b|\braw\b|\bblood blisters?\b|\bcuts?\b|\btorn\b|\bsplit\b|\bbroken skin\b|\bskin (is )?broken\b|\bnipple (trauma|damage|wound|injury)\b|\bpinched\b|\bcompressed\b|\blipstick shape\b/g,
      /\b(bit|bites|biting|bitten|chomped|chomping|clamped|clamping|nipped) (me|my|down|hard|on|into)\b|\b(baby|he|she|son|daughter|teeth|got|was|been|keeps|teething) (bit|biting|bitten|bites|chomping)\b|\bbit my nipple\b|\bteeth\b/g,
      /\b(shallow|bad|poor|painful|wrong) latch\b|\blatch(ing)? (is |was |has been )?(bad|poor|shallow|painful|wrong|off)\b|\btongue tie\b|\btongue tied\b|\bflange (is |was )?(too )?(small|big|tight)\b|\bpump (damage|too (strong|high|hard))\b|\bsuction (too )?(high|strong)\b|\bpumping too (hard|long)\b/g,
    ],
    status: { elsewhere: /\b(lips?|hands?|fingers?|heels?|feet|foot|perineum|perineal|stitches|c section|incision|scar|screen|phone|tooth|teeth are)\b/, here: /\b(nipple|nipples|areola|breast|latch)\b/ },
  },
  {
    id: 'rusty-pipe',
    patterns: [/\brusty pipes?\b|\brusty pipe syndrome\b/g],
  },
  {
    id: 'early-days',
    accept: (s, start) => s.tokens[start] !== 'day' && s.tokens[start] !== 'on' && s.tokens[start] !== 'its' && s.tokens[start] !== 'it' && s.tokens[start] !== 'only' ? true : /\b(colostrum|milk|postpartum|birth|baby|newborn|feeding|nursing|pumping|engorged|breastfeeding|delivery|born)\b/.test(s.text),
    patterns: [
      /\b(\d|one|two|three|four|five|six|seven|a few|few|couple of|a couple of) days? (old|postpartum|after (birth|delivery|giving birth|having|the birth|my c section)|since (birth|delivery|giving birth|i gave birth|the birth)|pp|post partum|post birth|in)\b/g,
      /\bday (\d|one|two|three|four|five|six|seven) (postpartum|pp|post partum|after birth|of breastfeeding|of nursing|since birth)\b/g,
      /\b(just|only just|recently|yesterday|the other day) (gave birth|had (my|the|a|our) baby|delivered)\b|\bgave birth (yesterday|\d days ago|(two|three|four|five|a few|few) days ago|this week|on \S+day)\b/g,
      /\b(on |its |it is |only )?day (\d|one|two|three|four|five|six|seven)\b(?! (of (my|the) (period|cycle)|after (my|the) period))/g,
      /\b(first|first few|first couple of|early) days\b|\bmilk (just )?(came|is coming|coming) in\b|\bmy milk is (just )?coming in\b/g,
    ],
  },
  {
    id: 'clear-fluid',
    patterns: [/\b(clear|watery|transparent|serous|colorless|colourless|see through|water like|like water)\b/g],
    accept: (s, start) => FLUID_CONTEXT.test(clauseText(s, start)) && !/\bclear (up|ing|ed)\b/.test(window(s, start, 1)),
  },
  {
    id: 'single-duct',
    patterns: [
      /\b(one|single|1|a single|just one|only one|same|one tiny|one little|one small) (duct|hole|opening|pore|point|place|tiny hole|little hole|spot on (my |the )?nipple|spot of (my |the )?nipple)\b/g,
      /\bfrom (one|a single|1|only one|just one|the same) (spot|duct|hole|opening|pore|place|point)\b/g,
      /\bsingle duct\b|\bone of the (holes|ducts|openings|pores)\b/g,
    ],
  },
  {
    id: 'one-side',
    patterns: [
      /\b(one|1|only one|just one|a single) (side|breast|nipple)\b/g,
      /\b(left|right) (side|breast|nipple|one|cup|boob)\b/g,
      /\b(on|from) (the|my) (left|right)\b(?! (hand|arm|leg|foot|eye|ear|of the (room|bed|road)))/g,
      /\bonly (the |my )?(left|right)\b|\bjust (the |my )?(left|right)\b|\bunilateral\b|\bone sided\b/g,
    ],
    masks: [/\b(one|1) side (of|to) (the|my) (other|face|body)\b/g, /\bthe other (side|breast|one)\b/g],
  },
  { id: 'both-sides', patterns: [/\bboth (sides|breasts|nipples|of them)\b|\bbilateral\b|\beach (side|breast|nipple)\b/g] },
  {
    id: 'spontaneous',
    patterns: [/\b(on its own|on their own|by itself|by themselves|without (squeezing|touching|pressing|any stimulation|stimulation|doing anything|any reason|a reason|reason|being touched)|spontaneous(ly)?|randomly|out of nowhere|for no reason|no reason|without me (touching|squeezing))\b/g],
  },
  {
    id: 'discharge',
    masks: [
      /\b(formula|cow|cows|oat|almond|soy|soya|goat|whole|skim|skimmed|dairy|chocolate|warm|cold|donor|rice|coconut|evaporated|condensed|powdered|pumped|expressed|frozen|stored|breast) milk\b(?! (is )?(coming|leaking|comes|leaks|came|dripping|out))/g,
      /\bmilk (supply|storage|bottle|bottles|bag|bags|powder|allergy|protein|intolerance|teeth|tooth|spots|rash|shake|shakes|chocolate|bath|carton|jug|fridge|freezer)\b/g,
      /\b(diaper|nappy|nappies|diapers|bottle|bottles|pump|roof|tap|faucet|car|valve|flange|sippy cup|cup|bag|bags) (is |are |was |keeps |keep |kept )?(leak|leaks|leaking|leaked|dripping)\b/g,
      /\bdischarged (from|home)\b|\bhospital discharge\b/g,
      /\bmilk ducts?\b/g,
    ],
    patterns: [
      /\bdischarge\b|\bleak(s|ing|ed|age|y)?\b|\bfluid\b|\bliquid\b|\bsecretions?\b|\booz(e|es|ing)\b|\bdrip(s|ping|ped)?\b|\bmilky\b|\bmilk\b|\bcolostrum\b|\blactat(e|ing|ion)\b|\bproducing milk\b|\bmaking milk\b|\bweeping\b/g,
      /\b(something|stuff|it|liquid|fluid|milk|white stuff) (comes|came|coming|is coming) out\b|\b(wet|damp|milky|sticky) (spots?|patch|patches|marks?|circles?|stains?|rings?)\b|\b(damp|wet) (bra|pads?|nightie|top)\b|\bcomes out when i squeeze\b/g,
      // "keep finding a stain in my bra", "my bra is stained from one nipple": what leaked, found afterwards.
      /\b(stains?|stained|staining|marks?|crust|crusty) (in|on|inside) (my |the )?(bra|bras|sleep bra|nursing bra|sports bra|breast pads?|nursing pads?|pads?|nightie|nightgown)\b|\b(bra|bras|pads?|nightie) (is |are |keeps? getting |keep |gets |got |was |were )?(stained|damp|soaked)\b/g,
    ],
    status: {
      elsewhere: /\b(pee|peeing|urine|bladder|wee|incontinence|sneeze|sneezing|cough|coughing|laugh|laughing|jump|jumping|toilet|poop|stool|gas|vagina|vaginal|down there|period|lochia|ear|ears|eye|eyes|nose|c section|incision|wound|water broke|waters|amniotic|diaper|nappy|bottle|roof|tap)\b/,
      here: /\b(nipple|nipples|breast|breasts|areola|chest)\b/,
    },
  },
  {
    id: 'galactorrhea',
    patterns: [/\bgalactorrh(o)?ea\b|\bprolactinoma\b|\bpituitary (tumou?r|adenoma)\b|\bhigh prolactin\b|\bprolactin (is |levels? )?(high|raised|elevated)\b/g],
  },

  // ---------------- nipple and skin changes
  {
    id: 'inversion-new',
    patterns: [
      /\b(nipple|nipples|it|its|one|left one|right one|they|she)(?: (?!not\b|no\b|never\b|always\b)\S+){0,4} (turning|turned|pulling|pulled|sinking|sunk|sunken|going|gone|went|retracting|retracted|tucking|tucked|sucking|sucked|flipping|flipped|folding|caving|caved|pointing|drawn|drawing|dipping|dipped) (in|inward|inwards|inside|back in|in on itself|into|flat|inverted)\b/g,
      /\b(newly|recently|suddenly|now|become|became|becoming|gone|turned|started being|started to be|starting to be) (\S+ )?inverted\b/g,
      /\b(started|starting|begun|began|beginning|seems|seem|seemed) to (turn|pull|sink|go|retract|tuck|point|flip|cave|draw|suck) (in|inward|inwards|inside|flat|back in|inverted)\b/g,
      /\binverted (now|recently|suddenly|lately|all of a sudden|overnight|this week|since|out of nowhere)\b/g,
      /\bnipple retraction\b|\bretracted nipple\b|\bnipple (is |has )?(retracted|retracting)\b|\b(new|newly) inverted\b/g,
      /\b(never|did not|didn t) used? to (be )?(inverted|flat|like this|turn in|point in)\b|\bused to (stick|point|poke) out\b/g,
    ],
    accept: (s) => /\b(nipple|nipples|inverted|areola|retract\w*)\b/.test(s.text),
  },
  { id: 'inverted', patterns: [/\binverted\b|\bflat nipples?\b|\bnipples? (are |is )?flat\b|\binverts?\b/g] },
  {
    id: 'not-new',
    patterns: [/\b(always|since (birth|i was|puberty|forever|i can remember|i was a teen|i was young)|born with|my whole life|all my life|forever|have had (them|it|inverted|flat)|for years|since i was little|naturally)\b/g],
    // "it was normal my whole life", "always stuck out": what was lifelong is the normal nipple, so the change is new.
    accept: (s, start) => !/\b(normal|fine|okay|ok|stuck out|sticks out|pointed out|points out|poked out|pokes out|out)\b/.test(s.tokens.slice(Math.max(0, start - 4), start + 3).join(' ')),
  },
  {
    id: 'nipple-lesion',
    patterns: [
      /\b(rash|rashes|scaly|scales|flaky|flaking|crusty|crust|crusted|crusting|eczema|dermatitis|psoriasis|open sore|wound|ulcer|ulcers|ulcerated|scab|scabs|scabby|peeling|peels|lesions?|paget|pagets|raw patch|weeping|crack|cracks|cracked|fissure|fissures)\b/g,
      /\b(a|an|the|this|that|open|little|small|tiny|big) sore\b(?! (nipples?|breasts?|boobs?|throat|back|head|muscles?|and|from|after|when|to))|\bsores\b|\bsore (on|at|near|around) (my |the )?(nipple|areola)\b/g,
    ],
    accept: (s, start) => /\b(nipple|nipples|areola|breast|breasts|chest)\b/.test(clauseText(s, start)) || /\b(paget|pagets)\b/.test(s.tokens[start]) || (/\bit\b/.test(clauseText(s, start)) && /\b(nipple|nipples|areola)\b/.test(s.text)),
    status: { elsewhere: /\b(face|hands?|arms?|legs?|diaper|nappy|bottom|feet|scalp|back|belly|stomach|c section|incision|scar|cheeks?|chin|neck|mouth|lips?|tongue|throat|vagina|perineum|knees?|elbows?)\b/, here: /\b(nipple|nipples|areola)\b/ },
  },
  {
    id: 'not-healing',
    patterns: [
      /\b(will|does|did|has|have|is|are|s|would|wo) not (heal|healing|healed|clear|clearing|cleared|go away|going away|gone away|get better|getting better|improve|improving|improved|close|closing|closed)\b/g,
      /\bnot (healing|heal|clearing up|going away|getting better|improving|closing)\b|\bnever (heals|healed|heal|goes away|clears|cleared|went away|closes)\b/g,
      /\bkeeps? (coming back|reopening|re opening|cracking|bleeding|returning|opening up|splitting)\b/g,
      /\bstill (there|not healed|open|raw|cracked|bleeding|scaly|crusty|itchy|red|flaky|weeping)\b/g,
      /\b(creams?|ointments?|lanolin|nipple cream|antifungal|steroid cream|hydrocortisone|nothing|treatment|antibiotics)\b(?: \S+){0,3} (not|no|nothing|did not|does not|is not|are not|never|has not) (work|working|help|helping|worked|helped|difference|fixed|fix)\b/g,
    ],
  },
  {
    id: 'dimpling',
    patterns: [/\bdimpl(e|ed|es|ing|y)\b|\borange peel\b|\bpeau d orange\b|\bpucker(ed|ing|s|y)?\b|\b(looks?|look) like (an )?orange (skin|peel)\b|\borange (skin|texture)\b|\bskin (is |has )?(pulling|pulled|sucked|sinking|tethered|puckering|dented|indented|dimpling) (in|inward|inwards)?\b/g],
    status: { elsewhere: /\b(cheeks?|chin|face|smile|thighs?|legs?|butt|bum|bottom|cellulite|lower back|knees?|elbows?|stomach|belly|hips?|car|bumper|forehead|skull|head|hands?|golf ball)\b/, here: nippleOrBreast },
  },
  {
    id: 'dimpling-weak',
    patterns: [/\bindent(ed|ation|ations)?\b|\bdent(ed|s)?\b|\bpitted\b|\bpores (are |look )?(bigger|enlarged|larger)\b|\bthick(ened|ening)? skin\b|\bskin (looks |feels |is )?(thick|thicker|leathery|tight and shiny)\b/g],
    accept: (s, start) => nippleOrBreast.test(clauseText(s, start)),
    status: { elsewhere: /\b(cheeks?|chin|face|thighs?|legs?|car|head|skull|forehead|bumper)\b/ },
  },

  // ---------------- after weaning
  {
    id: 'milk-return',
    patterns: [
      /\b(milk|leaking|leak|leaks|discharge|it|colostrum|lactation|fluid)\b(?: \S+){0,3} (came|come|coming|comes|has come|is coming) back\b/g,
      /\b(milk|leaking|discharge|colostrum|fluid)\b(?: \S+){0,2} (returned|is back|back again|started again|starting again|again)\b/g,
      /\b(started|start|starting|began|begun|begin) (leaking|to leak|lactating|to lactate|producing milk|making milk|having milk|getting milk) (again|back)\b/g,
      /\b(leaking|lactating) again\b|\bmilk again\b|\bnew milk\b|\bmilk is back\b|\bback to leaking\b/g,
      /\b(it|its|they) (is |s |has |have |are )?(come |came |coming |comes )?back\b/g,
    ],
    masks: [/\b(supply|letdown) (came|come|coming|comes|is coming|is) back\b/g],
    accept: (s, start) =>
      !/\b(period|periods|cycle|menstruation|mastitis|fever|pain|lump|redness|headache)\b/.test(window(s, start, 1)) &&
      (!/^(it|its|they)$/.test(s.tokens[start]) || (/\b(milk|leak|leaking|lactat\w*|colostrum|discharge)\b/.test(s.text) && !/\b(period|periods|cycle|supply|pain|lump|fever|rash|headache|mastitis|redness)\b/.test(s.text))),
  },
  {
    id: 'stopped-lactating',
    patterns: [/\b(stopped|stop|quit|finished|ended|gave up) (breastfeeding|nursing|feeding|pumping|lactating|leaking|producing|making milk|bf)\b|\b(dried|dry) up\b|\bweaned\b|\bweaning\b|\bno (more )?milk\b|\bmilk (had |has )?(stopped|dried|gone)\b|\bhad stopped\b|\bhave not (breastfed|nursed|pumped)\b/g],
  },
  {
    id: 'relactating',
    patterns: [/\brelactat\w*\b|\binduc(e|ed|ing) lactation\b|\b(started|start|starting|began) (pumping|breastfeeding|nursing|feeding) (again|her again|him again)\b|\bpumping again\b|\bpower pump\w*\b|\b(pregnant|expecting) again\b|\bnew baby\b|\bbreastfeeding again\b/g],
  },

  // ---------------- mood
  {
    id: 'dmer',
    patterns: [/\bdmer\b|\bdysphoric( milk)?( ejection| letdown| reflex)\b/g, /\b(sad|sadness|dread|dreading|anxious|anxiety|panic|panicky|hopeless|hopelessness|despair|empty|emptiness|homesick|homesickness|gloom|gloomy|down|low|depressed|irritable|agitated|uneasy|unease|angry|anger|rage|doom|sinking feeling|pit in my stomach|negative (feeling|feelings|emotion|emotions)|dark (feeling|cloud|wave)|upset|tearful|weepy|like crying|want to cry|wave of|heavy feeling|restless|nauseous|icky feeling|bad feeling|horrible feeling|awful feeling)\b/g],
    accept: (s, start) => {
      if (s.tokens[start] === 'dmer' || s.tokens[start] === 'dysphoric') return true;
      const word = s.tokens[start];
      const prev = s.tokens[start - 1] ?? '';
      const next = s.tokens[start + 1] ?? '';
      // "anxious about feeding in public", "anxious because she chokes": a reason, not D-MER.
      const forDuration = next === 'for' && /^for (a|one|\d+|a few|a couple of|about|like|just|only) ?(few |couple of )?(second|seconds|sec|secs|minute|minutes|min|mins|moment|moments|bit)\b/.test(s.tokens.slice(start + 1, start + 6).join(' '));
      if (/^(about|because|that|for|if|whether|since|cause|cos|as)$/.test(next) && !forDuration) return false;
      if (/\b(because|cause|cos|worried that|scared that|afraid that|since (she|he|the baby|baby)|about (her|him|the baby|baby|feeding in|nursing in|public|going|work|latching|choking|gagging|supply))\b/.test(s.tokens.slice(start + 1).join(' '))) return false;
      // "supply is low", "breasts feel empty": not a mood.
      const describesFeeling = /^(feeling|feelings|sensation|wave|waves|mood|moods|rush)$/.test(next);
      if (/^(low|down|empty|upset|restless|nauseous)$/.test(word) && !describesFeeling && !/^(feel|feeling|felt|get|gets|getting|so|really|very|suddenly|become|becomes|go|goes|went|i|am|m|deeply|super|kinda|extremely)$/.test(prev)) return false;
      if (!describesFeeling && /\b(supply|breasts?|boobs?|nipples?|milk|stomach|tummy) (is|are|feel|feels|gets|get|goes|s|look|looks)\b/.test(s.text) && /^(low|empty|down)$/.test(word)) return false;
      return /\b(let[ -]?downs?|milk (lets|comes|coming|let) (down|in)|ejection|when (i|my milk|she|he|the baby|baby) (start to |starts to |begin to )?(nurse|feed|breastfeed|pump|latch|latches|lets down)|(before|during|at|right before|just before|every|each) (let[ -]?down|feed|feeds|feeding|nursing|pumping|session|time i (feed|nurse|pump))|every time (i|my) (feed|nurse|pump|milk)|while (nursing|feeding|pumping|breastfeeding)|when (nursing|feeding|pumping|breastfeeding)|start(ing)? (to )?(nurse|feed|pump|nursing|feeding|pumping))\b/.test(s.text);
    },
    status: { selfOnly: true },
  },
  {
    id: 'mood-severe',
    patterns: [
      /\b(want to|wanting to|thinking of|thinking about|going to|might|considering|ready to|about to|have to|had to|made me|make me|makes me) (stop|quit|give up|giving up|stopping|quitting) (breastfeeding|nursing|feeding|pumping|bf)\b/g,
      /\b(dread|dreading|hate|hating|terrified of|scared of|avoid|avoiding|put off|putting off|delay|delaying|skip|skipping|skipped|miss|missing|dropping|dropped|cutting|cut) (out )?(every |each |the |my |some |a few |more )?(feed|feeds|feeding|feedings|nursing|nursing sessions|pumping|pumping sessions|pump sessions|pumps|breastfeeding|letdown|sessions?)\b/g,
      /\bcan not (cope|function|handle it|enjoy|bear it|face|go on|take it|get through the day)\b|\bnot coping\b|\bstruggling to cope\b|\bstruggling (with everything|so much|every day)\b/g,
      /\b(affecting|affects|ruining|ruins|ruined|interfering with|interferes with|taking over|destroying|wrecking|impacting) (my |our )?(life|day|days|everything|relationship|bond|bonding|breastfeeding|feeding|feeds|sleep|work|marriage|mood|family|ability)\b/g,
      /\b(all|the whole|most of the) day\b|\blasts? (for )?(hours|all day|ages)\b|\bunbearable\b|\bso (bad|strong|intense|awful) (that|i)\b|\bcan not stop crying\b|\bcry(ing)? (all the time|every day|all day|constantly|nonstop)\b|\bcan not get out of bed\b|\bnot (eating|sleeping) (because|due)\b/g,
    ],
  },
  {
    id: 'low-mood',
    masks: [/\b(feeling|feel|felt) (a bit |a little |slightly )?(down|low|sad|blue) (today|this morning|tonight|sometimes|occasionally|about)\b/g, /\bbaby blues\b/g],
    patterns: [
      /\b(depressed|depression|postpartum depression|postnatal depression|hopeless|hopelessness|worthless|numb|empty inside|no joy|joyless|anhedonia)\b/g,
      /\b(not enjoying|can not enjoy|do not enjoy) anything\b|\bcan not stop crying\b|\bcry(ing)? (all the time|every day|all day|constantly|nonstop|every night)\b|\bcan not get out of bed\b/g,
      /\bfeel like a failure\b|\bi am a failure\b|\bi hate myself\b|\bhate my life\b|\bpanic attacks?\b|\bconstant anxiety\b|\banxiety (is )?(through the roof|all the time|constant|crippling|unbearable)\b|\boverwhelmed all the time\b/g,
      /\b(feel|feeling|felt) (so |really |very )?(low|down|sad|flat|empty|awful|miserable|dark) (all the time|every day|for weeks|constantly|most days|all day)\b/g,
      /\blost interest\b|\bdo not feel anything\b|\b(do not|can not) (love|bond with|feel love for|connect with) (my|the) baby\b|\bno bond with\b|\bregret having (my|the|a) baby\b|\bi hate my baby\b|\bnot myself for weeks\b|\bin a dark place\b|\bpostpartum anxiety\b|\bpostnatal anxiety\b/g,
    ],
    status: { selfOnly: true },
  },
  {
    id: 'mild-marker',
    patterns: [/\b(passes|goes away|gone|only lasts|lasts|over|fades|disappears) (in |within |after |for )?(only )?(a few |a couple of |about a |about |a |one |30 |few |\d+ )?(seconds|second|minute|minutes|moment|moments|min|mins)\b|\b(otherwise|other than that|rest of the time|the rest of the day) (i am |i feel |my mood is |i m )?(fine|ok|okay|good|happy|great|normal)\b|\bquickly\b|\bbrief(ly)?\b|\bshort\b/g],
  },
  {
    id: 'medicine',
    patterns: [
      new RegExp(`\\b(started|starting|start|began|begin|new|since|after|switched to|changed to|put on|prescribed|increased|upped|raised|on|taking|take|took|went on|going on|been on|came off)(?: \\S+){0,3} (${MED})\\b`, 'g'),
      new RegExp(`\\b(${MED}) (i |that i |which i )?(started|began|was put on|was prescribed|have been taking|am taking|take)\\b`, 'g'),
      /\bside effect\b/g,
    ],
    masks: [/\b(pain|stool|sleep) (meds|medication|pills|tablets)\b/g, /\bprenatal (vitamins?|pills?)\b/g],
  },
];

// ------------------------------------------------------------------ helpers used by specs

function clauseText(s: Sentence, tokenIndex: number): string {
  const c = s.clauses[s.clauseOf[Math.min(tokenIndex, s.tokens.length - 1)] ?? 0];
  return s.tokens.slice(c.start, c.end).join(' ');
}

function window(s: Sentence, tokenIndex: number, size: number): string {
  return s.tokens.slice(Math.max(0, tokenIndex - size), tokenIndex + size + 1).join(' ');
}

/** "pink milk", "milk is pink", "brown discharge", "pink tinge": a colour close to a fluid word, same clause. */
function colourOfFluid(s: Sentence, start: number, end: number): boolean {
  const c = s.clauses[s.clauseOf[start] ?? 0];
  const clause = s.tokens.slice(c.start, c.end).join(' ');
  const fluid = FLUID_NEAR.test(clause) ? FLUID_OR_SECONDARY_WORD : FLUID_WORD;
  const colour = s.tokens[start];
  if ((colour === 'coffee' || colour === 'tea' || colour === 'chocolate' || colour === 'orange') && !/^(colou?red|like|coloured|colored|color|colour)$/.test(s.tokens[end] ?? '') && s.tokens[start - 1] !== 'like') return false;
  const content = s.tokens.filter((t) => !/^(maybe|a|little|bit|bit|of|it|is|its|looks|kind|sort|slightly|very|kinda|sorta|and|or|i|think|just|some|more|light|pale|dark|bright|ish|tinge|tinged|,|no|not|sure|really|quite|there|was|s)$/.test(t));
  if (s.tokens.length <= 6 && content.length <= 2 && content.every((t) => t === colour || /^(pink|pinkish|red|reddish|brown|brownish|rust|rusty|orange|black)$/.test(t))) return true;
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

/** Temperatures written as numbers: "38.5", "38,5 c", "101 f", "temp of 39", "102 degrees". */
export function findTemperatures(s: Sentence): Temperature[] {
  const out: Temperature[] = [];
  const t = s.tokens;
  for (let i = 0; i < t.length; i++) {
    if (!/^\d{2,3}(\.\d+)?$/.test(t[i])) continue;
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
      for (let j = Math.max(0, i - 4); j < i; j++) if (/^(temperature|temp|fever|thermometer|febrile)$/.test(t[j])) context = true;
      if (/^(temperature|temp|fever)$/.test(t[i + 1] ?? '') || (/^(a|of)$/.test(t[i + 1] ?? '') && /^(temperature|fever)$/.test(t[i + 2] ?? ''))) context = true;
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

export const FEVER_C = 38.0;
/** "Very high fever" for the sepsis rule: 39.5 °C (about 103 °F) or more. */
export const VERY_HIGH_FEVER_C = 39.4;

// ------------------------------------------------------------------ finding mentions


/** Every mention of every concept in one sentence, each with its status. */
export function findMentions(s: Sentence): Mention[] {
  const mentions: Mention[] = [];
  if (s.tokens.length === 0) return mentions;
  for (const spec of SPECS) {
    const text = applyMasks(s.text, spec.masks);
    const seen = new Set<number>();
    for (const { start, end } of tokenMatches(s, text, spec.patterns)) {
      if (seen.has(start)) continue;
      if (spec.accept && !spec.accept(s, start, end)) continue;
      seen.add(start);
      const st = mentionStatus(s, start, end, spec.status);
      mentions.push({ concept: spec.id, sentence: s, start, end, status: st.status, reason: st.reason });
    }
  }
  for (const temp of findTemperatures(s)) {
    if (temp.celsius < FEVER_C) {
      // A measured normal temperature rules a fever out.
      mentions.push({ concept: 'fever', sentence: s, start: temp.start, end: temp.end, status: 'no', reason: 'temperature below 38 C', celsius: temp.celsius });
      continue;
    }
    const st = mentionStatus(s, temp.start, temp.end, { normalDenies: true });
    mentions.push({ concept: 'fever', sentence: s, start: temp.start, end: temp.end, status: st.status, reason: st.reason, celsius: temp.celsius });
    if (temp.celsius >= VERY_HIGH_FEVER_C) {
      mentions.push({ concept: 'fever-very-high', sentence: s, start: temp.start, end: temp.end, status: st.status, reason: st.reason, celsius: temp.celsius });
    }
  }
  // Words for a very high fever.
  const veryHigh = /\b(very|really|super|extremely|crazy|insanely|dangerously|scary|incredibly|so) high (fever|temperature)\b|\b(fever|temperature) (is |was |of |s )?(very|really|super|extremely|dangerously|so) high\b/g;
  for (const { start, end } of tokenMatches(s, s.text, [veryHigh])) {
    const st = mentionStatus(s, start, end, { normalDenies: true });
    mentions.push({ concept: 'fever-very-high', sentence: s, start, end, status: st.status, reason: st.reason });
  }
  return mentions;
}

