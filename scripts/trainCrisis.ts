/**
 * Trains the crisis classifier on the banks in knowledge/safety and writes generated/crisis-model.json,
 * which the bot loads at start-up. Run by `npm run build` (and so before `npm start`) and before the
 * tests; skipped when the model file is already current, unless --force.
 *
 *   npm run train:crisis [-- --force]
 */
import { performance } from 'node:perf_hooks';
import { relative } from 'node:path';
import { crisisSourceKey, loadCrisisTrainingData } from '../core/safety/crisisBank';
import { defaultModelFile, readCurrentModel, storeSourceKey, storedWithSourceKey, trainCrisisModel, writeModelFile } from '../core/safety/crisisClassifier';

export function trainIfStale(force = false): { trained: boolean; ms: number; features: number; file: string } {
  const started = performance.now();
  const data = loadCrisisTrainingData();
  const file = defaultModelFile();
  const sourceKey = crisisSourceKey();
  const current = force ? null : readCurrentModel(data, file);
  if (current) {
    // Current, but stored without this text's hash (an older build): stored again with it, so start-up need not read the banks.
    if (!storedWithSourceKey(file, sourceKey)) storeSourceKey(file, sourceKey);
    return { trained: false, ms: performance.now() - started, features: current.size, file };
  }
  const model = trainCrisisModel(data);
  writeModelFile(model, file, sourceKey);
  return { trained: true, ms: performance.now() - started, features: model.size, file };
}

if (require.main === module) {
  const r = trainIfStale(process.argv.includes('--force'));
  const where = relative(process.cwd(), r.file) || r.file;
  console.log(r.trained ? `crisis classifier trained in ${(r.ms / 1000).toFixed(1)} s (${r.features} features): ${where}` : `crisis classifier up to date: ${where}`);
}
