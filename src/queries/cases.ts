import { visibleWorkspaces } from '../domain/access';
import { canSeeCase } from '../domain/case-visibility';
import type { SupportCase } from '../domain/records';
import { enumFlag } from './flags';
import type { QueryContext } from './query-context';
import { resolveScope, scopeInfo, type ScopeInfo } from './scope';

export interface CaseLine {
  id: string;
  title: string;
  type: SupportCase['type'];
  status: SupportCase['status'];
  severity: string;
  createdAt: string;
  workspaceId: string;
}

export interface CasesResult {
  scope: ScopeInfo;
  cases: CaseLine[];
}

export const caseLine = (c: SupportCase): CaseLine => ({
  id: c.id,
  title: c.title,
  type: c.type,
  status: c.status,
  severity: c.severity,
  createdAt: c.createdAt,
  workspaceId: c.workspaceId,
});

/** Rule 3: the support requests of the scope the user may see, newest first. */
export function casesQuery(ctx: QueryContext, flags: Readonly<Record<string, string>>): CasesResult {
  const status = enumFlag(flags, 'status', ['open', 'closed'] as const);
  const scope = resolveScope(ctx.org, ctx.user, ctx.workspace);
  const workspaces = scope.kind === 'all' ? visibleWorkspaces(ctx.org, ctx.user) : [scope.workspace];
  const cases = workspaces
    .flatMap((w) => ctx.org.casesIn(w.id))
    .filter((c) => (status === undefined || c.status === status) && canSeeCase(ctx.org, ctx.user, c))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  return { scope: scopeInfo(scope), cases: cases.map(caseLine) };
}
