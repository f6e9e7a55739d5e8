import type { RoleRequest } from '../approvals/role-requests';
import { ROLE_LABELS, type Locale } from '../domain/vocabulary';
import { formatDate, formatDateTime } from '../i18n/format';
import { translator } from '../i18n/translate';
import { renderCard, type CardAttachment } from './render-card';
import { VERBS } from './verbs';

export interface ApprovalView {
  request: RoleRequest;
  requesterName: string;
  workspaceName: string;
  deciderName?: string;
  /** Approve / Reject shown (the server still decides who may act when clicked). */
  actionable: boolean;
  /** A line for this reader only (e.g. whom the request was sent to). */
  note?: string;
  /**
   * User-specific views: Teams asks these users' clients (at most 60, Teams ids) to fetch their own
   * view of the card, with the buttons when they may decide; everyone else sees the card as sent.
   */
  viewersWithButtons?: readonly string[];
}

/** Teams runs a card's refresh for at most 60 listed users. */
export const MAX_REFRESH_USERS = 60;


/** The approval card: the same for everyone, buttons while pending, the outcome once decided. */
export function approvalCard(locale: Locale, v: ApprovalView): CardAttachment {
  const t = translator(locale);
  const r = v.request;
  const status =
    r.status === 'pending'
      ? t('approval.pending', { workspace: v.workspaceName })
      : r.status === 'expired'
        ? t('approval.expired')
        : t(`approval.${r.status}`, { name: v.deciderName ?? '', when: formatDateTime(locale, r.decidedAt ?? r.createdAt) });
  const actionable = v.actionable && r.status === 'pending';
  return renderCard('approval', {
    title: t('approval.title'),
    facts: [
      { title: t('approval.requester'), value: v.requesterName },
      { title: t('approval.role'), value: ROLE_LABELS[r.role][locale] },
      { title: t('approval.workspace'), value: v.workspaceName },
      { title: t('approval.requestedOn'), value: formatDate(locale, r.createdAt.slice(0, 10)) },
      { title: t('approval.expiresOn'), value: formatDate(locale, r.expiresAt.slice(0, 10)) },
      ...(r.comment ? [{ title: t('approval.comment'), value: r.comment }] : []),
    ],
    status,
    ...(v.note ? { note: v.note } : {}),
    statusColor: r.status === 'approved' ? 'Good' : r.status === 'pending' ? 'Default' : 'Attention',
    actionable,
    commentLabel: t('approval.comment'),
    ...(v.viewersWithButtons?.length && r.status === 'pending'
      ? {
          refresh: {
            title: t('approval.title'),
            verb: VERBS.approvalView,
            data: { requestId: r.id, locale },
            userIds: v.viewersWithButtons.slice(0, MAX_REFRESH_USERS),
          },
        }
      : {}),
    buttons: actionable
      ? [
          { title: t('approval.approve'), verb: VERBS.decideRole, data: { requestId: r.id, decision: 'approve', locale }, style: 'positive' },
          { title: t('approval.reject'), verb: VERBS.decideRole, data: { requestId: r.id, decision: 'reject', locale }, style: 'destructive' },
        ]
      : [],
  });
}
