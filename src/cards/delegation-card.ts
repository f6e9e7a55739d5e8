import type { PendingChange } from '../approvals/delegation';
import { ROLE_LABELS, type Locale } from '../domain/vocabulary';
import { formatDateTime } from '../i18n/format';
import { translator } from '../i18n/translate';
import { renderCard, type CardAttachment } from './render-card';
import { VERBS } from './verbs';

export interface DelegationView {
  pending: PendingChange;
  actorName: string;
  personName: string;
  personEmail: string;
  workspaceName: string;
}

/**
 * Confirm a grant, revoke or invitation: what will change, for whom, where; buttons while
 * pending, the outcome once settled. The card carries only the change's id: the server holds the rest.
 */
export function delegationCard(locale: Locale, v: DelegationView): CardAttachment {
  const t = translator(locale);
  const { pending } = v;
  const p = pending.proposal;
  const role = p.kind === 'invite' ? '' : ROLE_LABELS[p.role][locale];
  const args = { role, name: v.personName, email: v.personEmail, workspace: v.workspaceName };
  const title = t(p.kind === 'grant' ? 'delegation.grantTitle' : p.kind === 'revoke' ? 'delegation.revokeTitle' : 'delegation.inviteTitle');
  const question = t(p.kind === 'grant' ? 'delegation.confirmGrant' : p.kind === 'revoke' ? 'delegation.confirmRevoke' : 'delegation.confirmInvite', args);
  const when = formatDateTime(locale, pending.settledAt ?? pending.createdAt);
  const status =
    pending.status === 'done'
      ? t(p.kind === 'grant' ? 'delegation.granted' : p.kind === 'revoke' ? 'delegation.revoked' : 'delegation.invited', {
          name: v.actorName,
          when,
          person: v.personName,
        })
      : pending.status === 'cancelled'
        ? t('delegation.cancelled')
        : pending.status === 'expired'
          ? t('delegation.expired')
          : undefined;
  const facts = [
    { title: t('delegation.person'), value: v.personName },
    { title: t('delegation.email'), value: v.personEmail },
    ...(p.kind === 'invite'
      ? [{ title: t('delegation.accountType'), value: t(p.invitee.accountType === 'personal' ? 'delegation.accountPersonal' : 'delegation.accountWork') }]
      : [{ title: t('approval.role'), value: role }]),
    { title: t('approval.workspace'), value: v.workspaceName },
  ];
  const open = pending.status === 'pending';
  const decide = (decision: 'confirm' | 'cancel') => ({ verb: VERBS.settleChange, data: { changeId: pending.id, decision, locale } });
  return renderCard('confirm', {
    title,
    question,
    facts,
    ...(status ? { status, statusColor: pending.status === 'done' ? 'Good' : 'Attention' } : {}),
    buttons: open
      ? [
          { title: t('delegation.confirm'), style: 'positive', ...decide('confirm') },
          { title: t('delegation.cancel'), style: 'default', ...decide('cancel') },
        ]
      : [],
  });
}
