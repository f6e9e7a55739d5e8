import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, parseGenArgs } from '../../src/cli/gen';

const ROOT = join(__dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'gen-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run gen', () => {
  test('flags are parsed, with defaults for the sizes', () => {
    expect(parseGenArgs(['--out', 'x', '--seed', '9', '--consumption', '0']).options).toEqual({
      seed: 9,
      workspaces: 5,
      contracts: 8,
      consumption: 0,
      cases: 200,
      today: '2026-11-22',
    });
  });

  test.each([
    [['--seed', '1'], /--out DIR is required/],
    [['--out', 'x', '--workspaces', 'ten'], /--workspaces must be a whole number from 1 to 10000, got "ten"/],
    [['--out', 'x', '--workspaces', '0'], /--workspaces must be a whole number/],
    [['--out', 'x', '--cases=-3'], /--cases must be a whole number/],
    [['--out', 'x', '--cases', '-3'], /Option '--cases' argument is ambiguous/],
    [['--out', 'x', '--contracts', '2.5'], /--contracts must be a whole number/],
    [['--out', 'x', '--size', '3'], /Unknown option '--size'/],
    [['--out', 'x', 'extra'], /extra/],
    [['--out', 'x', '--today', '2026-13-01'], /--today must be a date/],
  ])('bad flags %j: a clear message on stderr, exit 2, nothing written', async (args, message) => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(args)).toBe(2);
      const written = stderr.mock.calls.map((c) => String(c[0])).join('');
      expect(written).toMatch(message);
      expect(written).toMatch(/usage: npm run -s gen -- --out DIR/);
    } finally {
      stderr.mockRestore();
    }
    expect(existsSync('x')).toBe(false);
  });

  test('run as a script: writes the folder and prints its counts; bad flags exit 2', () => {
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    const dir = join(out, 'org');
    const ok = spawnSync(tsx, ['src/cli/gen.ts', '--seed', '5', '--workspaces', '2', '--contracts', '3', '--consumption', '50', '--cases', '5', '--out', dir], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ out: dir, seed: 5, counts: { workspaces: 2, contracts: 3, consumption: 50, cases: 5 } });
    expect(existsSync(join(dir, 'consumption.jsonl'))).toBe(true);

    const bad = spawnSync(tsx, ['src/cli/gen.ts', '--out', dir, '--seed', 'abc'], { cwd: ROOT, encoding: 'utf8' });
    expect([bad.status, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toMatch(/^gen: --seed must be a whole number/);
  });
});
