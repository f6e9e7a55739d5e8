import type { Locale, Unit } from '../domain/vocabulary';
import { formatDate, formatNumber } from '../i18n/format';
import { translator } from '../i18n/translate';
import type { ReportFormat, ReportName } from '../reports/report-files';
import { renderCard, type CardAttachment } from './render-card';

// A report offered in chat: a small summary card (what the file holds), the Teams file consent
// card (the user allows the upload into their OneDrive), and the file info card once it is there.

export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';

/** A Teams file card: not an Adaptive Card, attached as it is. */
export interface FileAttachment {
  contentType: typeof FILE_CONSENT_CONTENT_TYPE | typeof FILE_INFO_CONTENT_TYPE;
  name: string;
  contentUrl?: string;
  content: Record<string, unknown>;
}

/** What the summary card and the consent card say about a report. */
export interface ReportView {
  report: ReportName;
  format: ReportFormat;
  fileName: string;
  scopeName: string;
  /** delivery: the period. */
  since?: string;
  until?: string;
  rows: number;
  totals: readonly { unit: Unit; records: number; quantity: number }[];
}

function period(locale: Locale, view: ReportView): string | undefined {
  return view.since && view.until ? `${formatDate(locale, view.since)} – ${formatDate(locale, view.until)}` : undefined;
}

/** "Proof of delivery · Finance · 23 Nov 2025 – 22 Nov 2026 · 120 rows" (the consent card's description too). */
export function reportDescription(locale: Locale, view: ReportView): string {
  const t = translator(locale);
  const when = period(locale, view);
  return [t(`reports.name.${view.report}`), view.scopeName, ...(when ? [when] : []), t('reports.summary.rowCount', { count: view.rows, rows: formatNumber(locale, view.rows) })].join(' · ');
}

/** Period, scope, rows and totals per unit: all the numbers a chat shows of a report. */
export function reportSummaryCard(locale: Locale, view: ReportView): CardAttachment {
  const t = translator(locale);
  const when = period(locale, view);
  const facts = [
    { title: t('reports.summary.scope'), value: view.scopeName },
    ...(when ? [{ title: t('reports.summary.period'), value: when }] : []),
    { title: t('reports.summary.rows'), value: formatNumber(locale, view.rows) },
    { title: t('reports.summary.file'), value: view.fileName },
  ];
  const totals = view.totals.map((total) => ({
    label: t(`reports.summary.unit.${total.unit}`),
    value: `${formatNumber(locale, total.quantity)} · ${t('reports.summary.rowCount', { count: total.records, rows: formatNumber(locale, total.records) })}`,
  }));
  return renderCard('report-summary', {
    title: t(`reports.name.${view.report}`),
    subtitle: [view.scopeName, ...(when ? [when] : [])].join(' · '),
    speak: reportDescription(locale, view),
    facts,
    totalsHeading: t(`reports.summary.totals.${view.report}`),
    totals,
    note: t(view.rows === 0 ? 'reports.summary.empty' : `reports.summary.consent.${view.format}`),
  });
}

/**
 * The consent card: Teams shows name, description and size with Allow / Decline, and sends the
 * context back. The context is only the id of the offer kept on the server: nothing the server
 * acts on comes from the client.
 */
export function fileConsentCard(name: string, description: string, sizeInBytes: number, exportId: string): FileAttachment {
  return {
    contentType: FILE_CONSENT_CONTENT_TYPE,
    name,
    content: { description, sizeInBytes, acceptContext: { exportId }, declineContext: { exportId } },
  };
}

/** The uploaded file as a card in the chat (Teams opens it from the user's OneDrive). */
export function fileInfoCard(file: { name: string; contentUrl: string; uniqueId: string; fileType: string }): FileAttachment {
  return {
    contentType: FILE_INFO_CONTENT_TYPE,
    name: file.name,
    contentUrl: file.contentUrl,
    content: { uniqueId: file.uniqueId, fileType: file.fileType },
  };
}
