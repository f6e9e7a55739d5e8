import type { AuditEntry } from '../domain/audit-entry';
import type { OrgIndex } from '../domain/org-index';
import type { Locale } from '../domain/vocabulary';
import { formatDate, formatNumber } from '../i18n/format';
import { translator } from '../i18n/translate';

// How the audit card words an export: "Anna Bianchi exported the proof of delivery (Finance ·
// 1 Jul 2026 – 22 Nov 2026 · 120 rows · XLSX)". Nothing else of an export entry is shown.

/** The extra words of a `report.exported` line; nothing for the other kinds. */
export function exportAuditParams(org: OrgIndex, locale: Locale, record: AuditEntry): { report?: string; details?: string } {
  const exported = record.report;
  if (record.action !== 'report.exported' || !exported) return {};
  const t = translator(locale);
  const scope = exported.scope === 'all' ? t('reports.auditAll') : (org.workspaces.get(exported.scope)?.name ?? exported.scope);
  const period = exported.since && exported.until ? [`${formatDate(locale, exported.since)} – ${formatDate(locale, exported.until)}`] : [];
  const rows = t('reports.summary.rowCount', { count: exported.rows, rows: formatNumber(locale, exported.rows) });
  return {
    report: t(`reports.auditName.${exported.name}`),
    details: [scope, ...period, rows, exported.format.toUpperCase()].join(' · '),
  };
}
