import { canSeeWorkspace, rolesIn } from './access';
import type { OrgIndex } from './org-index';
import type { SupportCase, User } from './records';

/**
 * Rule 3: a case of W is visible to customer admins and workspace admins of W, and to a member
 * of W who (a) is in a group granted access, (b) was shared on it, (c) opened it as primary
 * contact, or (d) holds `view-all-support-requests` in W.
 */
export function canSeeCase(org: OrgIndex, user: User, supportCase: SupportCase): boolean {
  if (!canSeeWorkspace(org, user, supportCase.workspaceId)) return false; // rule 1 first
  const roles = rolesIn(org, user, supportCase.workspaceId);
  if (roles.some((r) => r === 'customer-admin' || r === 'workspace-admin' || r === 'view-all-support-requests')) {
    return true;
  }
  if (supportCase.primaryContactId === user.id) return true;
  if (supportCase.sharedWithIds.includes(user.id)) return true;
  return supportCase.groupIds.some((g) => org.isGroupMember(g, user.id));
}

/** Rule 4: a consumption record tied to a case the user cannot see is shown without description and case. */
export function isRestricted(org: OrgIndex, user: User, caseId: string | undefined): boolean {
  if (caseId === undefined) return false;
  const supportCase = org.cases.get(caseId);
  return supportCase === undefined ? false : !canSeeCase(org, user, supportCase);
}
