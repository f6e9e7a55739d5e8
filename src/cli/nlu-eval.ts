import { readFileSync } from 'node:fs';
import { badRequest } from '../domain/errors';
import { LOCALES } from '../domain/vocabulary';
import { evaluate, labelledLine, share, type Evaluation, type Labelled } from '../nlu/evaluate';
import { recognize, warmUp } from '../nlu/recognize';
import { EXIT, resolveToday, runMain } from './cli-support';
import { parseArgs, take } from './parse-args';

// npm run nlu:eval -- FILE [--today YYYY-MM-DD] [--client-locale] [--json]
// Scores the recognizer on a labelled JSON Lines file (the `nlu` output format): intent accuracy and
// entity exact match per language, then the confusions and every miss.
// Without --today, dates resolve against TODAY or 2026-11-22, the reference date of the labelled
// sets and the sample data (dataset.md). With --client-locale each line's locale is passed as the
// client's locale; without it, the language is detected from the text.

const REFERENCE_TODAY = '2026-11-22';

function readExamples(file: string): Labelled[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw badRequest('errors.badRequest.badFlag', { flag: 'FILE', expected: 'a readable JSON Lines file' });
  }
  const examples: Labelled[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      json = undefined;
    }
    const parsed = labelledLine.safeParse(json);
    if (parsed.success) examples.push(parsed.data);
    else process.stderr.write(`${file}:${index + 1}: skipped, expected {"text","locale","intent","entities"}\n`);
  });
  return examples;
}

const pct = (part: number, total: number): string => `${(share(part, total) * 100).toFixed(1)}%`;

function print(evaluation: Evaluation): void {
  const out: string[] = [];
  out.push('language  utterances  intent   entities  locale');
  for (const locale of LOCALES) {
    const s = evaluation.byLocale[locale];
    out.push(`${locale.padEnd(10)}${String(s.total).padStart(10)}  ${pct(s.intent, s.total).padStart(6)}  ${pct(s.entities, s.total).padStart(8)}  ${pct(s.locale, s.total).padStart(6)}`);
  }
  out.push('', 'confusions (expected → got):');
  if (evaluation.confusions.length === 0) out.push('  none');
  for (const c of evaluation.confusions) out.push(`  ${c.expected} → ${c.got}: ${c.count}`);
  out.push('', 'misses:');
  if (evaluation.misses.length === 0) out.push('  none');
  for (const m of evaluation.misses) {
    out.push(`  [${m.locale}] ${m.text}`);
    out.push(`      expected ${m.expected.intent} ${JSON.stringify(m.expected.entities)}`);
    out.push(`      got      ${m.got.intent} ${JSON.stringify(m.got.entities)}${m.got.locale === m.locale ? '' : ` (locale ${m.got.locale})`}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main(): Promise<number> {
  const { flags, switches, positionals } = parseArgs(process.argv.slice(2), ['json', 'client-locale']);
  const file = positionals[0];
  if (!file) throw badRequest('errors.badRequest.missingFlag', { flag: 'FILE', expected: 'a labelled JSON Lines file' });
  const todayFlag = take(flags, 'today') ?? process.env.TODAY;
  const today = todayFlag ? resolveToday(todayFlag) : REFERENCE_TODAY;
  const examples = readExamples(file);
  warmUp();
  const evaluation = evaluate(examples, (e) => recognize(e.text, { today, ...(switches.has('client-locale') ? { locale: e.locale } : {}) }));
  if (switches.has('json')) process.stdout.write(`${JSON.stringify(evaluation)}\n`);
  else print(evaluation);
  return Promise.resolve(EXIT.ok);
}

runMain(main);
