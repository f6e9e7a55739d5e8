import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { answerLineSchema } from '../../src/nlu/result-schema';

const ROOT = path.resolve(__dirname, '..', '..');

function runNlu(stdin: string): { stdout: string; stderr: string; status: number | null } {
  const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/cli/nlu.ts', '--today', '2026-11-22'], {
    cwd: ROOT,
    input: stdin,
    encoding: 'utf8',
  });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

describe('npm run -s nlu', () => {
  it('writes one valid answer line per input line and nothing else on stdout', () => {
    const inputs = [
      JSON.stringify({ text: "quanti crediti proattivi ci restano nell'area Finance?" }),
      JSON.stringify({ text: 'expiring 60x' }),
      'not json at all',
      JSON.stringify({ text: '<script>alert(1)</script>', locale: 'it' }),
      JSON.stringify({ text: 'x'.repeat(10_240) }),
      JSON.stringify({ text: 'e per i workshop?' }),
    ];
    const { stdout, stderr, status } = runNlu(`${inputs.join('\n')}\n`);
    expect(status).toBe(0);
    const lines = stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(inputs.length);
    for (const line of lines) expect(answerLineSchema.safeParse(JSON.parse(line)).success).toBe(true);
    expect(JSON.parse(lines[0] ?? '{}')).toEqual({
      text: "quanti crediti proattivi ci restano nell'area Finance?",
      locale: 'it',
      intent: 'entitlement.remaining',
      entities: { category: 'proactive-credits', workspace: 'Finance' },
    });
    expect(JSON.parse(lines[3] ?? '{}')).toMatchObject({ locale: 'it', intent: 'none' });
    // the command's problem and the unreadable line are told on stderr
    expect(stderr).toContain('"60x" is not a valid time window');
    expect(stderr).toContain('line 3');
  });
});

describe('npm run nlu:eval -- FILE', () => {
  it('prints intent and entity accuracy per language and the confusions', () => {
    const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/cli/nlu-eval.ts', 'test/nlu/fixtures/dev.jsonl', '--today', '2026-11-22'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^language\s+utterances\s+intent\s+entities\s+locale$/m);
    expect(run.stdout).toMatch(/^en\s+79\s+\d+\.\d%/m);
    expect(run.stdout).toMatch(/^it\s+79\s+\d+\.\d%/m);
    expect(run.stdout).toContain('confusions (expected → got):');
  });

  it('says what is wrong with a missing file', () => {
    const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/cli/nlu-eval.ts', 'no-such-file.jsonl'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('bad-request');
  });
});
