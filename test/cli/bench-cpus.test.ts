import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBotProcess } from '../../src/cli/bench-turns-process';

// bench:turns measures a bot alone on CPU 0 while the load generator keeps to the other CPUs.

const ROOT = path.resolve(__dirname, '..', '..');
const allowedCpus = (pid: number | string): string => /^Cpus_allowed_list:\s+(\S+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '?';
const twoOrMoreCpus = os.availableParallelism() >= 2;

describe('where bench:turns runs what', () => {
  it('moves the bench, all its threads, off CPU 0 and names CPU 0 for the bots (on a machine of two or more CPUs)', () => {
    // in a child: the test's own process keeps its CPUs
    const script = `const { placeOnCpus } = require(${JSON.stringify(path.join(ROOT, 'src', 'cli', 'bench-cpus.ts'))});
      const placed = placeOnCpus();
      const fs = require('node:fs');
      const threads = fs.readdirSync('/proc/self/task').map((t) => /^Cpus_allowed_list:\\s+(\\S+)$/m.exec(fs.readFileSync('/proc/self/task/' + t + '/status', 'utf8'))[1]);
      process.stdout.write(JSON.stringify({ placed, threads: [...new Set(threads)] }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as {
      placed?: { bots: string; load: string };
      threads: string[];
    };
    if (!twoOrMoreCpus) {
      expect(out.placed).toBeUndefined();
      return;
    }
    const last = os.availableParallelism() - 1;
    expect(out.placed).toEqual({ bots: '0', load: last === 1 ? '1' : `1-${last}` });
    expect(out.threads).toEqual([out.placed?.load]);
  });

  it('starts a bot on the CPUs it is given, as itself (its pid is the bot’s)', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'bench-cpus-'));
    const bot = await startBotProcess({ script: path.join(ROOT, 'src', 'cli', 'echo-bot.ts'), cwd: work, logFile: path.join(work, 'echo.log'), env: {}, cpus: '0' });
    try {
      expect(allowedCpus(bot.pid)).toBe('0');
      expect(readFileSync(`/proc/${bot.pid}/cmdline`, 'utf8')).toContain('echo-bot.ts');
      expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
    } finally {
      await bot.stop();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
