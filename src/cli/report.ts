import { accessSync, constants, createWriteStream, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { badRequest, notFound } from '../domain/errors';
import type { OrgIndex } from '../domain/org-index';
import type { User } from '../domain/records';
import { LOCALES, type Locale } from '../domain/vocabulary';
import { deliveryReportQuery } from '../queries/delivery-report';
import { enumFlag } from '../queries/flags';
import { trainingReportQuery } from '../queries/training-report';
import { csvDialect, writeCsv } from '../reports/csv-writer';
import {
  deliveryDocument,
  REPORT_FORMATS,
  REPORT_NAMES,
  trainingDocument,
  type ReportDocument,
  type ReportFormat,
  type ReportName,
} from '../reports/report-files';
import { writeXlsx } from '../reports/xlsx-writer';
import { EXIT, loadOrg, reportFailure, resolveToday, SAMPLE_DATA_DIR } from './cli-support';
import { parseArgs, take } from './parse-args';

// npm run -s report -- --as EMAIL [--workspace ID|NAME|all] NAME --format csv|xlsx --out FILE
//   [--locale it|en] [--since DATE] [--until DATE]   (interfaces.md)

const FLAGS_OF: Readonly<Record<ReportName, readonly string[]>> = {
  training: [],
  delivery: ['since', 'until'],
};

export interface ReportOutcome {
  file: string;
  format: ReportFormat;
  rows: number;
  bytes: number;
}

/** When the data was last changed: the newest file of the dataset folder. */
function dataAsOf(dir: string): Date {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const stat = statSync(path.join(dir, name));
    if (stat.isFile()) newest = Math.max(newest, stat.mtimeMs);
  }
  return new Date(newest);
}

/** `--out` must name a file in a folder that exists: checked before anything is computed. */
function checkOut(out: string): void {
  const bad = badRequest('errors.badRequest.badFlag', { flag: '--out', expected: 'a file in an existing folder you may write to' });
  let usable: boolean;
  try {
    const folder = path.dirname(path.resolve(out));
    usable = statSync(folder).isDirectory() && !statSync(out, { throwIfNoEntry: false })?.isDirectory();
    accessSync(folder, constants.W_OK);
  } catch {
    throw bad; // ENOENT, ENOTDIR, EACCES…: nothing to write into
  }
  if (!usable) throw bad;
}

interface Request {
  name: ReportName;
  user: User;
  org: OrgIndex;
  today: string;
  workspace: string | undefined;
  locale: Locale;
  flags: Record<string, string>;
  dataDir: string;
}

function documentOf(r: Request, now: Date): ReportDocument {
  const ctx = { org: r.org, user: r.user, today: r.today, workspace: r.workspace };
  if (r.name === 'training') return trainingDocument(trainingReportQuery(ctx), r.locale);
  const report = deliveryReportQuery(ctx, { since: r.flags.since, until: r.flags.until });
  return deliveryDocument(report, r.locale, {
    organization: r.org.organization.name,
    workspaceNames: report.workspaceIds.map((id) => r.org.workspaces.get(id)?.name ?? id),
    generatedAt: now,
    generatedBy: `${r.user.displayName} <${r.user.email}>`,
    dataAsOf: dataAsOf(r.dataDir),
  });
}

/** Writes next to `out` and renames at the end: a failure leaves no file, not even a partial one. */
async function writeFile(out: string, format: ReportFormat, doc: ReportDocument, locale: Locale, now: Date): Promise<number> {
  const partial = `${out}.${process.pid}.partial`;
  try {
    const stream = createWriteStream(partial);
    await (format === 'csv' ? writeCsv(stream, doc.table, csvDialect(locale)) : writeXlsx(stream, doc, now));
    renameSync(partial, out);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  return statSync(out).size;
}

interface Args {
  as: string;
  report: ReportName;
  format: ReportFormat;
  out: string;
  workspace: string | undefined;
  dataDir: string;
  today: string;
  /** What is left: the report's own flags (`--since`, `--until`). */
  flags: Record<string, string>;
}

/** The command line of interfaces.md, every problem a bad-request naming the flag. */
function argsOf(flags: Record<string, string>, positionals: readonly string[]): Args {
  const as = take(flags, 'as');
  const workspace = take(flags, 'workspace');
  const dataDir = take(flags, 'data') ?? SAMPLE_DATA_DIR;
  const today = resolveToday(take(flags, 'today'));
  const format = enumFlag(flags, 'format', REPORT_FORMATS);
  delete flags.format;
  const out = take(flags, 'out');
  const [name, ...extra] = positionals;
  if (!as) throw badRequest('errors.badRequest.missingFlag', { flag: '--as', expected: 'the e-mail of a user' });
  if (!name) throw badRequest('errors.badRequest.missingQuery', { expected: REPORT_NAMES });
  if (!(REPORT_NAMES as readonly string[]).includes(name)) throw badRequest('errors.badRequest.unknownQuery', { name, expected: REPORT_NAMES });
  const report = name as ReportName;
  if (extra.length > 0) throw badRequest('errors.badRequest.badFlag', { flag: extra.join(' '), expected: '--flag value pairs' });
  for (const flag of Object.keys(flags)) {
    if (!FLAGS_OF[report].includes(flag)) {
      const expected = ['--format', '--out', '--locale', '--workspace', ...FLAGS_OF[report].map((f) => `--${f}`)];
      throw badRequest('errors.badRequest.unknownFlag', { flag: `--${flag}`, query: report, expected });
    }
  }
  if (!format) throw badRequest('errors.badRequest.missingFlag', { flag: '--format', expected: REPORT_FORMATS.join(' or ') });
  if (!out) throw badRequest('errors.badRequest.missingFlag', { flag: '--out', expected: 'the file to write' });
  checkOut(out);
  return { as, report, format, out, workspace, dataDir, today, flags };
}

/** Runs the command; the result line or the error object goes to stdout, the exit code is returned. */
export async function reportCommand(argv: readonly string[], now: Date = new Date()): Promise<number> {
  let locale: Locale = 'en';
  try {
    const { flags, positionals } = parseArgs(argv);
    locale = enumFlag(flags, 'locale', LOCALES) ?? 'en';
    delete flags.locale;
    const args = argsOf(flags, positionals);
    const org = await loadOrg(args.dataDir);
    const user = org.userByEmail(args.as);
    if (!user) throw notFound('errors.notFound.user', { email: args.as });
    // refusals and bad dates are thrown here, before any file is opened
    const doc = documentOf({ name: args.report, user, org, today: args.today, workspace: args.workspace, locale, flags: args.flags, dataDir: args.dataDir }, now);
    const bytes = await writeFile(args.out, args.format, doc, locale, now);
    const outcome: ReportOutcome = { file: args.out, format: args.format, rows: doc.table.rowCount, bytes };
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
    return EXIT.ok;
  } catch (e) {
    return reportFailure(e, locale);
  }
}

if (require.main === module) {
  reportCommand(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT.bug;
    },
  );
}
