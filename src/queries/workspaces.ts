import { rolesIn, visibleWorkspaces } from '../domain/access';
import type { RoleId } from '../domain/vocabulary';
import type { QueryContext } from './query-context';

export interface WorkspacesResult {
  workspaces: { id: string; name: string; isDefault: boolean; roles: RoleId[] }[];
}

/** The workspaces the user can see (rule 1) with the roles they hold in each. */
export function workspacesQuery(ctx: QueryContext): WorkspacesResult {
  return {
    workspaces: visibleWorkspaces(ctx.org, ctx.user).map((w) => ({
      id: w.id,
      name: w.name,
      isDefault: w.isDefault,
      roles: rolesIn(ctx.org, ctx.user, w.id),
    })),
  };
}
