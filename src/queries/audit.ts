import { isAdminOf, visibleWorkspaces } from '../domain/access';
import { forbidden } from '../domain/errors';
import type { AuditEntry } from '../domain/audit-entry';
import type { Workspace } from '../domain/records';
import type { QueryContext } from './query-context';
import { resolveScope } from './scope';

export interface AuditLine {
  record: AuditEntry;
  actorName: string;
  subjectName: string;
  workspaceName: string;
}

/**
 * Rule 11's trail for admins only: the entries of the workspaces the asker administers (a customer
 * admin: all), newest first, narrowed to one workspace when asked. Anyone else is refused.
 */
export function auditQuery(ctx: QueryContext, records: readonly AuditEntry[]): { scope: Workspace | 'all'; lines: AuditLine[] } {
  const { org, user } = ctx;
  const administered = visibleWorkspaces(org, user).filter((w) => isAdminOf(org, user, w.id));
  if (administered.length === 0) throw forbidden('delegation.audit.forbidden');
  let allowed = administered;
  let scope: Workspace | 'all' = 'all';
  if (ctx.workspace !== undefined && ctx.workspace.trim().toLowerCase() !== 'all') {
    const resolved = resolveScope(org, user, ctx.workspace);
    if (resolved.kind === 'workspace') {
      if (!isAdminOf(org, user, resolved.workspace.id)) {
        throw forbidden('delegation.problem.not-admin', { workspace: resolved.workspace.name });
      }
      allowed = [resolved.workspace];
      scope = resolved.workspace;
    }
  }
  const ids = new Set(allowed.map((w) => w.id));
  const nameOf = (id: string, email?: string): string => org.users.get(id)?.displayName ?? email ?? id;
  const lines = records
    .filter((r) => ids.has(r.workspaceId))
    .map((record) => ({
      record,
      actorName: nameOf(record.actorId),
      subjectName: nameOf(record.subjectId, record.subjectEmail),
      workspaceName: org.workspaces.get(record.workspaceId)?.name ?? record.workspaceId,
    }))
    .sort((a, b) => (a.record.at < b.record.at ? 1 : a.record.at > b.record.at ? -1 : 0));
  return { scope, lines };
}
