import { accountTypeOfEmail, invitationPolicyRefusal } from '../../src/domain/account-policy';
import { canSeeWorkspace, rolesIn } from '../../src/domain/access';
import { invitationProblem, roleChangeProblem } from '../../src/domain/delegation';
import type { OrgIndex } from '../../src/domain/org-index';
import type { User } from '../../src/domain/records';
import { sampleOrg } from '../support/sample-org';

// Rules 10 and 11 on the sample organization, as data/sample/README.md maps them.

let org: OrgIndex;
beforeAll(async () => {
  org = await sampleOrg();
});
const user = (email: string): User => {
  const u = org.userByEmail(email);
  if (!u) throw new Error(email);
  return u;
};
const ws = (id: string) => org.workspaces.get(id)!;

describe('rule 10: account policy of invitations', () => {
  it('tells personal (Microsoft) accounts from work accounts by their domain', () => {
    expect(accountTypeOfEmail('someone@outlook.it')).toBe('personal');
    expect(accountTypeOfEmail('Someone@Hotmail.com')).toBe('personal');
    expect(accountTypeOfEmail('x@live.co.uk')).toBe('personal');
    expect(accountTypeOfEmail('x@contoso.com')).toBe('work');
    expect(accountTypeOfEmail('x@outlook-partners.com')).toBe('work');
  });

  it('keeps each workspace to the accounts it accepts', () => {
    expect(invitationPolicyRefusal(org, ws('ws-hr'), 'personal')).toBe('premier-work-only');
    expect(invitationPolicyRefusal(org, ws('ws-hr'), 'work')).toBeUndefined();
    expect(invitationPolicyRefusal(org, ws('ws-partner'), 'work')).toBe('premier-personal-only');
    expect(invitationPolicyRefusal(org, ws('ws-partner'), 'personal')).toBeUndefined();
    expect(invitationPolicyRefusal(org, ws('ws-default'), 'personal')).toBe('unified-no-personal');
    expect(invitationPolicyRefusal(org, ws('ws-finance'), 'personal')).toBe('unified-no-personal');
    expect(invitationPolicyRefusal(org, ws('ws-sales'), 'personal')).toBeUndefined();
    expect(invitationPolicyRefusal(org, ws('ws-sales'), 'work')).toBeUndefined();
  });

  it('reads "work-and-personal" on a Premier workspace as work only: a Premier set takes one kind', () => {
    const mixed = { ...ws('ws-hr'), accountPolicy: 'work-and-personal' as const };
    expect(invitationPolicyRefusal(org, mixed, 'personal')).toBe('premier-work-only');
  });

  it('checks who invites, whom and where', () => {
    const mario = user('mario.rossi@contoso.com');
    const davide = { email: 'davide.conti@contoso.com', user: user('davide.conti@contoso.com'), accountType: 'work' as const };
    expect(invitationProblem(org, mario, davide, 'ws-finance')).toBeUndefined();
    expect(invitationProblem(org, user('marco.bruno@contoso.com'), davide, 'ws-finance')).toEqual({ reason: 'not-admin' });
    expect(invitationProblem(org, user('luca.esposito@contoso.com'), davide, 'ws-sales')).toEqual({ reason: 'not-admin' });
    expect(invitationProblem(org, mario, { email: 'marco.bruno@contoso.com', user: user('marco.bruno@contoso.com'), accountType: 'work' }, 'ws-finance')).toEqual({
      reason: 'already-member',
    });
    // Sara's invitation in the dataset is not accepted: an invitation in chat lets her join on first contact
    expect(invitationProblem(org, mario, { email: 'sara.gallo@contoso.com', user: user('sara.gallo@contoso.com'), accountType: 'work' }, 'ws-finance')).toBeUndefined();
    expect(invitationProblem(org, user('anna.bianchi@contoso.com'), { email: 'p@outlook.it', accountType: 'personal' }, 'ws-hr')).toEqual({
      reason: 'policy',
      policy: 'premier-work-only',
    });
  });
});

describe('rule 11: who grants and revokes what', () => {
  it('lets an admin of W change a delegable role of an active member of W only', () => {
    const mario = user('mario.rossi@contoso.com');
    const marco = user('marco.bruno@contoso.com');
    expect(roleChangeProblem(org, mario, marco, 'ws-finance', 'customer-activity', true)).toBeUndefined();
    expect(roleChangeProblem(org, mario, user('sara.gallo@contoso.com'), 'ws-finance', 'customer-activity', true)).toEqual({ reason: 'not-member' });
    expect(roleChangeProblem(org, mario, user('davide.conti@contoso.com'), 'ws-finance', 'customer-activity', true)).toEqual({ reason: 'not-member' });
    expect(roleChangeProblem(org, mario, marco, 'ws-sales', 'customer-activity', true)).toEqual({ reason: 'not-admin' });
    expect(roleChangeProblem(org, user('luca.esposito@contoso.com'), user('stefano.moretti@contoso.com'), 'ws-sales', 'customer-activity', true)).toEqual({
      reason: 'not-admin',
    });
    expect(roleChangeProblem(org, user('giulia.verdi@contoso.com'), marco, 'ws-finance', 'customer-activity', true)).toEqual({ reason: 'not-admin' });
    expect(roleChangeProblem(org, mario, user('giulia.verdi@contoso.com'), 'ws-finance', 'customer-activity', true)).toEqual({ reason: 'already-has' });
    expect(roleChangeProblem(org, mario, marco, 'ws-finance', 'customer-activity', false)).toEqual({ reason: 'does-not-have' });
    expect(roleChangeProblem(org, user('anna.bianchi@contoso.com'), marco, 'ws-finance', 'learning-manager', true)).toBeUndefined();
  });
});

describe('changes made in chat, laid over the dataset', () => {
  it('adds an invited person, makes them a member only when they join, and lets roles follow', () => {
    const newcomer: User = { id: 'u-new', email: 'new@contoso.com', displayName: 'New', accountType: 'work', customerAdmin: false };
    const invited = org.withChanges([{ kind: 'invite', workspaceId: 'ws-finance', user: newcomer }]);
    expect(invited.userByEmail('NEW@contoso.com')?.id).toBe('u-new');
    expect(org.userByEmail('new@contoso.com')).toBeUndefined();
    expect(canSeeWorkspace(invited, newcomer, 'ws-finance')).toBe(false);
    expect(invited.chatInvitationsOf('u-new')).toEqual(['ws-finance']);
    // a grant before joining reaches nobody: roles go to active members
    const early = invited.withChanges([{ userId: 'u-new', workspaceId: 'ws-finance', role: 'customer-activity', granted: true }]);
    expect(rolesIn(early, newcomer, 'ws-finance')).toEqual([]);

    const joined = invited.withChanges([{ kind: 'join', workspaceId: 'ws-finance', userId: 'u-new' }]);
    expect(canSeeWorkspace(joined, newcomer, 'ws-finance')).toBe(true);
    expect(joined.chatInvitationsOf('u-new')).toEqual([]);
    const granted = joined.withChanges([{ userId: 'u-new', workspaceId: 'ws-finance', role: 'customer-activity', granted: true }]);
    expect(rolesIn(granted, newcomer, 'ws-finance')).toEqual(['customer-activity']);
  });

  it('never activates an invitation that was not made in chat', () => {
    const luca = user('luca.esposito@contoso.com');
    const joined = org.withChanges([{ kind: 'join', workspaceId: 'ws-sales', userId: luca.id }]);
    expect(canSeeWorkspace(joined, luca, 'ws-sales')).toBe(false);
  });

  it('keeps the roles an invitation in the dataset carries when it is re-sent in chat and accepted', () => {
    const sara = user('sara.gallo@contoso.com');
    const accepted = org.withChanges([
      { kind: 'invite', workspaceId: 'ws-finance', user: sara },
      { kind: 'join', workspaceId: 'ws-finance', userId: sara.id },
    ]);
    expect(rolesIn(accepted, sara, 'ws-finance')).toEqual(['customer-activity']);
  });
});
