/**
 * The symptom check and the clinical picture (core/safety/picture) are one record of what the parent
 * told: an answer to the check is written into the picture, and what the picture already holds from
 * the parent's own words is not asked again.
 */
import type { Thresholds } from '../safety/knowledge';
import type { ClinicalPicture, Presence } from '../safety/picture';
import type { TriageAnswers } from './symptomCheck';

type LumpThreshold = Pick<Thresholds, 'lumpDays'>;

/** What the check's answers say, as picture fields. "Not sure" and pain-or-redness (which of the two?) add nothing. */
export function pictureFromAnswers(a: TriageAnswers, thresholds?: LumpThreshold): ClinicalPicture {
  const p: ClinicalPicture = {};
  if (a.status === 'pregnant' || a.status === 'breastfeeding' || a.status === 'weaned' || a.status === 'none') p.status = a.status;
  if (a.side === 'one' || a.side === 'both') p.side = a.side;
  if (a.colour === 'bloody' || a.colour === 'clear') p.colour = a.colour;
  if (a.trigger === 'own' || a.trigger === 'squeezed') p.trigger = a.trigger;
  if (a.signs === 'none') Object.assign(p, { lump: 'no', fever: 'no' } satisfies ClinicalPicture);
  if (a.signs === 'lump') p.lump = 'yes';
  if (a.signs === 'fever' || a.feverToo === 'yes') p.fever = 'yes';
  if (a.feverToo === 'no') p.fever = 'no';
  // "A week or more" is a lower bound: the lump counts as lasting past the threshold, no longer.
  if (a.lumpDuration === 'over-week' && thresholds) p.lumpDays = thresholds.lumpDays;
  if (a.other === 'new-medicine') p.medicines = 'yes';
  return p;
}

const said = (value: Presence | undefined): value is 'yes' | 'no' => value === 'yes' || value === 'no';

/**
 * The warning-sign answers the parent's own words already give. Only what was said for sure counts:
 * a sign the parent was unsure of is asked, so the check can give the safe advice with a reason.
 */
export function answersFromPicture(p: ClinicalPicture, thresholds: LumpThreshold): TriageAnswers {
  if (p.about !== undefined && p.about !== 'self') return {};
  const known: TriageAnswers = {};
  if (p.side) known.side = p.side;
  if (p.colour) known.colour = p.colour;
  if (p.trigger) known.trigger = p.trigger;

  const breastSigns = [p.pain, p.redness, p.heat, p.swelling, p.lump];
  if (p.fever === 'yes') {
    known.signs = 'fever';
    if (breastSigns.includes('yes')) known.breastSigns = 'yes';
    else if (breastSigns.every((s) => s === 'no')) known.breastSigns = 'no';
  } else if (p.lump === 'yes') {
    known.signs = 'lump';
    if (p.lumpDays !== undefined) known.lumpDuration = p.lumpDays >= thresholds.lumpDays ? 'over-week' : 'under-week';
  } else if (p.pain === 'yes' || p.redness === 'yes' || p.heat === 'yes' || p.swelling === 'yes') {
    known.signs = 'pain-redness';
    if (said(p.fever)) known.feverToo = p.fever;
  } else if ([p.fever, p.lump, p.pain, p.redness].every((s) => s === 'no')) {
    known.signs = 'none';
  }
  // A medicine mentioned is not a *new* one, so the last question of the not-lactating path is still asked.
  return known;
}
