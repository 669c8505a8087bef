/**
 * Compiles every concept and crisis pattern and reads a few messages once at start-up, so the first
 * parent's message is not the one that pays for compiling the patterns and the date reader (about
 * 0.8 s otherwise). Between them the messages reach temperatures, durations and dates.
 */
import type { RedFlagDetector } from './detector';

const MESSAGES = [
  'I weaned at Christmas, it is June now and my left breast still leaks a little clear fluid from one duct when I squeeze it.',
  'My right breast is red, hot and swollen, I have a temperature of 38.6 and chills, and there is a lump I first felt two weeks ago.',
  'No blood, no pus, no fever, but I feel so low and hopeless that I do not want to be here, and I had mastitis last year.',
  'Can mastitis cause a headache or blurry vision? My baby is 3 weeks old and my sister had a nipple rash that did not heal.',
  'We stopped at 18 months and she turns two next week, but there is still milk.',
];

export function warmUp(detector: RedFlagDetector): void {
  // Patterns a sentence cannot match are skipped (./prefilter), so these messages no longer reach
  // them all: every concept and crisis pattern is compiled here instead.
  detector.knowledge.conceptFilter.warm();
  detector.knowledge.crisis.filter.warm();
  const now = new Date();
  for (const text of MESSAGES) detector.assess(text, {}, { now });
}
