/** Shared helpers for the red-flag detector tests. */
import { assessSafety } from '../../core/safety';
import type { ParentContext, SafetyAssessment } from '../../core/safety/types';

/** A fixed "today" so month names ("I weaned in March") give the same answer every run. */
export const NOW = new Date('2026-11-22T12:00:00Z');

export function assess(text: string, known: ParentContext = {}): SafetyAssessment {
  return assessSafety(text, known, { now: NOW });
}

export const flagIds = (r: SafetyAssessment): string[] => r.flags.map((f) => f.id);
export const confirmIds = (r: SafetyAssessment): string[] => r.toConfirm.map((f) => f.id);
export const askedIds = (r: SafetyAssessment): string[] => r.askedAbout.map((f) => f.id);
/** The level a reported flag was raised at (undefined when it was not reported). */
export const levelOf = (r: SafetyAssessment, id: string): string | undefined => r.flags.find((f) => f.id === id)?.level;

/** Escalates: at least one reported flag (a question to confirm does not count). */
export const escalates = (r: SafetyAssessment): boolean => r.flags.length > 0 && r.level !== null;

export const BREASTFEEDING: ParentContext = { lactation: 'breastfeeding' };
export const PUMPING: ParentContext = { lactation: 'pumping' };
export const PREGNANT: ParentContext = { lactation: 'pregnant' };
export const NOT_LACTATING: ParentContext = { lactation: 'none' };
