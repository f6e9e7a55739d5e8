import { CATEGORY_LABELS, UNIT_LABELS, type Locale } from '../domain/vocabulary';
import type { DeliveryReport } from '../queries/delivery-report';
import type { ScopeInfo } from '../queries/scope';
import type { TrainingReportResult } from '../queries/training-report';
import { REPORT_LABELS } from './labels';

// Which report has which columns, in which words, and what its file is called (interfaces.md,
// `npm run -s report`). The writers know tables, not reports.

export const REPORT_NAMES = ['training', 'delivery'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
export const REPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `date` cells carry an ISO date (YYYY-MM-DD); the writers turn it into a real date or keep it. */
export type CellKind = 'text' | 'number' | 'date' | 'boolean';
export type CellValue = string | number | boolean | null;

export interface ReportColumn {
  header: string;
  kind: CellKind;
}

/** A clean table: a header row, then `rowCount` rows made on demand (a million never sit in memory). */
export interface ReportTable {
  columns: readonly ReportColumn[];
  rowCount: number;
  row(k: number): readonly CellValue[];
}

/** One line of a title block: a label and a text, or an instant (written as a date-time in UTC). */
export interface TitleLine {
  label: string;
  value: string | Date;
}

export interface ReportDocument {
  sheetName: string;
  table: ReportTable;
  /** A second sheet: a title block above a table of totals (the `delivery` report). */
  summary?: { sheetName: string; title: string; lines: readonly TitleLine[]; table: ReportTable };
}

/** Who asked, when, and how fresh the data was: the title block of a proof of delivery. */
export interface ReportAbout {
  organization: string;
  /** Names of the workspaces the report covers (those rule 2 opened). */
  workspaceNames: readonly string[];
  generatedAt: Date;
  generatedBy: string;
  dataAsOf: Date;
}

const column = (header: string, kind: CellKind): ReportColumn => ({ header, kind });

function columns(headers: readonly string[], kinds: readonly CellKind[]): ReportColumn[] {
  return headers.map((h, i) => column(h, kinds[i] ?? 'text'));
}

/** rule 13: user name, e-mail, course, hours, completed on (the date of a date-time). */
export function trainingDocument(result: TrainingReportResult, locale: Locale): ReportDocument {
  const labels = REPORT_LABELS[locale];
  const records = result.records;
  return {
    sheetName: labels.trainingSheet,
    table: {
      columns: columns(labels.trainingColumns, ['text', 'text', 'text', 'number', 'date']),
      rowCount: records.length,
      row: (k) => {
        const r = records[k];
        if (!r) throw new RangeError(`no training row ${k}`);
        return [r.userName, r.email, r.course, r.hours, r.completedAt === null ? null : r.completedAt.slice(0, 10)];
      },
    },
  };
}

export function scopeLabel(scope: ScopeInfo, about: Pick<ReportAbout, 'workspaceNames'>, locale: Locale): string {
  if ('name' in scope) return scope.name;
  return `${REPORT_LABELS[locale].allWorkspaces}: ${about.workspaceNames.join(', ')}`;
}

/** Rules 2, 4, 5: the records of the period on the first sheet; title block and totals on the second. */
export function deliveryDocument(report: DeliveryReport, locale: Locale, about: ReportAbout): ReportDocument {
  const labels = REPORT_LABELS[locale];
  const category = (id: keyof typeof CATEGORY_LABELS): string => CATEGORY_LABELS[id][locale];
  const unit = (id: keyof typeof UNIT_LABELS): string => UNIT_LABELS[id][locale];
  const { rows, totals } = report;
  return {
    sheetName: labels.deliverySheet,
    table: {
      columns: columns(labels.deliveryColumns, ['date', 'text', 'text', 'text', 'text', 'text', 'number', 'text', 'text', 'boolean']),
      rowCount: rows.length,
      row: (k) => {
        const r = rows.at(k);
        return [r.date, r.contractNumber, r.packageName, r.entitlementName, category(r.category), unit(r.unit), r.quantity, r.description, r.caseId, r.restricted];
      },
    },
    summary: {
      sheetName: labels.totalsSheet,
      title: labels.deliveryTitle,
      lines: [
        { label: labels.organization, value: about.organization },
        { label: labels.scope, value: scopeLabel(report.scope, about, locale) },
        { label: labels.period, value: `${report.since} – ${report.until}` },
        { label: labels.generatedAt, value: about.generatedAt },
        { label: labels.generatedBy, value: about.generatedBy },
        { label: labels.dataAsOf, value: about.dataAsOf },
      ],
      table: {
        columns: columns(labels.totalsColumns, ['text', 'text', 'text', 'text', 'text', 'number', 'number']),
        rowCount: totals.length,
        row: (k) => {
          const t = totals[k];
          if (!t) throw new RangeError(`no totals row ${k}`);
          return [t.contractNumber, t.packageName, t.entitlementName, category(t.category), unit(t.unit), t.records, t.quantity];
        },
      },
    },
  };
}

/** A file-name part from a workspace name: "Contoso Italia" → "contoso-italia", accents dropped. */
export function fileNamePart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

export interface FileNameOf {
  report: ReportName;
  format: ReportFormat;
  locale: Locale;
  scope: ScopeInfo;
  /** delivery: the period. */
  since?: string;
  until?: string;
  /** training: the day it was made. */
  today: string;
}

/**
 * `proof-of-delivery_<scope>_<since>_<until>.xlsx`, `training-report_<workspace>_<today>.xlsx`
 * (`prova-di-consegna_…`, `report-formazione_…` in Italian): what the bot names the files it sends.
 */
export function reportFileName(f: FileNameOf): string {
  const labels = REPORT_LABELS[f.locale];
  const scope = 'name' in f.scope ? fileNamePart(f.scope.name) || fileNamePart(f.scope.id) || 'workspace' : labels.allWorkspacesFile;
  const parts =
    f.report === 'delivery'
      ? [labels.deliveryFile, scope, f.since ?? f.today, f.until ?? f.today]
      : [labels.trainingFile, scope, f.today];
  return `${parts.join('_')}.${f.format}`;
}
