// npm run -s gen -- --seed N --workspaces N --contracts N --consumption N --cases N --out DIR
// Writes a generated organization (dataset.md) and prints one JSON line of counts.
import { parseArgs } from 'node:util';
import { generateDataset, GENERATOR_TODAY, type GenerateOptions } from '../data/generator';

const USAGE =
  'usage: npm run -s gen -- --out DIR [--seed N] [--workspaces N] [--contracts N] [--consumption N] [--cases N] [--today YYYY-MM-DD]';

const LIMITS = {
  seed: { min: 0, max: Number.MAX_SAFE_INTEGER, default: 1 },
  workspaces: { min: 1, max: 10_000, default: 5 },
  contracts: { min: 1, max: 100_000, default: 8 },
  consumption: { min: 0, max: 50_000_000, default: 2_000 },
  cases: { min: 0, max: 5_000_000, default: 200 },
} as const;
type NumericFlag = keyof typeof LIMITS;

class UsageError extends Error {}

// not `instanceof Error`: errors thrown by node:util come from another realm under test runners
const messageOf = (e: unknown): string =>
  typeof (e as { message?: unknown } | null)?.message === 'string' ? (e as { message: string }).message : String(e);

export function parseGenArgs(argv: readonly string[]): { options: GenerateOptions; out: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        out: { type: 'string' },
        seed: { type: 'string' },
        workspaces: { type: 'string' },
        contracts: { type: 'string' },
        consumption: { type: 'string' },
        cases: { type: 'string' },
        today: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError(messageOf(e));
  }
  const number = (flag: NumericFlag): number => {
    const { min, max, default: fallback } = LIMITS[flag];
    const text = values[flag];
    if (text === undefined) return fallback;
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
    }
    return n;
  };
  if (!values.out) throw new UsageError('--out DIR is required');
  const today = values.today ?? GENERATOR_TODAY;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) {
    throw new UsageError(`--today must be a date YYYY-MM-DD, got "${today}"`);
  }
  const options: GenerateOptions = {
    seed: number('seed'),
    workspaces: number('workspaces'),
    contracts: number('contracts'),
    consumption: number('consumption'),
    cases: number('cases'),
    today,
  };
  return { options, out: values.out };
}

export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseGenArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`gen: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  const counts = await generateDataset(parsed.options, parsed.out);
  process.stdout.write(`${JSON.stringify({ out: parsed.out, ...parsed.options, counts })}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`gen: ${messageOf(e)}\n`);
      process.exitCode = 1;
    },
  );
}
