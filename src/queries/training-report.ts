import { rolesIn, visibleWorkspaces } from '../domain/access';
import { forbidden } from '../domain/errors';
import type { OrgIndex } from '../domain/org-index';
import type { User, Workspace } from '../domain/records';
import type { QueryContext } from './query-context';
import { resolveScope, scopeInfo, type ScopeInfo } from './scope';
import { compareText } from './compare';

export interface TrainingReportResult {
  scope: ScopeInfo;
  workspaceIds: string[];
  records: {
    id: string;
    workspaceId: string;
    userId: string;
    userName: string;
    email: string;
    course: string;
    hours: number;
    completedAt: string | null;
  }[];
}

/** Rule 13: learning managers and admins of W export W's on-demand education records. */
export function canExportTraining(org: OrgIndex, user: User, workspaceId: string): boolean {
  const roles = rolesIn(org, user, workspaceId);
  return roles.some((r) => r === 'customer-admin' || r === 'workspace-admin' || r === 'learning-manager');
}

function trainingWorkspaces(ctx: QueryContext): { scope: ScopeInfo; workspaces: Workspace[] } {
  const scope = resolveScope(ctx.org, ctx.user, ctx.workspace);
  if (scope.kind === 'workspace') {
    if (!canExportTraining(ctx.org, ctx.user, scope.workspace.id)) {
      throw forbidden('errors.forbidden.role', { role: 'learning-manager', workspace: scope.workspace.name, workspaceId: scope.workspace.id });
    }
    return { scope: scopeInfo(scope), workspaces: [scope.workspace] };
  }
  const workspaces = visibleWorkspaces(ctx.org, ctx.user).filter((w) => canExportTraining(ctx.org, ctx.user, w.id));
  if (workspaces.length === 0) throw forbidden('errors.forbidden.noWorkspaceWithRole', { role: 'learning-manager' });
  return { scope: scopeInfo(scope), workspaces };
}

export function trainingReportQuery(ctx: QueryContext): TrainingReportResult {
  const { scope, workspaces } = trainingWorkspaces(ctx);
  const records = workspaces.flatMap((w) =>
    ctx.org.trainingIn(w.id).map((r) => {
      const person = ctx.org.users.get(r.userId);
      return {
        id: r.id,
        workspaceId: r.workspaceId,
        userId: r.userId,
        userName: person?.displayName ?? r.userId,
        email: person?.email ?? '',
        course: r.course,
        hours: r.hours,
        completedAt: r.completedAt ?? null,
      };
    }),
  );
  records.sort((a, b) => compareText((b.completedAt ?? ''), a.completedAt ?? '') || compareText(a.userName, b.userName));
  return { scope, workspaceIds: workspaces.map((w) => w.id), records };
}
