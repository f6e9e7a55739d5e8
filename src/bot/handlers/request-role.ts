import { approversCard } from '../../cards/refusal-card';
import { badRequest } from '../../domain/errors';
import { rolesIn } from '../../domain/access';
import { DELEGABLE_ROLE_IDS, isDelegableRoleId, ROLE_LABELS } from '../../domain/vocabulary';
import { approversQuery } from '../../queries/approvers';
import { resolveScope } from '../../queries/scope';
import { queryContextOf, type Handler } from '../turn-request';
import { arg } from './action-args';

/**
 * "Request this role" (a refusal's button) and "vorrei il ruolo Attività del cliente": role and
 * workspace are re-checked, then the admins who may grant it are named (rule 11).
 */
export const requestRole: Handler = (r) => {
  const role = arg(r, 'role') ?? r.nlu.entities.role;
  if (!isDelegableRoleId(role)) {
    throw badRequest('errors.badRequest.badFlag', { flag: 'role', expected: DELEGABLE_ROLE_IDS.join(', ') });
  }
  const scope = resolveScope(r.org, r.user, arg(r, 'workspaceId') ?? r.nlu.entities.workspace ?? r.scope);
  if (scope.kind === 'all') throw badRequest('errors.badRequest.badFlag', { flag: 'workspace', expected: 'one workspace' });
  if (rolesIn(r.org, r.user, scope.workspace.id).includes(role)) {
    return [{ text: r.t('refusal.alreadyHave', { role: ROLE_LABELS[role][r.locale], workspace: scope.workspace.name }) }];
  }
  const { approvers } = approversQuery(queryContextOf(r), scope.workspace.id);
  if (approvers.length === 0) return [{ card: approversCard(r.locale, role, scope.workspace.name, approvers) }];
  const { reference, cardActivityId } = r.origin;
  const requesterCard = cardActivityId ? { reference, activityId: cardActivityId } : undefined;
  return r.approvals.request(r.org, r.user, role, scope.workspace.id, approvers, r.locale, {
    conversationId: r.conversation.id,
    reference,
    ...(requesterCard ? { requesterCard } : {}),
  });
};

/** Approve / Reject on an approval card; everything is re-checked against the stored request. */
export const decideRole: Handler = (r) => {
  const requestId = arg(r, 'requestId');
  const decision = arg(r, 'decision');
  if (!requestId || (decision !== 'approve' && decision !== 'reject')) return [{ text: r.t('turn.staleAction') }];
  return r.approvals.decide(r.org, r.user, requestId, decision === 'approve', arg(r, 'comment'), r.locale, r.conversation.id);
};

/** A user-specific view (the approval card's refresh): buttons for those who may decide now. */
export const viewApproval: Handler = (r) => {
  const requestId = arg(r, 'requestId');
  if (!requestId) return [{ text: r.t('turn.staleAction') }];
  return r.approvals.viewFor(r.org, r.user, requestId, r.locale);
};
