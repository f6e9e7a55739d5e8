import { canSeeWorkspace, rolesIn } from './access';
import type { OrgIndex } from './org-index';
import type { SupportCase, User } from './records';

/** How far rule 3 opens a workspace's cases to a user: all of them, case by case, or none. */
export type CaseAccess = 'all' | 'own' | 'none';

/** Rule 3, the part that holds for a whole workspace: admins and `view-all-support-requests` see every case. */
export function caseAccessIn(org: OrgIndex, user: User, workspaceId: string): CaseAccess {
  if (!canSeeWorkspace(org, user, workspaceId)) return 'none'; // rule 1 first
  const roles = rolesIn(org, user, workspaceId);
  return roles.some((r) => r === 'customer-admin' || r === 'workspace-admin' || r === 'view-all-support-requests') ? 'all' : 'own';
}

/** Rule 3 (a)–(c) for a member without a workspace-wide way in: group, sharing, primary contact. */
export function isOwnCase(org: OrgIndex, user: User, supportCase: SupportCase): boolean {
  return (
    supportCase.primaryContactId === user.id ||
    supportCase.sharedWithIds.includes(user.id) ||
    supportCase.groupIds.some((g) => org.isGroupMember(g, user.id))
  );
}

/**
 * Rule 3: a case of W is visible to customer admins and workspace admins of W, and to a member
 * of W who (a) is in a group granted access, (b) was shared on it, (c) opened it as primary
 * contact, or (d) holds `view-all-support-requests` in W.
 */
export function canSeeCase(org: OrgIndex, user: User, supportCase: SupportCase, access?: CaseAccess): boolean {
  const level = access ?? caseAccessIn(org, user, supportCase.workspaceId);
  return level === 'all' || (level === 'own' && isOwnCase(org, user, supportCase));
}

/** Rule 4: a consumption record tied to a case the user cannot see is shown without description and case. */
export function isRestricted(org: OrgIndex, user: User, caseId: string | undefined): boolean {
  if (caseId === undefined) return false;
  const supportCase = org.cases.get(caseId);
  return supportCase === undefined ? false : !canSeeCase(org, user, supportCase);
}
