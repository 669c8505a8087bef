import type { ClinicalPicture } from './picture';

/** The picture's yes / no / not-sure fields: what a rule across messages (rules.yaml `acrossMessages`) can name. */
export const PRESENCE_FIELDS = [
  'lump', 'pain', 'redness', 'heat', 'swelling', 'fever', 'pus', 'streaks', 'skinChanges', 'nippleChanges', 'headache', 'vision', 'medicines', 'mood', 'singleOpening',
] as const satisfies ReadonlyArray<keyof ClinicalPicture>;

export type PresenceFieldName = (typeof PRESENCE_FIELDS)[number];
