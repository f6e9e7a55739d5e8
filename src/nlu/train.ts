import { writeFileSync } from 'node:fs';
import { MODEL_FILE, trainModelFile } from './model';

// npm run nlu:train — trains the classifiers from corpus/ and writes model.json (commit it).
// Deterministic: the same corpus gives the same file.
if (require.main === module) {
  const started = performance.now();
  const file = trainModelFile();
  writeFileSync(MODEL_FILE, `${JSON.stringify(file)}\n`);
  process.stderr.write(`wrote ${MODEL_FILE} in ${Math.round(performance.now() - started)} ms\n`);
}
