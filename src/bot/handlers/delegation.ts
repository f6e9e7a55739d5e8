import { z } from 'zod';
import { inviteeFor, type PendingChange, type Proposal, type SettleOutcome } from '../../approvals/delegation';
import { delegationCard } from '../../cards/delegation-card';
import { messageCard } from '../../cards/message-card';
import { VERBS } from '../../cards/verbs';
import { isAdminOf, visibleWorkspaces } from '../../domain/access';
import type { DelegationProblem } from '../../domain/delegation';
import type { OrgIndex } from '../../domain/org-index';
import type { Workspace } from '../../domain/records';
import { DELEGABLE_ROLE_IDS, isDelegableRoleId, ROLE_LABELS } from '../../domain/vocabulary';
import { entitiesSchema } from '../../nlu/result-schema';
import { ALL, resolveScope } from '../../queries/scope';
import type { Handler, Reply, TurnRequest } from '../turn-request';
import { arg } from './action-args';

// Rules 10–11 typed by an admin: "assegna il ruolo attività cliente a marco.bruno@…", "revoke …
// from …", "invita … nell'area Finance". Nothing changes until the admin confirms on the card.

function personOf(org: OrgIndex, p: Proposal): { name: string; email: string } {
  if (p.kind === 'invite') return { name: org.users.get(p.invitee.id)?.displayName ?? p.invitee.displayName, email: p.invitee.email };
  const user = org.users.get(p.userId);
  return { name: user?.displayName ?? p.userId, email: user?.email ?? '' };
}

function cardOf(r: TurnRequest, pending: PendingChange): Reply {
  const person = personOf(r.org, pending.proposal);
  return {
    card: delegationCard(r.locale, {
      pending,
      actorName: r.org.users.get(pending.actorId)?.displayName ?? pending.actorId,
      personName: person.name,
      personEmail: person.email,
      workspaceName: r.org.workspaces.get(pending.proposal.workspaceId)?.name ?? pending.proposal.workspaceId,
    }),
  };
}

/** A refusal that names the reason (rule 10's policy, rule 11's admins and members). */
function problemReply(r: TurnRequest, problem: DelegationProblem, p: Proposal): Reply {
  const person = personOf(r.org, p);
  const params = {
    name: person.name,
    email: person.email,
    workspace: r.org.workspaces.get(p.workspaceId)?.name ?? p.workspaceId,
    role: p.kind === 'invite' ? '' : ROLE_LABELS[p.role][r.locale],
  };
  const text = problem.reason === 'policy' ? r.t(`delegation.policy.${problem.policy}`, params) : r.t(`delegation.problem.${problem.reason}`, params);
  return { card: messageCard({ text, color: 'attention' }) };
}

/**
 * The workspace of the change: the one named (or remembered), else the only one where the admin
 * could make it; with several, the admin chooses on a card.
 */
function workspaceFor(r: TurnRequest, fits: (w: Workspace) => boolean): Workspace | Reply {
  const named = arg(r, 'workspaceId') ?? r.nlu.entities.workspace ?? r.scope;
  if (named !== undefined && named.trim().toLowerCase() !== ALL) {
    const scope = resolveScope(r.org, r.user, named);
    if (scope.kind === 'workspace') return scope.workspace;
  }
  const administered = visibleWorkspaces(r.org, r.user).filter((w) => isAdminOf(r.org, r.user, w.id));
  const fitting = administered.filter(fits);
  if (fitting.length === 1 && fitting[0]) return fitting[0];
  if (fitting.length > 1) {
    const { intent, entities } = r.nlu;
    return {
      card: messageCard({
        text: r.t('delegation.chooseWorkspace'),
        buttons: fitting.map((w) => ({ title: w.name, verb: VERBS.delegate, data: { intent, entities: { ...entities, workspace: w.name }, locale: r.locale } })),
      }),
    };
  }
  const scope = resolveScope(r.org, r.user, undefined);
  return scope.kind === 'workspace' ? scope.workspace : (administered[0] ?? visibleWorkspaces(r.org, r.user)[0]!);
}

async function propose(r: TurnRequest, proposal: Proposal): Promise<Reply[]> {
  const outcome = await r.approvals.delegation.propose(r.org, r.user, proposal, r.conversation.id);
  return [outcome.kind === 'refused' ? problemReply(r, outcome.problem, proposal) : cardOf(r, outcome.pending)];
}

const isActiveIn = (r: TurnRequest, userId: string, w: Workspace): boolean =>
  r.org.membershipsOf(userId).some((m) => m.workspaceId === w.id && m.status === 'active');

function roleChange(kind: 'grant' | 'revoke'): Handler {
  return async (r) => {
    const email = r.nlu.entities.user;
    const role = r.nlu.entities.role;
    if (!email) return [{ text: r.t('delegation.missingUser', { example: `${kind === 'grant' ? 'grant customer activity to' : 'revoke customer activity from'} name@${r.user.email.split('@')[1] ?? 'contoso.com'}` }) }];
    if (!isDelegableRoleId(role)) return [{ text: r.t('delegation.missingRole', { roles: DELEGABLE_ROLE_IDS.map((id) => ROLE_LABELS[id][r.locale]).join(', ') }) }];
    const target = r.org.userByEmail(email);
    if (!target) return [{ text: r.t('delegation.unknownUser', { email, organization: r.org.organization.name }) }];
    const workspace = workspaceFor(r, (w) => isActiveIn(r, target.id, w));
    if (!('id' in workspace)) return [workspace];
    return propose(r, { kind, userId: target.id, role, workspaceId: workspace.id });
  };
}

export const grantRole: Handler = roleChange('grant');
export const revokeRole: Handler = roleChange('revoke');

export const inviteMember: Handler = async (r) => {
  const email = r.nlu.entities.user;
  if (!email) return [{ text: r.t('delegation.missingUser', { example: `invite name@${r.user.email.split('@')[1] ?? 'contoso.com'}` }) }];
  const invitee = inviteeFor(r.org, email);
  const workspace = workspaceFor(r, (w) => !isActiveIn(r, invitee.id, w));
  if (!('id' in workspace)) return [workspace];
  return propose(r, { kind: 'invite', workspaceId: workspace.id, invitee });
};

const delegateSchema = z.object({ intent: z.enum(['role.grant', 'role.revoke', 'member.invite']), entities: entitiesSchema });

/** A workspace chosen on the "in which workspace?" card: the same request again, with it. */
export const delegate: Handler = (r) => {
  const parsed = delegateSchema.safeParse({ intent: r.action?.intent, entities: r.action?.entities });
  if (!parsed.success) return [{ text: r.t('turn.staleAction') }];
  const next = { ...r, nlu: { ...r.nlu, intent: parsed.data.intent, entities: parsed.data.entities }, action: undefined };
  return parsed.data.intent === 'member.invite' ? inviteMember(next) : roleChange(parsed.data.intent === 'role.grant' ? 'grant' : 'revoke')(next);
};

function settled(r: TurnRequest, outcome: SettleOutcome): Reply[] {
  switch (outcome.kind) {
    case 'unknown':
      return [{ card: messageCard({ text: r.t('delegation.unknown'), color: 'attention' }) }];
    case 'not-yours':
      return [{ card: messageCard({ text: r.t('delegation.notYours'), color: 'attention' }) }];
    case 'refused':
      return [problemReply(r, outcome.problem, outcome.pending.proposal)];
    default:
      return [cardOf(r, outcome.pending)];
  }
}

/** Confirm / Cancel on a confirmation card: only its admin, everything checked again now. */
export const settleChange: Handler = async (r) => {
  const changeId = arg(r, 'changeId');
  const decision = arg(r, 'decision');
  if (!changeId || (decision !== 'confirm' && decision !== 'cancel')) return [{ text: r.t('turn.staleAction') }];
  const outcome = await r.approvals.delegation.settle(r.org, r.user, changeId, decision === 'confirm', r.conversation.id);
  if (outcome.kind === 'done' && outcome.pending.proposal.kind !== 'invite') {
    const p = outcome.pending.proposal;
    const text = r.t(p.kind === 'grant' ? 'delegation.toGranteeGranted' : 'delegation.toGranteeRevoked', {
      name: r.user.displayName,
      role: ROLE_LABELS[p.role][r.locale],
      workspace: r.org.workspaces.get(p.workspaceId)?.name ?? p.workspaceId,
    });
    await r.approvals.tell(p.userId, text);
  }
  return settled(r, outcome);
};
