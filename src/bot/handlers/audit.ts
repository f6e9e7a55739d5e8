import { listCard } from '../../cards/list-card';
import { VERBS } from '../../cards/verbs';
import { isIsoDate } from '../../domain/dates';
import { isRoleId, ROLE_LABELS } from '../../domain/vocabulary';
import { formatDate, formatDateTime } from '../../i18n/format';
import { auditQuery, type AuditLine } from '../../queries/audit';
import { exportAuditParams } from '../report-audit';
import { cardContextOf, queryContextOf, type Handler, type TurnRequest } from '../turn-request';
import { arg } from './action-args';

const dateArg = (value: string | undefined): string | undefined => (value !== undefined && isIsoDate(value) ? value : undefined);

function lineItem(r: TurnRequest, line: AuditLine) {
  const { record } = line;
  const role = isRoleId(record.role) ? ROLE_LABELS[record.role][r.locale] : (record.role ?? '');
  return {
    title: r.t(`delegation.audit.${record.action}`, { actor: line.actorName, subject: line.subjectName, role, ...exportAuditParams(r.org, r.locale, record) }),
    subtitle: r.t('delegation.audit.line', {
      workspace: line.workspaceName,
      when: formatDateTime(r.locale, record.at),
    }),
    ...(record.comment ? { value: `“${record.comment}”` } : {}),
  };
}

/**
 * "Chi ha concesso ruoli questo mese?": the audit log of the workspaces the asker administers,
 * from the first of this month (or the dates asked) to today, newest first, a page at a time.
 */
export const auditLog: Handler = async (r) => {
  // the log is stamped with the clock, which may run ahead of the data's "today" (TODAY=…)
  const clockToday = new Date().toISOString().slice(0, 10);
  const until = dateArg(arg(r, 'until') ?? r.nlu.entities.until) ?? (clockToday > r.today ? clockToday : r.today);
  const since = dateArg(arg(r, 'since') ?? r.nlu.entities.since) ?? `${r.today.slice(0, 7)}-01`;
  const records = await r.approvals.audit.between(since, until);
  const { scope, lines } = auditQuery(queryContextOf(r), records);
  const workspace = scope === 'all' ? undefined : scope.id;
  return [
    {
      card: listCard({
        title: r.t('delegation.audit.title'),
        subtitle: r.t('delegation.audit.subtitle', {
          scope: scope === 'all' ? r.t('scope.all') : scope.name,
          since: formatDate(r.locale, since),
          until: formatDate(r.locale, until),
        }),
        items: lines.map((line) => lineItem(r, line)),
        empty: r.t('delegation.audit.empty'),
        paging: { page: cardContextOf(r).page, locale: r.locale, verb: VERBS.audit, data: { since, until, ...(workspace ? { workspace } : {}) } },
      }),
    },
  ];
};
