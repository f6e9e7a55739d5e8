import type { Dataset, Membership, User, Workspace } from '../../src/domain/records';
import {
  choosePlaygroundUsers,
  PLAYGROUND_BOT,
  PLAYGROUND_CONVERSATIONS,
  personalChatId,
  playgroundConfig,
  stableObjectId,
} from '../../src/cli/playground-users';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const user = (id: string, extra: Partial<User> = {}): User => ({
  id,
  email: `${id}@contoso.com`,
  displayName: `Name ${id.toUpperCase()}`,
  aadObjectId: stableObjectId(`aad-${id}`),
  accountType: 'work',
  customerAdmin: false,
  ...extra,
});
const workspace = (id: string, name: string, adminIds: string[]): Workspace => ({
  id,
  name,
  isDefault: id === 'ws-1',
  contractIds: [],
  accountPolicy: 'work-and-personal',
  adminIds,
});
const member = (workspaceId: string, userId: string, roles: Membership['roles'] = [], status: Membership['status'] = 'active'): Membership => ({
  workspaceId,
  userId,
  roles,
  status,
});

/** An organization whose first users are plain members, so that the choice cannot be file order. */
function organization(): Dataset {
  return {
    organization: { id: 'org-1', name: 'Contoso Italia', tenantId: '4f0a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b' },
    users: [
      user('plain1'),
      user('plain2'),
      user('invited'),
      user('noone'),
      user('wsadmin'),
      user('analyst'),
      user('guest', { accountType: 'personal', email: 'guest@outlook.com', aadObjectId: undefined }),
      user('boss', { customerAdmin: true, displayName: 'Anna Maria Rossi' }),
      user('lazyadmin'),
      user('guest2', { accountType: 'personal', email: 'guest2@outlook.com' }),
    ],
    contracts: [],
    workspaces: [workspace('ws-1', 'Default', ['wsadmin', 'lazyadmin']), workspace('ws-2', 'Finance', [])],
    memberships: [
      member('ws-1', 'plain1'),
      member('ws-1', 'plain2'),
      member('ws-1', 'wsadmin'),
      member('ws-2', 'analyst', ['customer-activity']),
      member('ws-2', 'invited', ['customer-activity'], 'invited'),
      member('ws-1', 'guest'),
      // lazyadmin is named admin of ws-1 without being a member: rule 1, no access
    ],
    groups: [],
    packages: [],
    entitlements: [],
    consumption: [],
    cases: [],
    training: [],
  };
}

describe('choosePlaygroundUsers', () => {
  it('makes the customer admin the current user and picks one user per access situation', () => {
    const { current, others } = choosePlaygroundUsers(organization());
    expect([current.user.id, current.role]).toEqual(['boss', 'customer admin']);
    expect(others.map((o) => [o.user.id, o.role])).toEqual([
      ['wsadmin', 'workspace admin of Default'],
      ['analyst', 'customer-activity role in Finance'],
      ['plain1', 'member of Default without roles'],
      ['guest', 'personal account'],
      ['invited', 'member of no workspace'],
    ]);
  });

  it('makes the user of --as the current one, whatever the case of the e-mail, and fills five others', () => {
    const { current, others } = choosePlaygroundUsers(organization(), ' Analyst@Contoso.com ');
    expect([current.user.id, current.role]).toEqual(['analyst', 'customer-activity role in Finance']);
    expect(others).toHaveLength(5);
    expect(others.map((o) => o.user.id)).not.toContain('analyst');
    expect(others.map((o) => o.user.id)).toEqual(['boss', 'wsadmin', 'plain1', 'guest', 'invited']);
  });

  it('does not spend a slot on the situation the --as user already shows', () => {
    const { current, others } = choosePlaygroundUsers(organization(), 'guest@outlook.com');
    expect([current.user.id, current.role]).toEqual(['guest', 'member of Default without roles']);
    expect(others.map((o) => [o.user.id, o.role])).toEqual([
      ['boss', 'customer admin'],
      ['wsadmin', 'workspace admin of Default'],
      ['analyst', 'customer-activity role in Finance'],
      ['guest2', 'personal account'],
      ['invited', 'member of no workspace'],
    ]);
  });

  it('refuses an --as e-mail that is not in the organization, naming it', () => {
    expect(() => choosePlaygroundUsers(organization(), 'mallory@evil.example')).toThrow(/--as mallory@evil\.example: no user/);
  });

  it('fills with the next users in file order when the data lacks a situation', () => {
    const data = organization();
    data.users = data.users.filter((u) => !['guest', 'guest2', 'invited', 'noone'].includes(u.id));
    const { others } = choosePlaygroundUsers(data);
    expect(others.map((o) => o.user.id)).toEqual(['wsadmin', 'analyst', 'plain1', 'lazyadmin', 'plain2']);
    expect(others[3]!.role).toBe('member of no workspace');
  });

  it('says why when the organization has fewer than six users', () => {
    const data = organization();
    data.users = data.users.slice(0, 5);
    expect(() => choosePlaygroundUsers(data)).toThrow(/needs 6 users .* the data has 5/);
  });
});

describe('playgroundConfig', () => {
  const data = organization();
  const chosen = choosePlaygroundUsers(data);
  const config = playgroundConfig(data, chosen) as {
    version: string;
    tenantId: string;
    bot: { id: string; name: string };
    currentUser: Record<string, string>;
    users: Array<Record<string, string>>;
    personalChat: { id: string };
    groupChat: { id: string; name: string };
    team: { id: string; name: string; aadGroupId: string; channels: Array<{ id: string; name: string }> };
  };

  it('is the Playground format 0.1.1 with the tenant, the bot and the fixed conversations', () => {
    expect(config.version).toBe('0.1.1');
    expect(config.tenantId).toBe(data.organization.tenantId);
    expect(config.bot).toEqual(PLAYGROUND_BOT);
    expect(config.personalChat.id).toBe('a:activity-bot-personal-boss');
    expect(personalChatId('guest')).not.toBe(config.personalChat.id); // another user, another chat, as in Teams
    expect(config.groupChat.id).toBe(PLAYGROUND_CONVERSATIONS.groupChat);
    expect(config.team).toMatchObject({ id: PLAYGROUND_CONVERSATIONS.team, name: 'Contoso Italia' });
    expect(config.team.aadGroupId).toMatch(GUID);
    expect(config.team.channels).toEqual([{ id: PLAYGROUND_CONVERSATIONS.channel, name: 'Contract renewals' }]);
  });

  it('gives every user the fields the Playground requires, with the e-mail the bot looks up', () => {
    expect(config.users).toHaveLength(5);
    const all = [config.currentUser, ...config.users];
    expect(new Set(all.map((u) => u.id)).size).toBe(6);
    for (const account of all) {
      expect(Object.keys(account).sort()).toEqual(['aadObjectId', 'email', 'givenName', 'id', 'name', 'surname', 'userPrincipleName']);
      expect(account.userPrincipleName).toBe(account.email);
    }
    expect(config.currentUser).toMatchObject({
      id: '29:boss',
      name: 'Anna Maria Rossi',
      givenName: 'Anna',
      surname: 'Maria Rossi',
      email: 'boss@contoso.com',
      aadObjectId: data.users.find((u) => u.id === 'boss')!.aadObjectId,
    });
  });

  it('gives a user without aadObjectId a stable one the data does not know, never an empty one', () => {
    const guest = config.users.find((u) => u.email === 'guest@outlook.com')!;
    expect(guest.aadObjectId).toMatch(GUID);
    expect(guest.aadObjectId).toBe(stableObjectId('guest@outlook.com'));
    expect(guest.aadObjectId).toBe(stableObjectId('GUEST@outlook.com'));
    expect(data.users.map((u) => u.aadObjectId)).not.toContain(guest.aadObjectId);
    expect(stableObjectId('other@outlook.com')).not.toBe(guest.aadObjectId);
  });
});
