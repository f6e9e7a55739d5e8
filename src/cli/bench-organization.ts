import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateDataset, type GenerateOptions } from '../data/generator';
import { ROOT } from './bench-results';

// The benchmark organization, generated once into tmp/ and shared by the benches that need it
// (a stamp of the options says whether the folder holds this size already).

export const BENCH_ORGANIZATION: GenerateOptions = { seed: 1, workspaces: 100, contracts: 1000, consumption: 1_000_000, cases: 50_000 };
export const BENCH_ORGANIZATION_DIR = path.join(ROOT, 'tmp', 'bench-org');

export async function ensureBenchOrganization(): Promise<string> {
  const stamp = path.join(BENCH_ORGANIZATION_DIR, '.options.json');
  const wanted = JSON.stringify(BENCH_ORGANIZATION);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return BENCH_ORGANIZATION_DIR;
  process.stderr.write(`generating the benchmark organization in ${path.relative(ROOT, BENCH_ORGANIZATION_DIR)}…\n`);
  await generateDataset(BENCH_ORGANIZATION, BENCH_ORGANIZATION_DIR);
  writeFileSync(stamp, wanted);
  return BENCH_ORGANIZATION_DIR;
}
