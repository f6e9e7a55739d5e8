import { benchTable } from '../../src/cli/bench-table';

// bench/README.md as a reader sees it: each bench's headline against its target, and its run.

const machine = { cpu: 'AMD EPYC', cores: 2, memoryGiB: 24, node: 'v20.20.2', platform: 'linux-x64' };

describe('bench table', () => {
  const table = benchTable({
    turns: {
      date: '2026-11-26T07:00:00.000Z',
      commit: 'abc1234+changes',
      machine,
      loadAverage: [1.5, 1.2, 1],
      targets: { ratio: 0.8 },
      bot: { turnsPerSecond: 60, p50Ms: 250, p99Ms: 900, botCpuMsPerTurn: 9, failedTurns: 0 },
      echo: { turnsPerSecond: 240, p50Ms: 60, p99Ms: 200, botCpuMsPerTurn: 2.5, failedTurns: 0 },
      ratio: 0.25,
      settings: { concurrency: 16, rounds: 3, durationMs: 15000 },
      coldStart: { readyMs: 17283 },
      pass: { ratio: false, noFailedTurns: true },
    },
    queries: {
      date: '2026-11-26T02:29:42.028Z',
      commit: '7bac07e',
      machine,
      targets: { loadMs: 15000, rssMiB: 1024, p99Ms: 10, p50Ms: 2 },
      load: { ms: 7035, maxRssMiB: 412 },
      queries: { summary: { p50Ms: 1.566, p99Ms: 4.052 }, contracts: { p50Ms: 0.5, p99Ms: 5.69 } },
      pass: { loadMs: true, rssMiB: true, p99Ms: true, p50Ms: true },
    },
    future: { date: '2026-11-27T00:00:00.000Z', commit: 'def', machine, pass: { fast: true } },
  });

  it('shows the ratio of the bot to the echo bot against its target, as missed', () => {
    expect(table).toContain('| **turns** | throughput, bot / bare botbuilder echo bot | 0.25× (60 / 240 turns/s) | ≥ 0.8× | ❌ |');
    expect(table).toContain('cold start to /readyz 200 (benchmark organization) | 17.3 s |');
  });

  it('names the slowest query with its time', () => {
    expect(table).toContain('| slowest query p99 | 5.69 ms (contracts) | ≤ 10 ms | ✅ |');
  });

  it('shows a bench it does not know by its pass flags', () => {
    expect(table).toContain('| **future** | fast | — | see results.json | ✅ |');
  });

  it('names the machine, commit and date of every run', () => {
    expect(table).toContain('| turns | 2026-11-26 07:00 | `abc1234+changes` | AMD EPYC, 2 cores, 24 GiB RAM, node v20.20.2, linux-x64 | 1.5, 1.2, 1 |');
    expect(table.indexOf('| turns |')).toBeLessThan(table.indexOf('| queries |'));
  });
});
