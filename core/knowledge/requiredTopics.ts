/** Topic ids the product promises (issue "Knowledge base and language understanding"); tests check each exists. */
export const REQUIRED_TOPICS = {
  'why-it-leaks': [
    'why-breasts-leak', 'letdown-reflex', 'pregnancy-leaking', 'full-breasts', 'other-breast-leaking', 'shower-leaking',
    'leaking-during-sex', 'stress-and-emotions', 'dmer', 'pressure-triggers', 'oversupply',
    'no-obvious-reason', 'medications-and-hormones', 'galactorrhea',
  ],
  conditions: [
    'blocked-duct', 'mastitis-and-infection', 'fibrocystic-changes', 'duct-ectasia',
    'intraductal-papilloma', 'breast-cancer-concern',
  ],
  'normal-and-duration': ['is-leaking-normal', 'when-does-leaking-stop', 'leaking-after-weaning'],
  managing: [
    'managing-leaks', 'breast-pads', 'feed-or-pump-often', 'nipple-pressure', 'hiding-leaks-clothing', 'leaking-at-work',
    'leaking-at-night', 'confidence-and-embarrassment',
  ],
  safety: ['when-to-see-doctor', 'symptom-check'],
  conversation: ['greeting', 'help', 'thanks', 'goodbye', 'restart', 'about', 'human-handoff', 'forget-me'],
} as const;

export const OUT_OF_SCOPE = 'out-of-scope';
