import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './bench-results';
import { EXIT, runMain } from './cli-support';

// npm run bench:table — bench/README.md from bench/results.json: each bench's headline numbers
// against its targets, and the machine, commit and date of its latest run. The last step of
// `npm run bench`; the README is generated, never edited by hand.

const RESULTS = path.join(ROOT, 'bench', 'results.json');
const README = path.join(ROOT, 'bench', 'README.md');

type Entry = Record<string, unknown>;

interface Row {
  measure: string;
  result: string;
  target: string;
  /** undefined: informational, no target. */
  met?: boolean;
}

function valueAt(entry: unknown, at: string): unknown {
  let value: unknown = entry;
  for (const key of at.split('.')) value = value && typeof value === 'object' ? (value as Entry)[key] : undefined;
  return value;
}

/** A value at a dotted path of an entry, if it is a number. */
function num(entry: unknown, at: string): number | undefined {
  const value = valueAt(entry, at);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A value at a dotted path of an entry, if it is a string. */
function text(entry: unknown, at: string): string | undefined {
  const value = valueAt(entry, at);
  return typeof value === 'string' ? value : undefined;
}

function passed(entry: Entry, key: string): boolean | undefined {
  const pass = entry.pass;
  const value = pass && typeof pass === 'object' ? (pass as Entry)[key] : undefined;
  return typeof value === 'boolean' ? value : undefined;
}

const fmt = (value: number | undefined, unit = '', digits = 1): string =>
  value === undefined ? '—' : `${value.toLocaleString('en-GB', { maximumFractionDigits: digits })}${unit}`;

const seconds = (ms: number | undefined): string => fmt(ms === undefined ? undefined : ms / 1000, ' s');

/** The slowest query of bench:queries at a percentile, with its name. */
function worstQuery(entry: Entry, field: 'p50Ms' | 'p99Ms'): string {
  const queries = entry.queries && typeof entry.queries === 'object' ? Object.entries(entry.queries as Entry) : [];
  const [name, worst] = queries.reduce<[string, number]>((w, [n, q]) => ((num(q, field) ?? -1) > w[1] ? [n, num(q, field) ?? -1] : w), ['', -1]);
  return worst < 0 ? '—' : `${fmt(worst, ' ms', 2)} (${name})`;
}

function remindersRows(e: Entry): Row[] {
  const queue = typeof e.queue === 'string' ? `${e.queue} queue` : 'queue';
  return [
    { measure: 'reminders delivered', result: `${fmt(num(e, 'posts'), '', 0)} of ${fmt(num(e, 'channels'), '', 0)} channels`, target: 'all', met: passed(e, 'delivered') },
    { measure: `time to deliver all (${queue})`, result: seconds(num(e, 'deliverAllMs')), target: `≤ ${seconds(num(e, 'targets.deliverAllMs'))}`, met: passed(e, 'rate') },
    { measure: 'rate from ready', result: fmt(num(e, 'rate'), '/s'), target: `≥ ${fmt(num(e, 'targets.rate'), '/s')} (Teams: 50/s)`, met: passed(e, 'rate') },
    { measure: 'lost / repeated', result: `${fmt(num(e, 'lost'), '', 0)} / ${fmt(num(e, 'duplicates'), '', 0)}`, target: '0 / 0', met: passed(e, 'lost') !== false && passed(e, 'duplicates') !== false },
    { measure: 'heap flat after the scan', result: fmt(num(e, 'memory.heapPerChannelKiB'), ' KiB/channel', 2), target: 'flat', met: passed(e, 'heapFlat') },
  ];
}

/** Headline rows of each bench known to this table; any other bench shows its pass flags. */
const HEADLINES: Readonly<Record<string, (e: Entry) => Row[]>> = {
  turns: (e) => [
    {
      measure: 'throughput, bot / bare botbuilder echo bot',
      result: `${fmt(num(e, 'ratio'), '×', 3)} (${fmt(num(e, 'bot.turnsPerSecond'))} / ${fmt(num(e, 'echo.turnsPerSecond'))} turns/s)`,
      target: `≥ ${fmt(num(e, 'targets.ratio'), '×', 2)}`,
      met: passed(e, 'ratio'),
    },
    { measure: 'bot "summary" latency p50 / p99', result: `${fmt(num(e, 'bot.p50Ms'), ' ms')} / ${fmt(num(e, 'bot.p99Ms'), ' ms')}`, target: '—' },
    { measure: 'echo bot latency p50 / p99', result: `${fmt(num(e, 'echo.p50Ms'), ' ms')} / ${fmt(num(e, 'echo.p99Ms'), ' ms')}`, target: '—' },
    { measure: 'CPU per turn, bot / echo bot', result: `${fmt(num(e, 'bot.botCpuMsPerTurn'), ' ms', 2)} / ${fmt(num(e, 'echo.botCpuMsPerTurn'), ' ms', 2)}`, target: '—' },
    { measure: 'peak RSS, bot / echo bot', result: `${fmt(num(e, 'peakRssMiB.bot'), ' MiB', 0)} / ${fmt(num(e, 'peakRssMiB.echo'), ' MiB', 0)}`, target: '—' },
    { measure: `concurrency, rounds`, result: `${fmt(num(e, 'settings.concurrency'), '', 0)} virtual users, ${fmt(num(e, 'settings.rounds'), '', 0)} × ${seconds(num(e, 'settings.durationMs'))} each`, target: '—' },
    { measure: 'placement', result: text(e, 'settings.placement') ?? 'all sharing every CPU', target: '—' },
    { measure: 'cold start to /readyz 200 (benchmark organization)', result: seconds(num(e, 'coldStart.readyMs')), target: '—' },
    { measure: 'failed turns', result: fmt((num(e, 'bot.failedTurns') ?? 0) + (num(e, 'echo.failedTurns') ?? 0), '', 0), target: '0', met: passed(e, 'noFailedTurns') },
  ],
  nlu: (e) => [
    { measure: 'language model start-up', result: fmt(num(e, 'startupMs'), ' ms', 0), target: `≤ ${fmt(num(e, 'targets.startupMs'), ' ms', 0)}`, met: passed(e, 'startup') },
    { measure: 'understanding p50 / p99', result: `${fmt(num(e, 'utterances.p50Ms'), ' ms', 3)} / ${fmt(num(e, 'utterances.p99Ms'), ' ms', 3)}`, target: `p99 ≤ ${fmt(num(e, 'targets.p99Ms'), ' ms')}`, met: passed(e, 'p99') },
    { measure: 'hostile inputs: crashes / invalid answers', result: `${fmt(num(e, 'hostile.crashes'), '', 0)} / ${fmt(num(e, 'hostile.invalidAnswers'), '', 0)} of ${fmt(num(e, 'hostile.inputs'), '', 0)}`, target: '0 / 0', met: passed(e, 'hostile') },
  ],
  queries: (e) => [
    { measure: 'load the benchmark organization', result: seconds(num(e, 'load.ms')), target: `≤ ${seconds(num(e, 'targets.loadMs'))}`, met: passed(e, 'loadMs') },
    { measure: 'peak RSS', result: fmt(num(e, 'load.maxRssMiB'), ' MiB', 0), target: `≤ ${fmt(num(e, 'targets.rssMiB'), ' MiB', 0)}`, met: passed(e, 'rssMiB') },
    { measure: 'slowest query p50', result: worstQuery(e, 'p50Ms'), target: `≤ ${fmt(num(e, 'targets.p50Ms'), ' ms')}`, met: passed(e, 'p50Ms') },
    { measure: 'slowest query p99', result: worstQuery(e, 'p99Ms'), target: `≤ ${fmt(num(e, 'targets.p99Ms'), ' ms')}`, met: passed(e, 'p99Ms') },
  ],
  reports: (e) => [
    { measure: `CSV (${fmt(num(e, 'csv.rows'), '', 0)} rows)`, result: fmt(num(e, 'csv.seconds'), ' s', 2), target: `≤ ${fmt(num(e, 'targets.csvSeconds'), ' s')}`, met: passed(e, 'csvSeconds') },
    { measure: 'Excel workbook', result: fmt(num(e, 'xlsx.seconds'), ' s', 2), target: `≤ ${fmt(num(e, 'targets.xlsxSeconds'), ' s')}`, met: passed(e, 'xlsxSeconds') },
    {
      measure: 'RSS growth, CSV / Excel',
      result: `${fmt(num(e, 'csv.rssGrowthMiB'), ' MiB', 0)} / ${fmt(num(e, 'xlsx.rssGrowthMiB'), ' MiB', 0)}`,
      target: `≤ ${fmt(num(e, 'targets.rssGrowthMiB'), ' MiB', 0)}`,
      met: passed(e, 'rssGrowthMiB'),
    },
  ],
  reminders: remindersRows,
  'reminders-redis': remindersRows,
};

/** Which bench ran first in `npm run bench`, then the rest by name. */
const ORDER = ['turns', 'nlu', 'queries', 'reports', 'reminders', 'reminders-redis'];

function fallbackRows(e: Entry): Row[] {
  const pass = e.pass && typeof e.pass === 'object' ? Object.entries(e.pass as Entry) : [];
  return pass.map(([key, met]) => ({ measure: key, result: '—', target: 'see results.json', met: typeof met === 'boolean' ? met : undefined }));
}

function machineText(e: Entry): string {
  const m = e.machine && typeof e.machine === 'object' ? (e.machine as Entry) : {};
  const text = (key: string): string => (typeof m[key] === 'string' || typeof m[key] === 'number' ? String(m[key]) : '?');
  return `${text('cpu')}, ${text('cores')} cores, ${text('memoryGiB')} GiB RAM, node ${text('node')}, ${text('platform')}`;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const mark = (met: boolean | undefined): string => (met === undefined ? '' : met ? '✅' : '❌');

export function benchTable(results: Readonly<Record<string, Entry>>): string {
  const names = Object.keys(results).sort((a, b) => {
    const ia = ORDER.indexOf(a) === -1 ? ORDER.length : ORDER.indexOf(a);
    const ib = ORDER.indexOf(b) === -1 ? ORDER.length : ORDER.indexOf(b);
    return ia - ib || a.localeCompare(b);
  });
  const lines = [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench:table` from bench/results.json: edit the generator (src/cli/bench-table.ts), not this file. -->',
    '',
    '`npm run bench` runs every bench, records each in `bench/results.json` (its latest run replaces',
    'the previous one) and writes this page. A bench can be run alone (`npm run bench:turns`, …); then',
    '`npm run bench:table` refreshes the page. Numbers depend on the machine and on what else runs on',
    'it: each row names its run below.',
    '',
    '| Bench | Measure | Result | Target | Met |',
    '|---|---|---|---|---|',
  ];
  for (const name of names) {
    const entry = results[name] ?? {};
    const rows = (HEADLINES[name] ?? fallbackRows)(entry);
    rows.forEach((row, i) => lines.push(`| ${i === 0 ? `**${name}**` : ''} | ${cell(row.measure)} | ${cell(row.result)} | ${cell(row.target)} | ${mark(row.met)} |`));
  }
  lines.push('', '## Runs', '', '| Bench | Date (UTC) | Commit | Machine | Load average (1, 5, 15 min) |', '|---|---|---|---|---|');
  for (const name of names) {
    const e = results[name] ?? {};
    const date = typeof e.date === 'string' ? e.date.replace('T', ' ').slice(0, 16) : '—';
    const load = Array.isArray(e.loadAverage) ? e.loadAverage.join(', ') : '—';
    lines.push(`| ${name} | ${date} | ${typeof e.commit === 'string' ? `\`${e.commit}\`` : '—'} | ${cell(machineText(e))} | ${load} |`);
  }
  lines.push(
    '',
    '`+changes`: the run was made on a checkout with changes not committed yet. Targets come from the',
    'issues that asked for each bench; rows without one are reported for reference.',
    '',
  );
  return lines.join('\n');
}

function writeTable(): number {
  if (!existsSync(RESULTS)) {
    process.stderr.write('bench/results.json does not exist yet: run a bench first (npm run bench)\n');
    return EXIT.bug;
  }
  const parsed: unknown = JSON.parse(readFileSync(RESULTS, 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('bench/results.json is not an object of benches');
  writeFileSync(README, benchTable(parsed as Record<string, Entry>));
  process.stdout.write(`${path.relative(ROOT, README)} written (${Object.keys(parsed).length} benches)\n`);
  return EXIT.ok;
}

if (require.main === module) runMain(() => Promise.resolve().then(writeTable));
