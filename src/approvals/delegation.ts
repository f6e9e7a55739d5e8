import { createHash } from 'node:crypto';
import { accountTypeOfEmail } from '../domain/account-policy';
import { invitationProblem, roleChangeProblem, type DelegationProblem } from '../domain/delegation';
import type { OrgChange, OrgIndex } from '../domain/org-index';
import type { User } from '../domain/records';
import type { DelegableRoleId } from '../domain/vocabulary';
import type { AuditAction, AuditLog } from '../audit/audit-log';
import type { KeyValueStorage } from '../storage/storage';
import type { OrgChangeLog } from './org-changes';

// Direct delegation by an admin (rules 10–11): grant, revoke, invite. Each is proposed, shown on a
// confirmation card, and applied only when the same admin confirms; everything is checked again
// at that moment against the organization as it is then.

export const CONFIRMATION_LIFETIME_HOURS = 24;

export type Proposal =
  | { kind: 'grant' | 'revoke'; userId: string; role: DelegableRoleId; workspaceId: string }
  | { kind: 'invite'; workspaceId: string; invitee: User };

export type PendingStatus = 'pending' | 'done' | 'cancelled' | 'expired';

export interface PendingChange {
  id: string;
  actorId: string;
  proposal: Proposal;
  status: PendingStatus;
  createdAt: string;
  expiresAt: string;
  settledAt?: string;
  conversationId?: string;
}

export type ProposeOutcome = { kind: 'proposed'; pending: PendingChange } | { kind: 'refused'; problem: DelegationProblem };

export type SettleOutcome =
  | { kind: 'done' | 'cancelled' | 'already' | 'expired'; pending: PendingChange }
  | { kind: 'refused'; problem: DelegationProblem; pending: PendingChange }
  | { kind: 'not-yours' }
  | { kind: 'unknown' };

const pendingKey = (id: string): string => `approvals/change/${encodeURIComponent(id)}`;

/** The user record of someone invited by e-mail: the organization's, else a new one with a stable id. */
export function inviteeFor(org: OrgIndex, email: string): User {
  const normalized = email.trim().toLowerCase();
  const known = org.userByEmail(normalized);
  if (known) return known;
  const local = normalized.split('@')[0] ?? normalized;
  return {
    id: `u-chat-${createHash('sha256').update(normalized).digest('hex').slice(0, 16)}`,
    email: normalized,
    displayName: local,
    accountType: accountTypeOfEmail(normalized),
    customerAdmin: false,
  };
}

export function proposalProblem(org: OrgIndex, actor: User, proposal: Proposal): DelegationProblem | undefined {
  if (proposal.kind === 'invite') {
    const { invitee } = proposal;
    return invitationProblem(org, actor, { email: invitee.email, user: org.users.get(invitee.id), accountType: invitee.accountType }, proposal.workspaceId);
  }
  const target = org.users.get(proposal.userId);
  if (!target) return { reason: 'not-member' };
  return roleChangeProblem(org, actor, target, proposal.workspaceId, proposal.role, proposal.kind === 'grant');
}

const changeOf = (p: Proposal): OrgChange =>
  p.kind === 'invite'
    ? { kind: 'invite', workspaceId: p.workspaceId, user: p.invitee }
    : { kind: 'role', userId: p.userId, workspaceId: p.workspaceId, role: p.role, granted: p.kind === 'grant' };

const AUDIT_OF: Readonly<Record<Proposal['kind'], AuditAction>> = { grant: 'role.granted', revoke: 'role.revoked', invite: 'member.invited' };

export class Delegation {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly changes: OrgChangeLog,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  async propose(org: OrgIndex, actor: User, proposal: Proposal, conversationId?: string): Promise<ProposeOutcome> {
    const problem = proposalProblem(org, actor, proposal);
    if (problem) return { kind: 'refused', problem };
    const createdAt = this.now().toISOString();
    const pending: PendingChange = {
      id: this.newId(),
      actorId: actor.id,
      proposal,
      status: 'pending',
      createdAt,
      expiresAt: new Date(Date.parse(createdAt) + CONFIRMATION_LIFETIME_HOURS * 3_600_000).toISOString(),
      ...(conversationId ? { conversationId } : {}),
    };
    await this.storage.write(pendingKey(pending.id), pending, null);
    return { kind: 'proposed', pending };
  }

  async read(id: string): Promise<PendingChange | undefined> {
    return (await this.storage.read<PendingChange>(pendingKey(id)))?.value;
  }

  /**
   * Confirm or cancel, by the admin who proposed it only. Applying is idempotent (the change and
   * its audit entry carry the proposal's id) and the status is set last by compare-and-set, so a
   * double click or a crash half-way never applies or records a change twice.
   */
  async settle(org: OrgIndex, actor: User, id: string, confirm: boolean, conversationId?: string): Promise<SettleOutcome> {
    const item = await this.storage.read<PendingChange>(pendingKey(id));
    if (!item) return { kind: 'unknown' };
    const pending = item.value;
    if (pending.actorId !== actor.id) return { kind: 'not-yours' };
    if (pending.status !== 'pending') return { kind: 'already', pending };
    const now = this.now().toISOString();
    if (now >= pending.expiresAt) return { kind: 'expired', pending: { ...pending, status: 'expired' } };
    if (confirm) {
      const problem = proposalProblem(org, actor, pending.proposal);
      if (problem) return { kind: 'refused', problem, pending };
      await this.changes.append(changeOf(pending.proposal));
      const p = pending.proposal;
      await this.audit.append({
        id: `${pending.id}:confirmed`,
        at: now,
        action: AUDIT_OF[p.kind],
        actorId: actor.id,
        subjectId: p.kind === 'invite' ? p.invitee.id : p.userId,
        ...(p.kind === 'invite' ? { subjectEmail: p.invitee.email } : { role: p.role }),
        workspaceId: p.workspaceId,
        ...(conversationId ? { conversationId } : {}),
      });
    }
    const settled: PendingChange = { ...pending, status: confirm ? 'done' : 'cancelled', settledAt: now };
    const written = await this.storage.write(pendingKey(id), settled, item.eTag);
    if (!written) return { kind: 'already', pending: (await this.read(id)) ?? pending };
    return { kind: confirm ? 'done' : 'cancelled', pending: settled };
  }

  /** An invited person's first message: every invitation made in chat for them becomes membership. */
  async joinOnFirstContact(org: OrgIndex, user: User, conversationId?: string): Promise<string[]> {
    const workspaceIds = org.chatInvitationsOf(user.id);
    if (workspaceIds.length === 0) return [];
    await this.changes.append(...workspaceIds.map((workspaceId): OrgChange => ({ kind: 'join', workspaceId, userId: user.id })));
    const at = this.now().toISOString();
    for (const workspaceId of workspaceIds) {
      await this.audit.append({
        id: `join:${user.id}:${workspaceId}:${at.slice(0, 10)}`,
        at,
        action: 'member.joined',
        actorId: user.id,
        subjectId: user.id,
        subjectEmail: user.email,
        workspaceId,
        ...(conversationId ? { conversationId } : {}),
      });
    }
    return [...workspaceIds];
  }
}
