import { Writable } from 'node:stream';
import type { OrgIndex } from '../domain/org-index';
import type { User } from '../domain/records';
import type { Locale, Unit } from '../domain/vocabulary';
import { deliveryReportQuery, type DeliveryReport } from '../queries/delivery-report';
import { trainingReportQuery, type TrainingReportResult } from '../queries/training-report';
import type { ScopeInfo } from '../queries/scope';
import { csvDialect, writeCsv } from './csv-writer';
import { deliveryDocument, reportFileName, trainingDocument, type ReportDocument, type ReportFormat, type ReportName } from './report-files';
import { writeXlsx } from './xlsx-writer';

// One report as the bot sends it in chat: the same query, document and file name as the `report`
// command (interfaces.md), made in memory for an upload, with what the summary card and the audit
// log say about it.

/** What was asked; `workspace` as the query takes it (undefined: the user's default scope). */
export interface ExportRequest {
  report: ReportName;
  format: ReportFormat;
  locale: Locale;
  workspace?: string;
  /** delivery: the period (defaults as the command's). */
  since?: string;
  until?: string;
}

/** For whom, on which data, at which moment. */
export interface ExportContext {
  org: OrgIndex;
  user: User;
  today: string;
  /** When the file is made: the title block's "generated at" and the workbook's dates. */
  now: Date;
  /** How fresh the data is: the title block's "data as of". */
  dataAsOf: Date;
}

export interface UnitTotal {
  unit: Unit;
  records: number;
  quantity: number;
}

export interface ReportExport {
  /** The request with everything resolved: the scope's id (or `all`) and the period. */
  resolved: ExportRequest & { workspace: string };
  scope: ScopeInfo;
  workspaceIds: string[];
  fileName: string;
  rows: number;
  /** delivery: what was delivered per unit; training: the hours. */
  totals: UnitTotal[];
  document: ReportDocument;
  /** Rows per workspace of the scope (an export of `all` is audited per workspace, each with its own share). */
  rowsPerWorkspace(): Map<string, number>;
}

function unitTotals(report: DeliveryReport): UnitTotal[] {
  const byUnit = new Map<Unit, UnitTotal>();
  for (const t of report.totals) {
    const total = byUnit.get(t.unit) ?? { unit: t.unit, records: 0, quantity: 0 };
    total.records += t.records;
    total.quantity += t.quantity;
    byUnit.set(t.unit, total);
  }
  return [...byUnit.values()].map((t) => ({ ...t, quantity: Math.round(t.quantity * 1e6) / 1e6 }));
}

function deliveryExport(ctx: ExportContext, request: ExportRequest): ReportExport {
  const query = { org: ctx.org, user: ctx.user, today: ctx.today };
  const period = { since: request.since, until: request.until };
  const report = deliveryReportQuery({ ...query, workspace: request.workspace }, period);
  const resolved = { ...request, workspace: report.scope.id, since: report.since, until: report.until };
  return {
    resolved,
    scope: report.scope,
    workspaceIds: report.workspaceIds,
    fileName: reportFileName({ ...resolved, scope: report.scope, today: ctx.today }),
    rows: report.rowCount,
    totals: unitTotals(report),
    document: deliveryDocument(report, request.locale, {
      organization: ctx.org.organization.name,
      workspaceNames: report.workspaceIds.map((id) => ctx.org.workspaces.get(id)?.name ?? id),
      generatedAt: ctx.now,
      generatedBy: `${ctx.user.displayName} <${ctx.user.email}>`,
      dataAsOf: ctx.dataAsOf,
    }),
    rowsPerWorkspace: () =>
      new Map(
        report.workspaceIds.map((id) => [
          id,
          report.workspaceIds.length === 1 ? report.rowCount : deliveryReportQuery({ ...query, workspace: id }, resolved).rowCount,
        ]),
      ),
  };
}

function trainingExport(ctx: ExportContext, request: ExportRequest): ReportExport {
  const result: TrainingReportResult = trainingReportQuery({ org: ctx.org, user: ctx.user, today: ctx.today, workspace: request.workspace });
  const resolved = { report: request.report, format: request.format, locale: request.locale, workspace: result.scope.id };
  const hours = result.records.reduce((sum, r) => sum + r.hours, 0);
  return {
    resolved,
    scope: result.scope,
    workspaceIds: result.workspaceIds,
    fileName: reportFileName({ ...resolved, scope: result.scope, today: ctx.today }),
    rows: result.records.length,
    totals: [{ unit: 'hours', records: result.records.length, quantity: Math.round(hours * 1e6) / 1e6 }],
    document: trainingDocument(result, request.locale),
    rowsPerWorkspace: () => new Map(result.workspaceIds.map((id) => [id, result.records.filter((r) => r.workspaceId === id).length])),
  };
}

/** Runs the report's query for this user now: a refusal (rules 2, 13) or a bad period is thrown as the query throws it. */
export function prepareExport(ctx: ExportContext, request: ExportRequest): ReportExport {
  return request.report === 'delivery' ? deliveryExport(ctx, request) : trainingExport(ctx, request);
}

/** Writes the file into `out` exactly as the `report` command writes it to disk. */
async function write(out: Writable, exported: ReportExport, now: Date): Promise<void> {
  const { format, locale } = exported.resolved;
  await (format === 'csv' ? writeCsv(out, exported.document.table, csvDialect(locale)) : writeXlsx(out, exported.document, now));
}

/** The file's bytes. */
export async function renderExport(exported: ReportExport, now: Date): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await write(out, exported, now);
  return Buffer.concat(chunks);
}

/** The file's size, without keeping it (the consent card says how big the file will be). */
export async function measureExport(exported: ReportExport, now: Date): Promise<number> {
  let bytes = 0;
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  await write(out, exported, now);
  return bytes;
}
