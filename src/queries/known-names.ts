import { canSeeActivity, visibleWorkspaces } from '../domain/access';
import type { OrgIndex } from '../domain/org-index';
import type { User } from '../domain/records';

/**
 * The workspace and package names a user may see: what the language layer matches names against,
 * so that a typo finds "Finance" and a hidden workspace's name is never recognised or suggested.
 */
export function knownNames(org: OrgIndex, user: User): { workspaces: string[]; packages: string[] } {
  const workspaces = visibleWorkspaces(org, user);
  const packages = new Set<string>();
  const contracts = new Set(workspaces.filter((w) => canSeeActivity(org, user, w.id)).flatMap((w) => w.contractIds));
  for (const id of contracts) for (const p of org.packagesOf(id)) packages.add(p.name);
  return { workspaces: workspaces.map((w) => w.name), packages: [...packages] };
}
