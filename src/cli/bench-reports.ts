import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { FileDataSource } from '../data/file-source';
import { OrgIndex } from '../domain/org-index';
import { deliveryReportQuery } from '../queries/delivery-report';
import { csvDialect, writeCsv } from '../reports/csv-writer';
import { deliveryDocument, reportFileName, type ReportFormat } from '../reports/report-files';
import { writeXlsx } from '../reports/xlsx-writer';
import { recordBench, ROOT, round } from './bench-results';
import { BENCH_ORGANIZATION, ensureBenchOrganization } from './bench-organization';
import { EXIT, runMain } from './cli-support';

// npm run bench:reports — the benchmark organization of bench:queries (100 workspaces, 1,000
// contracts, 1,000,000 consumption records): the proof of delivery of a customer admin on "all"
// over the default 12 months, written as CSV and as XLSX. Targets: CSV ≤ 10 s, XLSX ≤ 30 s,
// RSS growth while writing ≤ 300 MiB (the writers stream; nothing holds the rows).

const TODAY = '2026-11-22';
const OUT = path.join(ROOT, 'tmp', 'bench-reports');
const TARGETS = { csvSeconds: 10, xlsxSeconds: 30, rssGrowthMiB: 300 };
const MiB = 2 ** 20;

/** Peak RSS above the level when it started, sampled while the event loop turns (the writers yield). */
function rssWatch(): () => number {
  global.gc?.();
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  return () => {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage.rss());
    return (peak - base) / MiB;
  };
}

interface Run {
  seconds: number;
  /** CPU time of the whole process (all threads: zlib, GC helpers) while writing: wall time on a busy machine says less. */
  cpuSeconds: number;
  querySeconds: number;
  rows: number;
  bytes: number;
  rssGrowthMiB: number;
}

async function writeDelivery(org: OrgIndex, format: ReportFormat): Promise<Run> {
  const admin = org.dataset.users.find((u) => u.customerAdmin);
  if (!admin) throw new Error('the benchmark organization has no customer admin');
  const stop = rssWatch();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = deliveryReportQuery({ org, user: admin, today: TODAY, workspace: 'all' });
  const querySeconds = (performance.now() - started) / 1000;
  const now = new Date();
  const doc = deliveryDocument(report, 'en', {
    organization: org.organization.name,
    workspaceNames: report.workspaceIds.map((id) => org.workspaces.get(id)?.name ?? id),
    generatedAt: now,
    generatedBy: admin.email,
    dataAsOf: now,
  });
  const file = path.join(OUT, reportFileName({ report: 'delivery', format, locale: 'en', scope: report.scope, since: report.since, until: report.until, today: TODAY }));
  const out = createWriteStream(file);
  await (format === 'csv' ? writeCsv(out, doc.table, csvDialect('en')) : writeXlsx(out, doc, now));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { seconds: round(seconds, 2), cpuSeconds: round(cpuSeconds, 2), querySeconds: round(querySeconds, 2), rows: report.rowCount, bytes: statSync(file).size, rssGrowthMiB: Math.round(stop()) };
}

async function main(): Promise<number> {
  const dir = await ensureBenchOrganization();
  mkdirSync(OUT, { recursive: true });
  const org = new OrgIndex(await new FileDataSource(dir).load());
  global.gc?.();
  const csv = await writeDelivery(org, 'csv');
  const xlsx = await writeDelivery(org, 'xlsx');
  const pass = {
    csvSeconds: csv.seconds <= TARGETS.csvSeconds,
    xlsxSeconds: xlsx.seconds <= TARGETS.xlsxSeconds,
    rssGrowthMiB: Math.max(csv.rssGrowthMiB, xlsx.rssGrowthMiB) <= TARGETS.rssGrowthMiB,
  };
  recordBench('reports', {
    organization: BENCH_ORGANIZATION,
    report: 'delivery, customer admin, scope all, last 12 months',
    targets: TARGETS,
    csv,
    xlsx,
    pass,
  });
  const line = (name: string, r: Run): string =>
    `${name.padEnd(5)} ${r.rows} rows in ${r.seconds.toFixed(2)} s (query ${r.querySeconds.toFixed(2)} s, CPU ${r.cpuSeconds.toFixed(2)} s), ${(r.bytes / MiB).toFixed(1)} MiB, RSS +${r.rssGrowthMiB} MiB`;
  const ok = Object.values(pass).every(Boolean);
  const missed = Object.entries(pass)
    .filter(([, met]) => !met)
    .map(([k]) => k);
  process.stdout.write(`${[line('csv', csv), line('xlsx', xlsx), ok ? 'all targets met' : `missed: ${missed.join(', ')}`].join('\n')}\n`);
  return ok ? EXIT.ok : EXIT.bug;
}

runMain(main);
