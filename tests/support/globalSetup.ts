/**
 * Before any test: the crisis classifier's model is built from the banks when missing or stale, the
 * knowledge files are parsed, the patterns read for their required strings, language understanding is trained and stored and the knowledge files' validation recorded (generated/), as
 * `npm run build` does.
 */
import { trainIfStale } from '../../scripts/trainCrisis';
import { parseKnowledge } from '../../scripts/parseKnowledge';
import { trainNlu } from '../../scripts/trainNlu';
import { storePatternStrings } from '../../scripts/storePatternStrings';
import { validateKnowledge } from '../../scripts/validateKnowledge';

export default function globalSetup(): void {
  trainIfStale();
  parseKnowledge();
  storePatternStrings();
  trainNlu();
  validateKnowledge();
}
