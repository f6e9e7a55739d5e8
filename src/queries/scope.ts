import { canSeeActivity, defaultWorkspace, visibleWorkspaces } from '../domain/access';
import { AppError, forbidden, notFound } from '../domain/errors';
import type { OrgIndex } from '../domain/org-index';
import type { User, Workspace } from '../domain/records';
import { closestNames, sameName } from '../domain/suggest';

export const ALL = 'all';

/** A workspace scope the user may see (rule 1): one workspace, or all of theirs. */
export type Scope = { kind: 'workspace'; workspace: Workspace } | { kind: 'all' };

/**
 * Resolves `--workspace ID|NAME|all` (or the user's default when absent) among the workspaces the
 * user can see. An unknown or invisible workspace is "not found" with suggestions taken only from
 * visible names, so the answer never reveals that a hidden workspace exists.
 */
export function resolveScope(org: OrgIndex, user: User, requested: string | undefined): Scope {
  const visible = visibleWorkspaces(org, user);
  if (requested === undefined || requested.trim() === '') {
    const fallback = defaultWorkspace(org, user);
    if (!fallback) throw forbidden('errors.forbidden.noWorkspace');
    return { kind: 'workspace', workspace: fallback };
  }
  const wanted = requested.trim();
  if (wanted.toLowerCase() === ALL) {
    if (visible.length === 0) throw forbidden('errors.forbidden.noWorkspace');
    return { kind: 'all' };
  }
  const match = visible.find((w) => w.id === wanted) ?? visible.find((w) => sameName(w.name, wanted));
  if (match) return { kind: 'workspace', workspace: match };
  const suggestions = closestNames(
    wanted,
    visible.map((w) => w.name),
  );
  throw suggestions.length > 0
    ? notFound('errors.notFound.workspaceSuggest', { name: wanted, suggestions })
    : notFound('errors.notFound.workspace', { name: wanted });
}

/**
 * Rules 2 and 5: the workspaces of the scope whose Customer Activity data the user may see.
 * A single workspace without the role is a refusal naming role and workspace; "all" is the union
 * where rule 2 holds, and a refusal when it holds nowhere. Never an empty answer that looks like "no data".
 */
export function activityWorkspaces(org: OrgIndex, user: User, scope: Scope): Workspace[] {
  if (scope.kind === 'workspace') {
    if (!canSeeActivity(org, user, scope.workspace.id)) {
      throw forbidden('errors.forbidden.role', {
        role: 'customer-activity',
        workspace: scope.workspace.name,
        workspaceId: scope.workspace.id,
      });
    }
    return [scope.workspace];
  }
  const allowed = visibleWorkspaces(org, user).filter((w) => canSeeActivity(org, user, w.id));
  if (allowed.length === 0) {
    throw visibleWorkspaces(org, user).length === 0
      ? forbidden('errors.forbidden.noWorkspace')
      : forbidden('errors.forbidden.noWorkspaceWithRole', { role: 'customer-activity' });
  }
  return allowed;
}

export const isRefusal = (e: unknown): e is AppError => e instanceof AppError && e.code === 'forbidden';

/** How a result names its scope: a workspace by id and name, or `all`. */
export type ScopeInfo = { id: string; name: string } | { id: typeof ALL };

export const scopeInfo = (scope: Scope): ScopeInfo =>
  scope.kind === 'all' ? { id: ALL } : { id: scope.workspace.id, name: scope.workspace.name };
