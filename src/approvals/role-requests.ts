import { isAdminOf } from '../domain/access';
import type { AuditLog } from '../audit/audit-log';
import type { OrgIndex } from '../domain/org-index';
import type { User } from '../domain/records';
import type { DelegableRoleId } from '../domain/vocabulary';
import type { KeyValueStorage } from '../storage/storage';
import type { OrgChangeLog } from './org-changes';

// Rule 11 as a workflow: a member asks for a role in W; any admin of W but the requester decides;
// the first decision wins, atomically, even with clicks arriving together on two instances.

export const REQUEST_LIFETIME_DAYS = 14;

export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'expired';

export interface RoleRequest {
  id: string;
  userId: string;
  role: DelegableRoleId;
  workspaceId: string;
  status: RequestStatus;
  /** ISO date-times. */
  createdAt: string;
  expiresAt: string;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
}

export type OpenOutcome = { kind: 'created'; request: RoleRequest } | { kind: 'already-open'; request: RoleRequest };

export type DecideOutcome =
  | { kind: 'decided'; request: RoleRequest }
  | { kind: 'already-decided'; request: RoleRequest }
  | { kind: 'expired'; request: RoleRequest }
  | { kind: 'not-allowed'; reason: 'requester' | 'not-admin' | 'not-member' }
  | { kind: 'unknown' };

const requestKey = (id: string): string => `approvals/request/${encodeURIComponent(id)}`;
const openKey = (userId: string, role: string, workspaceId: string): string =>
  `approvals/open/${encodeURIComponent(userId)}/${role}/${encodeURIComponent(workspaceId)}`;

const addDaysIso = (iso: string, days: number): string => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

export class RoleRequests {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly changes: OrgChangeLog,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  /** One open request per user, role and workspace: asking again returns the open one. */
  async open(user: User, role: DelegableRoleId, workspaceId: string, conversationId?: string): Promise<OpenOutcome> {
    const key = openKey(user.id, role, workspaceId);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const existing = await this.storage.read<{ requestId: string }>(key);
      if (existing) {
        const request = await this.current(existing.value.requestId);
        if (request?.status === 'pending') return { kind: 'already-open', request };
      }
      const createdAt = this.now().toISOString();
      const request: RoleRequest = {
        id: this.newId(),
        userId: user.id,
        role,
        workspaceId,
        status: 'pending',
        createdAt,
        expiresAt: addDaysIso(createdAt, REQUEST_LIFETIME_DAYS),
      };
      await this.storage.write(requestKey(request.id), request, null);
      // the open index is claimed atomically: of two simultaneous asks, one creates, one finds it
      const claimed = await this.storage.write(key, { requestId: request.id }, existing ? existing.eTag : null);
      if (claimed) {
        await this.audit.append({
          id: `${request.id}:requested`,
          at: createdAt,
          action: 'role.requested',
          actorId: user.id,
          subjectId: user.id,
          role,
          workspaceId,
          requestId: request.id,
          ...(conversationId ? { conversationId } : {}),
        });
        return { kind: 'created', request };
      }
      await this.storage.delete(requestKey(request.id));
    }
    throw new Error(`role request ${key}: too many concurrent attempts`);
  }

  /** The request as stored, marked expired once its 14 days are over. */
  async current(id: string): Promise<RoleRequest | undefined> {
    const item = await this.storage.read<RoleRequest>(requestKey(id));
    if (!item) return undefined;
    const request = item.value;
    return request.status === 'pending' && this.now().toISOString() >= request.expiresAt ? { ...request, status: 'expired' } : request;
  }

  /**
   * Approves or rejects. The decider's rights are checked against the organization now (an admin
   * of W, an active member, not the requester); the write is a compare-and-set on the request, so
   * the first decision wins and every later one is told who decided and when.
   */
  async decide(org: OrgIndex, decider: User, id: string, approve: boolean, comment?: string, conversationId?: string): Promise<DecideOutcome> {
    const item = await this.storage.read<RoleRequest>(requestKey(id));
    if (!item) return { kind: 'unknown' };
    const request = item.value;
    if (decider.id === request.userId) return { kind: 'not-allowed', reason: 'requester' };
    if (!isAdminOf(org, decider, request.workspaceId)) return { kind: 'not-allowed', reason: 'not-admin' };
    if (request.status !== 'pending') return { kind: 'already-decided', request };
    const now = this.now().toISOString();
    if (now >= request.expiresAt) return { kind: 'expired', request: { ...request, status: 'expired' } };
    const requester = org.users.get(request.userId);
    const stillMember = requester && org.membershipsOf(requester.id).some((m) => m.workspaceId === request.workspaceId && m.status === 'active');
    if (approve && !stillMember) return { kind: 'not-allowed', reason: 'not-member' };

    const decided: RoleRequest = {
      ...request,
      status: approve ? 'approved' : 'rejected',
      decidedBy: decider.id,
      decidedAt: now,
      ...(comment?.trim() ? { comment: comment.trim().slice(0, 500) } : {}),
    };
    const written = await this.storage.write(requestKey(id), decided, item.eTag);
    if (!written) {
      const winner = await this.storage.read<RoleRequest>(requestKey(id));
      return { kind: 'already-decided', request: winner?.value ?? request };
    }
    // only the winner gets here: one grant, one audit entry per request
    await this.storage.delete(openKey(request.userId, request.role, request.workspaceId));
    if (approve) await this.changes.append({ userId: request.userId, workspaceId: request.workspaceId, role: request.role, granted: true });
    await this.audit.append({
      id: `${id}:decision`,
      at: now,
      action: approve ? 'role.approved' : 'role.rejected',
      actorId: decider.id,
      subjectId: request.userId,
      role: request.role,
      workspaceId: request.workspaceId,
      requestId: id,
      ...(decided.comment ? { comment: decided.comment } : {}),
      ...(conversationId ? { conversationId } : {}),
    });
    return { kind: 'decided', request: decided };
  }
}
