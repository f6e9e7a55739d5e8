import type { OrgIndex } from './org-index';
import type { User, Workspace } from './records';

// Rule 10: which kinds of account a workspace accepts.

export type AccountType = User['accountType'];

/** Why an invitation breaks the workspace's account policy (message keys `delegation.policy.*`). */
export type PolicyRefusal = 'premier-work-only' | 'premier-personal-only' | 'unified-no-personal' | 'unified-work-only';

// Microsoft account (personal) domains: an e-mail there is a personal account, anything else a
// work or school account. Used only for people the organization does not list yet.
const PERSONAL_DOMAINS = /^(outlook|hotmail|live|msn|windowslive|passport)\.[a-z.]+$/;

export function accountTypeOfEmail(email: string): AccountType {
  const domain = email.trim().toLowerCase().split('@')[1] ?? '';
  return PERSONAL_DOMAINS.test(domain) ? 'personal' : 'work';
}

/** Premier when any contract mapped to the workspace is Premier (a Premier set takes one kind only). */
export function isPremierWorkspace(org: OrgIndex, workspace: Workspace): boolean {
  return workspace.contractIds.some((id) => org.contracts.get(id)?.type === 'Premier');
}

/**
 * A Premier workspace accepts work/school accounts only or personal accounts only (as configured);
 * a Unified workspace refuses personal accounts unless configured to allow them.
 */
export function invitationPolicyRefusal(org: OrgIndex, workspace: Workspace, accountType: AccountType): PolicyRefusal | undefined {
  const premier = isPremierWorkspace(org, workspace);
  if (premier) {
    // "work-and-personal" is not a Premier setting: read it as the stricter work-only
    const accepts: AccountType = workspace.accountPolicy === 'personal-only' ? 'personal' : 'work';
    if (accountType === accepts) return undefined;
    return accepts === 'work' ? 'premier-work-only' : 'premier-personal-only';
  }
  if (workspace.accountPolicy === 'work-and-personal') return undefined;
  if (workspace.accountPolicy === 'personal-only') return accountType === 'personal' ? undefined : 'unified-work-only';
  return accountType === 'personal' ? 'unified-no-personal' : undefined;
}
