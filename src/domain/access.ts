import type { OrgIndex } from './org-index';
import type { User, Workspace } from './records';
import type { RoleId } from './vocabulary';

// The access rules of domain.md. Every query goes through these; nothing else decides.

/** Rule 1: a user sees a workspace only as an active member of it, or as a customer admin. */
export function canSeeWorkspace(org: OrgIndex, user: User, workspaceId: string): boolean {
  if (!org.workspaces.has(workspaceId)) return false;
  if (user.customerAdmin) return true;
  return org.membershipsOf(user.id).some((m) => m.workspaceId === workspaceId && m.status === 'active');
}

/** The workspaces rule 1 lets the user see, in dataset order. */
export function visibleWorkspaces(org: OrgIndex, user: User): Workspace[] {
  return org.dataset.workspaces.filter((w) => canSeeWorkspace(org, user, w.id));
}

/** The roles the user holds in a workspace they can see (none where rule 1 keeps them out). */
export function rolesIn(org: OrgIndex, user: User, workspaceId: string): RoleId[] {
  if (!canSeeWorkspace(org, user, workspaceId)) return [];
  const roles = new Set<RoleId>();
  if (user.customerAdmin) roles.add('customer-admin');
  const workspace = org.workspaces.get(workspaceId);
  const membership = org.membershipsOf(user.id).find((m) => m.workspaceId === workspaceId && m.status === 'active');
  // rule 1 comes first: an admin id on a workspace counts only for an active member.
  if (membership && workspace?.adminIds.includes(user.id)) roles.add('workspace-admin');
  for (const role of membership?.roles ?? []) roles.add(role);
  return [...roles];
}

export function isAdminOf(org: OrgIndex, user: User, workspaceId: string): boolean {
  const roles = rolesIn(org, user, workspaceId);
  return roles.includes('customer-admin') || roles.includes('workspace-admin');
}

/** Rule 2: customer admins, workspace admins of W, members of W with `customer-activity` in W. */
export function canSeeActivity(org: OrgIndex, user: User, workspaceId: string): boolean {
  const roles = rolesIn(org, user, workspaceId);
  return roles.includes('customer-admin') || roles.includes('workspace-admin') || roles.includes('customer-activity');
}

/** The user's default scope: their default workspace, else their first. */
export function defaultWorkspace(org: OrgIndex, user: User): Workspace | undefined {
  const visible = visibleWorkspaces(org, user);
  return visible.find((w) => w.isDefault) ?? visible[0];
}
