/**
 * Before any test: the crisis classifier's model is built from the banks when missing or stale, and
 * language understanding is trained and stored (generated/), as `npm run build` does.
 */
import { trainIfStale } from '../../scripts/trainCrisis';
import { trainNlu } from '../../scripts/trainNlu';

export default function globalSetup(): void {
  trainIfStale();
  trainNlu();
}
