/** Before any test: the crisis classifier's model is built from the banks when missing or stale. */
import { trainIfStale } from '../../scripts/trainCrisis';

export default function globalSetup(): void {
  trainIfStale();
}
