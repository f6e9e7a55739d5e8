import { canSeeWorkspace, isAdminOf } from '../domain/access';
import { notFound } from '../domain/errors';
import type { User } from '../domain/records';
import type { QueryContext } from './query-context';

export interface Approver {
  id: string;
  name: string;
  email: string;
}

/**
 * Rule 11: who may grant a role in a workspace — its workspace admins who are active members, and
 * the customer admins — never the asker. Only for a workspace the asker can see (rule 1).
 */
export function approversQuery(ctx: QueryContext, workspaceId: string): { workspaceId: string; approvers: Approver[] } {
  if (!canSeeWorkspace(ctx.org, ctx.user, workspaceId)) throw notFound('errors.notFound.workspace', { name: workspaceId });
  const approvers = ctx.org.dataset.users.filter((u: User) => u.id !== ctx.user.id && isAdminOf(ctx.org, u, workspaceId));
  return { workspaceId, approvers: approvers.map((u) => ({ id: u.id, name: u.displayName, email: u.email })) };
}
