// npm run docs:screens
// Runs the browser journeys of `npm run test:e2e` (test/e2e) with E2E_SCREENS_DIR set, so that the
// pictures of a passing run become docs/screens/<locale>-<nn>-<step>.png, and writes their index,
// docs/screens/README.md. A failing run leaves docs/screens as it was (its pictures and logs are in
// test-results/e2e/).
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMain } from './cli-support';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'docs', 'screens');
const LOCALES = [
  { id: 'en', name: 'English' },
  { id: 'it', name: 'Italiano' },
] as const;

interface Shot {
  file: string;
  caption: string;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function index(steps: Readonly<Record<string, Shot[]>>): string {
  const [first] = LOCALES;
  const rows = steps[first.id]!.map((shot, i) => {
    const pictures = LOCALES.map((l) => {
      const s = steps[l.id]![i]!;
      return `![${cell(s.caption)}](${s.file})`;
    });
    return `| ${i + 1}. ${cell(shot.caption)} | ${pictures.join(' | ')} |`;
  });
  return `# The bot in a browser, step by step

What a person sees in each step of the browser journeys (\`npm run test:e2e\`, \`test/e2e/journey.ts\`):
Debian's Chromium on the Microsoft 365 Agents Playground's page, wired to the bot on the sample
organization (\`data/sample\`, today = 2026-11-22), offline. Giulia Verdi (Customer Activity in
Contoso Italia, not in Sales) uses the page; Anna Bianchi, the customer admin, has a Playground of
her own on the same bot, driven through its conversation API: she approves Giulia's request and
runs the renewal reminders of the channel Giulia subscribed. Each picture is taken once the step's
checks have passed. \`npm run docs:screens\` refreshes this folder.

| step | ${LOCALES.map((l) => l.name).join(' | ')} |
|---|${LOCALES.map(() => '---').join('|')}|
${rows.join('\n')}
`;
}

async function main(): Promise<number> {
  const shots = mkdtempSync(path.join(tmpdir(), 'docs-screens-'));
  try {
    const jest = require.resolve('jest/bin/jest');
    const status = await new Promise<number | null>((resolve) =>
      spawn(process.execPath, [jest, '-c', 'jest.e2e.config.js'], { cwd: ROOT, env: { ...process.env, E2E_SCREENS_DIR: shots }, stdio: 'inherit' }).once(
        'exit',
        resolve,
      ),
    );
    if (status !== 0) {
      process.stderr.write('docs:screens: the journeys failed, docs/screens is unchanged; see test-results/e2e/\n');
      return 1;
    }
    const steps: Record<string, Shot[]> = {};
    for (const l of LOCALES) steps[l.id] = JSON.parse(readFileSync(path.join(shots, `${l.id}.steps.json`), 'utf8')) as Shot[];
    const counts = LOCALES.map((l) => steps[l.id]!.length);
    if (new Set(counts).size !== 1) throw new Error(`the journeys took ${counts.join(' and ')} pictures: one per step in each language expected`);

    mkdirSync(OUT, { recursive: true });
    for (const old of readdirSync(OUT)) if (old.endsWith('.png')) rmSync(path.join(OUT, old)); // no picture of a step that is gone
    for (const l of LOCALES) for (const s of steps[l.id]!) copyFileSync(path.join(shots, s.file), path.join(OUT, s.file));
    writeFileSync(path.join(OUT, 'README.md'), index(steps));
    process.stdout.write(`docs:screens: ${counts.reduce((a, b) => a + b, 0)} pictures and README.md in ${path.relative(process.cwd(), OUT) || '.'}\n`);
    return 0;
  } finally {
    rmSync(shots, { recursive: true, force: true });
  }
}

runMain(main);
