/**
 * Token-level spelling and slang repair for red-flag words only. It maps a misspelt or slang token to
 * the canonical word the detector's patterns use ("blod" -> "blood", "boob" -> "breast", "puss" ->
 * "pus"). It never touches negation words.
 */

/** Explicit variants: misspellings, slang and abbreviations. Value may be several words. */
const VARIANTS: Record<string, string> = {
  // blood
  blod: 'blood', bld: 'blood', blud: 'blood', bloob: 'blood', boold: 'blood', blodd: 'blood', bllod: 'blood',
  bloodd: 'blood', blooded: 'bloody', blody: 'bloody', bloddy: 'bloody', bloodie: 'bloody', bleading: 'bleeding',
  bleding: 'bleeding', bleedin: 'bleeding', bleeing: 'bleeding', bleedinng: 'bleeding', blead: 'bleed', bleads: 'bleeds',
  bloodstained: 'blood stained', bloodtinged: 'blood tinged', bloodish: 'bloody', bloodyish: 'bloody',
  // pus
  puss: 'pus', pusy: 'pus', pussing: 'pus', puslike: 'pus like', pusss: 'pus', purulent: 'pus',
  // fever / temperature
  feaver: 'fever', fevr: 'fever', fevar: 'fever', fver: 'fever', feever: 'fever', feber: 'fever', fevor: 'fever',
  feveer: 'fever', fevah: 'fever', fevers: 'fever', feverish: 'feverish', feverishh: 'feverish', feverisch: 'feverish',
  fevery: 'feverish', fevered: 'feverish', temp: 'temperature', temps: 'temperature', tempreture: 'temperature',
  temprature: 'temperature', temperture: 'temperature', temparature: 'temperature', tempature: 'temperature',
  temperatur: 'temperature', tempurature: 'temperature', temprture: 'temperature', tempreature: 'temperature',
  chils: 'chills', chillls: 'chills', shivery: 'shivering', shivers: 'shivering', shivring: 'shivering',
  // body
  boob: 'breast', boobs: 'breasts', boobie: 'breast', boobies: 'breasts', booby: 'breast', booob: 'breast',
  boobss: 'breasts', tit: 'breast', tits: 'breasts', titty: 'breast', titties: 'breasts', breastie: 'breast',
  brest: 'breast', brests: 'breasts', breat: 'breast', breats: 'breasts', breastt: 'breast', bresst: 'breast',
  nippel: 'nipple', nippels: 'nipples', nipel: 'nipple', nipels: 'nipples', niple: 'nipple', niples: 'nipples',
  nipp: 'nipple', nip: 'nipple', nips: 'nipples', nippl: 'nipple', nipplee: 'nipple', nippple: 'nipple',
  areolas: 'areola', areolae: 'areola', aerola: 'areola', areloa: 'areola',
  // discharge / leaking
  dischage: 'discharge', discharg: 'discharge', dischrage: 'discharge', discarge: 'discharge', dishcarge: 'discharge',
  dicharge: 'discharge', discharges: 'discharge', dischare: 'discharge', leeking: 'leaking', leaks: 'leaks',
  leakin: 'leaking', leeks: 'leaks', leakng: 'leaking',
  // lumps
  lumb: 'lump', lumbs: 'lumps', lumpp: 'lump', lumpe: 'lump', lumo: 'lump',
  // infection words
  mastitus: 'mastitis', mastitits: 'mastitis', masitis: 'mastitis', mastits: 'mastitis', mastisis: 'mastitis',
  mastistis: 'mastitis', mastitas: 'mastitis', mastiitis: 'mastitis', mastiti: 'mastitis',
  absess: 'abscess', abcess: 'abscess', absces: 'abscess', abscesses: 'abscess', abcesses: 'abscess', absecss: 'abscess',
  abscees: 'abscess', abces: 'abscess', absscess: 'abscess', antibiotic: 'antibiotics', antibotics: 'antibiotics',
  antibiotcs: 'antibiotics', antibiotis: 'antibiotics', abx: 'antibiotics', antibiodics: 'antibiotics',
  infecton: 'infection', infektion: 'infection', infeccion: 'infection', infected: 'infected',
  // streaks, swelling
  streek: 'streak', streeks: 'streaks', streack: 'streak', streacks: 'streaks', swolen: 'swollen', swollon: 'swollen',
  swolln: 'swollen', sweling: 'swelling', swolled: 'swollen',
  // head / vision
  headach: 'headache', hedache: 'headache', headace: 'headache', headaches: 'headache', migrane: 'migraine',
  migranes: 'migraine', migraines: 'migraine', blury: 'blurry', blurr: 'blurry', blurrey: 'blurry', blured: 'blurred',
  vission: 'vision', visison: 'vision', eyesight: 'vision', sight: 'vision',
  // mind
  suicidle: 'suicidal', sucidal: 'suicidal', suisidal: 'suicidal', suicdal: 'suicidal', suicial: 'suicidal',
  suiside: 'suicide', kil: 'kill', kll: 'kill', kiil: 'kill', kms: 'kill myself', killl: 'kill', myslef: 'myself', myelf: 'myself', mysef: 'myself', sucide: 'suicide', suicde: 'suicide', unalive: 'kill', unaliving: 'killing',
  confussed: 'confused', confuzed: 'confused', confusd: 'confused', halucinating: 'hallucinating',
  hallucinatig: 'hallucinating', halucinations: 'hallucinations', hallucinate: 'hallucinating',
  hallucinated: 'hallucinating', hallucination: 'hallucinations', dieing: 'dying', dyeing: 'dying',
  // nipple skin
  inverterd: 'inverted', invertted: 'inverted', dimpeled: 'dimpled', dimpeling: 'dimpling', dimpley: 'dimpled',
  // people
  lo: 'baby', bub: 'baby', bubs: 'baby', bubba: 'baby', bubby: 'baby', babe: 'baby', bebe: 'baby', dd: 'baby',
  ds: 'baby', newborn: 'newborn', hubby: 'husband', hubs: 'husband', dh: 'husband', bf: 'breastfeeding',
  bfing: 'breastfeeding', bfeeding: 'breastfeeding', ebf: 'breastfeeding', ebfing: 'breastfeeding',
  breastfeed: 'breastfeed', breastfeding: 'breastfeeding', brestfeeding: 'breastfeeding', breast_feeding: 'breastfeeding',
  nursin: 'nursing', pp: 'postpartum', ppd: 'postpartum depression', ppa: 'postpartum anxiety', dmer: 'dmer',
  // time
  wk: 'week', wks: 'weeks', wkss: 'weeks', mo: 'months', mos: 'months', mth: 'month', mths: 'months', mnths: 'months',
  yr: 'year', yrs: 'years', hrs: 'hours', hrz: 'hours', ystd: 'yesterday',
  // shorthand
  ive: 'i have', id: 'i would', iam: 'i am', thats: 'that is', theres: 'there is', whats: 'what is', idk: 'i do not know',
  dunno: 'do not know', gonna: 'going to', wanna: 'want to', gotta: 'have to', cuz: 'because', coz: 'because',
  bc: 'because', b4: 'before', rn: 'right now', u: 'you', ur: 'your', r: 'are', abt: 'about', w: 'with',
  prolly: 'probably', def: 'definitely', tho: 'though', altho: 'although', thru: 'through', nite: 'night',
  kinda: 'kind of', sorta: 'sort of', lil: 'little', abit: 'a bit', alot: 'a lot', smth: 'something',
  sth: 'something', anymore: 'anymore', nomore: 'no more', noone: 'no one', wont: 'will not', doesnt: 'does not',
};

/**
 * Vocabulary for near-miss correction (Damerau-Levenshtein distance 1, same first letter, 6+ letters).
 * Real English words that sit one edit away from these are listed in PROTECTED and never corrected.
 */
const FUZZY_TARGETS = [
  'bleeding', 'bloody', 'feverish', 'temperature', 'nipple', 'nipples', 'breast', 'breasts', 'discharge',
  'mastitis', 'abscess', 'antibiotics', 'streaks', 'swollen', 'swelling', 'inverted', 'dimpled', 'dimpling',
  'suicidal', 'suicide', 'headache', 'migraine', 'blurry', 'blurred', 'confused', 'fainted', 'fainting',
  'hallucinating', 'hallucinations', 'shivering', 'leaking', 'colostrum', 'infection', 'infected', 'redness',
  'painful', 'discoloured', 'discolored', 'breastfeeding', 'pregnant', 'weaning', 'weaned', 'nursing',
  'pumping', 'inflamed', 'hopeless', 'depressed', 'depression', 'letdown', 'dizziness', 'palpitations',
  'retracted', 'puckered', 'yellowish', 'greenish', 'brownish', 'pinkish', 'reddish', 'scabbed', 'cracked',
];

const PROTECTED = new Set([
  'breath', 'breathe', 'breeding', 'pleading', 'bleeping', 'blonde', 'bloods', 'blooms', 'floody', 'nibble',
  'nibbles', 'ripple', 'ripples', 'tipple', 'dimples', 'inverter', 'invented', 'inserted', 'inverse', 'painted',
  'fainter', 'feature', 'leaning', 'leading', 'leafing', 'heading', 'leasing', 'pumpkin', 'nursery', 'weaker',
  'weaner', 'swallow', 'swallen', 'confuses', 'confuse', 'headaches', 'migrant', 'infects', 'reddens', 'fainted',
  'pregnancy', 'weaning', 'hopeful', 'depressing', 'depressed', 'pressed', 'depress', 'streams', 'streets',
  'stress', 'streaky', 'blurted', 'slurry', 'blurts', 'hurry', 'suicides', 'dizzied', 'colostomy', 'retracts',
  'retreated', 'pickered', 'cracker', 'crackle', 'tracked', 'scabies', 'painfully', 'discharged', 'dischargee',
  'breasted', 'abscesses', 'antibiotic', 'bloomed',
]);

function damerauAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1); // deletion / insertion
}

const KNOWN = new Set(FUZZY_TARGETS);
const fuzzyCache = new Map<string, string>();

function fuzzy(token: string): string {
  if (token.length < 6 || PROTECTED.has(token) || KNOWN.has(token) || !/^[a-z]+$/.test(token)) return token;
  const cached = fuzzyCache.get(token);
  if (cached !== undefined) return cached;
  let found = token;
  for (const target of FUZZY_TARGETS) {
    if (target[0] === token[0] && damerauAtMostOne(token, target)) {
      found = target;
      break;
    }
  }
  if (fuzzyCache.size < 5000) fuzzyCache.set(token, found);
  return found;
}

/** Repairs one lower-case token; may return several words. */
export function repairToken(token: string): string {
  const direct = VARIANTS[token];
  if (direct !== undefined) return direct;
  // Stretched letters: "bloooood" -> "blood", "feeeever" -> "feever" -> "fever".
  if (/([a-z])\1\1/.test(token)) {
    const two = token.replace(/([a-z])\1{2,}/g, '$1$1');
    const one = token.replace(/([a-z])\1{2,}/g, '$1');
    for (const candidate of [two, one]) {
      if (VARIANTS[candidate] !== undefined) return VARIANTS[candidate];
      if (KNOWN.has(candidate) || /^(blood|pus|fever|lump|pink|red|brown|help|die|dead|no|not|never)$/.test(candidate)) return candidate;
    }
    return fuzzy(two);
  }
  return fuzzy(token);
}
