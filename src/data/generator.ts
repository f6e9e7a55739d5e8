import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateCases, consumptionDrawer, generateTraining } from './gen-activity';
import { generateOrganization } from './gen-organization';
import { finishEntitlements, generateEntitlements, generatePackages } from './gen-packages';
import { ChunkedWriter, writeJsonArray, writeJsonObject } from './json-writer';
import { SeededRandom } from './seeded-random';
import { DATASET_FILES } from './validate';

/** The "today" the sample and generated organizations are built around (dataset.md). */
export const GENERATOR_TODAY = '2026-11-22';

export interface GenerateOptions {
  seed: number;
  workspaces: number;
  contracts: number;
  consumption: number;
  cases: number;
  /** Defaults to GENERATOR_TODAY; never the clock, so output is reproducible. */
  today?: string;
}

export type GenerateSummary = Record<keyof typeof DATASET_FILES, number>;

/**
 * Writes a valid organization of any size to `outDir`, byte-identical for the same options:
 * a seeded PRNG, a pinned today and fixed key order. consumption.jsonl is streamed, so a million
 * records cost no more memory than a thousand.
 */
export async function generateDataset(options: GenerateOptions, outDir: string): Promise<GenerateSummary> {
  const today = options.today ?? GENERATOR_TODAY;
  const root = new SeededRandom(options.seed);
  // one stream per part, forked in a fixed order
  const orgRng = root.fork();
  const pkgRng = root.fork();
  const caseRng = root.fork();
  const trainingRng = root.fork();
  const consumptionRng = root.fork();
  const sizingRng = root.fork();

  const org = generateOrganization(orgRng, options, today);
  const packages = generatePackages(pkgRng, org.contracts);
  const drafts = generateEntitlements(pkgRng, packages);
  const cases = generateCases(caseRng, options.cases, org, packages, drafts, today);
  const training = generateTraining(trainingRng, org, today);

  await mkdir(outDir, { recursive: true });
  const file = (name: keyof typeof DATASET_FILES): string => join(outDir, DATASET_FILES[name]);
  await writeJsonObject(file('organization'), org.organization);
  await writeJsonArray(file('users'), org.users);
  await writeJsonArray(file('contracts'), org.contracts);
  await writeJsonArray(file('workspaces'), org.workspaces);
  await writeJsonArray(file('memberships'), org.memberships);
  await writeJsonArray(file('groups'), org.groups);
  await writeJsonArray(file('packages'), packages);
  await writeJsonArray(file('cases'), cases);
  await writeJsonArray(file('training'), training);

  const consumed = new Float64Array(drafts.length);
  const draw = consumptionDrawer(consumptionRng, options.consumption, packages, drafts, cases, today);
  const out = new ChunkedWriter(file('consumption'));
  let written = 0;
  for (let n = 1; n <= options.consumption; n++) {
    const next = draw(n);
    if (!next) break; // no package has started yet: nothing can have been delivered
    consumed[next.entitlementIndex] = (consumed[next.entitlementIndex] ?? 0) + next.record.quantity;
    written += 1;
    if (out.push(`${JSON.stringify(next.record)}\n`)) await out.flush();
  }
  await out.close();

  // sized from what was drawn, so remaining is realistic and some entitlements are in overage
  const entitlements = finishEntitlements(sizingRng, drafts, consumed);
  await writeJsonArray(file('entitlements'), entitlements);

  return {
    organization: 1,
    users: org.users.length,
    contracts: org.contracts.length,
    workspaces: org.workspaces.length,
    memberships: org.memberships.length,
    groups: org.groups.length,
    packages: packages.length,
    entitlements: entitlements.length,
    cases: cases.length,
    training: training.length,
    consumption: written,
  };
}
