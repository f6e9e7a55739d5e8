import { performance } from 'node:perf_hooks';
import { FileDataSource } from '../data/file-source';
import { OrgIndex } from '../domain/org-index';
import { CATEGORY_IDS } from '../domain/vocabulary';
import { runQuery } from '../queries/registry';
import { percentile, recordBench, round } from './bench-results';
import { BENCH_ORGANIZATION, ensureBenchOrganization } from './bench-organization';
import { EXIT, runMain } from './cli-support';

// npm run bench:queries — the benchmark organization (100 workspaces, 1,000 contracts, 1,000,000
// consumption records, 50,000 cases): load time and memory, then every query's p50/p99 for a
// customer admin on "all", the worst case. Targets: load ≤ 15 s, RSS ≤ 1 GiB, p99 ≤ 10 ms, p50 ≤ 2 ms.

const TODAY = '2026-11-22';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const WARM_UP = 50;
const TARGETS = { loadMs: 15_000, rssMiB: 1024, p99Ms: 10, p50Ms: 2 };

async function main(): Promise<number> {
  const dir = await ensureBenchOrganization();
  const started = performance.now();
  const org = new OrgIndex(await new FileDataSource(dir).load());
  const loadMs = performance.now() - started;
  // settle the heap the load churned, so that a major collection of the load's garbage is not timed
  global.gc?.();
  global.gc?.();
  const rssMiB = process.memoryUsage().rss / 2 ** 20;
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;

  const admin = org.dataset.users.find((u) => u.customerAdmin);
  if (!admin) throw new Error('the benchmark organization has no customer admin');
  const entitlements = org.dataset.entitlements.filter((e) => e.kind === 'consumption');
  const ctx = { org, user: admin, today: TODAY, workspace: 'all' };
  let i = 0;
  const flags: Record<string, () => Record<string, string>> = {
    workspaces: () => ({}),
    contracts: () => ({}),
    summary: () => ({}),
    remaining: () => ({ category: CATEGORY_IDS[i % CATEGORY_IDS.length] ?? 'workshops' }),
    packages: () => ({}),
    expiring: () => ({ within: 'P90D' }),
    history: () => ({ entitlement: entitlements[(i * 7919) % entitlements.length]?.id ?? '', page: String(1 + (i % 3)) }),
    cases: () => ({ status: i % 2 ? 'open' : 'closed' }),
    'additional-cases': () => ({}),
    'training-report': () => ({}),
    'account-team': () => ({}),
  };

  const queries: Record<string, { p50Ms: number; p99Ms: number; maxMs: number }> = {};
  for (const [name, makeFlags] of Object.entries(flags)) {
    const samples: number[] = [];
    for (i = 0; i < WARM_UP + ROUNDS; i += 1) {
      const f = makeFlags();
      const t = performance.now();
      runQuery(name, ctx, f);
      if (i >= WARM_UP) samples.push(performance.now() - t); // steady state: the first runs warm the JIT
    }
    queries[name] = { p50Ms: round(percentile(samples, 50)), p99Ms: round(percentile(samples, 99)), maxMs: round(Math.max(...samples)) };
  }

  const worstP99 = Math.max(...Object.values(queries).map((q) => q.p99Ms));
  const worstP50 = Math.max(...Object.values(queries).map((q) => q.p50Ms));
  const pass = {
    loadMs: loadMs <= TARGETS.loadMs,
    rssMiB: maxRssMiB <= TARGETS.rssMiB,
    p99Ms: worstP99 <= TARGETS.p99Ms,
    p50Ms: worstP50 <= TARGETS.p50Ms,
  };
  recordBench('queries', {
    organization: BENCH_ORGANIZATION,
    user: 'customer admin, scope all',
    rounds: ROUNDS,
    targets: TARGETS,
    load: { ms: Math.round(loadMs), rssMiB: Math.round(rssMiB), maxRssMiB: Math.round(maxRssMiB) },
    queries,
    pass,
  });
  const lines = [
    `load ${Math.round(loadMs)} ms, RSS ${Math.round(rssMiB)} MiB (max ${Math.round(maxRssMiB)} MiB)`,
    ...Object.entries(queries).map(([n, q]) => `${n.padEnd(17)} p50 ${q.p50Ms.toFixed(3)} ms  p99 ${q.p99Ms.toFixed(3)} ms  max ${q.maxMs.toFixed(3)} ms`),
    Object.values(pass).every(Boolean) ? 'all targets met' : `missed: ${Object.entries(pass).filter(([, ok]) => !ok).map(([k]) => k).join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return Object.values(pass).every(Boolean) ? EXIT.ok : EXIT.bug;
}

runMain(main);
