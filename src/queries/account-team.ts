import type { QueryContext } from './query-context';
import { activityScope, isActiveOn } from './scope-data';
import type { ScopeInfo } from './scope';

export interface TeamMember {
  role: 'csam' | 'account-coordinator';
  name: string;
  email: string;
  /** Numbers of the active contracts this person serves. */
  contracts: string[];
}

export interface AccountTeamResult {
  scope: ScopeInfo;
  team: TeamMember[];
}

/** CSAM and Account Coordinator of the scope's active contracts, each person and role once. */
export function accountTeamQuery(ctx: QueryContext): AccountTeamResult {
  const { scope, contracts } = activityScope(ctx);
  const team = new Map<string, TeamMember>();
  for (const contract of contracts) {
    if (!isActiveOn(contract, ctx.today)) continue;
    const people: [TeamMember['role'], { name: string; email: string } | undefined][] = [
      ['csam', contract.csam],
      ['account-coordinator', contract.accountCoordinator],
    ];
    for (const [role, person] of people) {
      if (!person) continue;
      const key = `${role}:${person.email.toLowerCase()}`;
      const member = team.get(key) ?? { role, name: person.name, email: person.email, contracts: [] };
      member.contracts.push(contract.number);
      team.set(key, member);
    }
  }
  return { scope, team: [...team.values()] };
}
