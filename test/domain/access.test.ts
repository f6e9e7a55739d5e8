import { canSeeActivity, canSeeWorkspace, rolesIn, visibleWorkspaces } from '../../src/domain/access';
import { additionalReason } from '../../src/domain/additional-cases';
import { canSeeCase, isRestricted } from '../../src/domain/case-visibility';
import { TODAY, tinyOrg } from '../support/tiny-org';

const org = tinyOrg();
const u = (id: string) => {
  const user = org.users.get(id);
  if (!user) throw new Error(id);
  return user;
};
const kase = (id: string) => {
  const c = org.cases.get(id);
  if (!c) throw new Error(id);
  return c;
};

describe('rule 1: who sees a workspace', () => {
  it('lets customer admins see every workspace and members only theirs', () => {
    expect(visibleWorkspaces(org, u('admin')).map((w) => w.id)).toEqual(['W1', 'W2']);
    expect(visibleWorkspaces(org, u('analyst')).map((w) => w.id)).toEqual(['W1']);
    expect(visibleWorkspaces(org, u('outsider'))).toEqual([]);
  });

  it('keeps out a workspace admin who is not an active member, and invited members', () => {
    expect(canSeeWorkspace(org, u('ghostadmin'), 'W1')).toBe(false);
    expect(rolesIn(org, u('ghostadmin'), 'W1')).toEqual([]);
    expect(canSeeWorkspace(org, u('invited'), 'W1')).toBe(false);
  });
});

describe('rule 2: Customer Activity data', () => {
  it.each([
    ['admin', 'W1', true],
    ['wsadmin', 'W1', true],
    ['analyst', 'W1', true],
    ['viewer', 'W1', false],
    ['plain', 'W1', false],
    ['plain', 'W2', true],
    ['ghostadmin', 'W1', false],
    ['invited', 'W1', false],
    ['analyst', 'W2', false],
  ])('%s in %s → %s', (user, ws, allowed) => {
    expect(canSeeActivity(org, u(user), ws)).toBe(allowed);
  });

  it('applies a role granted in chat on the next read, and a revoke as well', () => {
    const granted = org.withChanges([{ userId: 'viewer', workspaceId: 'W1', role: 'customer-activity', granted: true }]);
    expect(canSeeActivity(granted, u('viewer'), 'W1')).toBe(true);
    expect(canSeeActivity(org, u('viewer'), 'W1')).toBe(false);
    const revoked = granted.withChanges([{ userId: 'viewer', workspaceId: 'W1', role: 'customer-activity', granted: false }]);
    expect(canSeeActivity(revoked, u('viewer'), 'W1')).toBe(false);
    const toNonMember = org.withChanges([{ userId: 'invited', workspaceId: 'W1', role: 'customer-activity', granted: true }]);
    expect(canSeeActivity(toNonMember, u('invited'), 'W1')).toBe(false);
  });
});

describe('rule 3: support requests', () => {
  it.each([
    ['admin', 'K1', true, 'customer admin'],
    ['wsadmin', 'K1', true, 'workspace admin'],
    ['viewer', 'K1', true, 'view-all-support-requests'],
    ['analyst', 'K1', true, 'primary contact'],
    ['analyst', 'K3', true, 'shared with'],
    ['plain', 'K3', true, 'group member'],
    ['plain', 'K1', false, 'member without a way in'],
    ['analyst', 'K2', false, 'case of a workspace one cannot see'],
    ['ghostadmin', 'K1', false, 'admin id but not a member'],
  ])('%s on %s → %s (%s)', (user, id, visible) => {
    expect(canSeeCase(org, u(user), kase(id))).toBe(visible);
  });

  it('rule 4: restricts a consumption record tied to a case the user cannot see', () => {
    expect(isRestricted(org, u('analyst'), 'K2')).toBe(true);
    expect(isRestricted(org, u('admin'), 'K2')).toBe(false);
    expect(isRestricted(org, u('analyst'), undefined)).toBe(false);
  });
});

describe('rule 9: additional cases', () => {
  it.each([
    ['K1', undefined],
    ['K2', 'contract-missing'],
    ['K3', 'contract-expired'],
    ['K4', 'contract-missing'],
    ['K5', 'contract-not-mapped'],
    ['K6', 'package-missing'],
    ['K7', 'service-missing'],
    ['K8', 'classification'],
  ])('%s → %s', (id, reason) => {
    expect(additionalReason(org, kase(id), TODAY)).toBe(reason);
  });
});
