// npx tsx src/cli/card-catalogue-dump.ts [--data DIR] [--today YYYY-MM-DD] [--as EMAIL]…
// Prints the card catalogue as one JSON object { entries, texts, failures, milliseconds } on stdout: the
// every-card test reads it before jest collects its tests (one test per card needs the list first).
import { parseArgs } from 'node:util';
import { GENERATOR_TODAY } from '../data/generator';
import { buildCatalogue, type CatalogueFailure, type TextAnswer } from './card-catalogue';
import { loadOrg, runMain } from './cli-support';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, today: { type: 'string' }, as: { type: 'string', multiple: true } },
    strict: true,
  });
  const org = await loadOrg(values.data);
  const texts: TextAnswer[] = [];
  const failures: CatalogueFailure[] = [];
  const started = performance.now();
  const entries = await buildCatalogue(org, {
    today: values.today ?? GENERATOR_TODAY,
    users: values.as,
    onText: (t) => texts.push(t),
    onFailure: (f) => failures.push(f),
  });
  const milliseconds = Math.round(performance.now() - started);
  process.stdout.write(`${JSON.stringify({ entries, texts, failures, milliseconds })}\n`);
  return 0;
}

runMain(main);
