import { OrgChangeLog } from '../../src/approvals/org-changes';
import { RoleRequests } from '../../src/approvals/role-requests';
import { AuditLog } from '../../src/audit/audit-log';
import { canSeeActivity } from '../../src/domain/access';
import type { OrgIndex } from '../../src/domain/org-index';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { sampleOrg } from '../support/sample-org';

let org: OrgIndex;
beforeAll(async () => {
  org = await sampleOrg();
});

const user = (email: string) => {
  const u = org.userByEmail(email);
  if (!u) throw new Error(email);
  return u;
};

function requests(start = '2026-11-22T10:00:00Z') {
  let now = new Date(start);
  let n = 0;
  const storage = new MemoryStorage();
  const changes = new OrgChangeLog(storage);
  const audit = new AuditLog(storage, () => now);
  const store = new RoleRequests(storage, changes, audit, () => now, () => `req-${(n += 1)}`);
  const roleChanges = async () => (await changes.read()).changes;
  return { store, audit, roleChanges, advance: (days: number) => (now = new Date(now.getTime() + days * 86_400_000)) };
}

describe('role requests (rule 11)', () => {
  it('keeps one open request per user, role and workspace', async () => {
    const { store } = requests();
    const marco = user('marco.bruno@contoso.com');
    const first = await store.open(marco, 'customer-activity', 'ws-finance');
    expect(first.kind).toBe('created');
    const again = await store.open(marco, 'customer-activity', 'ws-finance');
    expect(again).toMatchObject({ kind: 'already-open', request: { id: first.request.id } });
    expect((await store.open(marco, 'learning-manager', 'ws-finance')).kind).toBe('created');
  });

  it('is decided by an admin of the workspace, never by the requester or a non-admin, and the grant applies next', async () => {
    const { store, roleChanges } = requests();
    const marco = user('marco.bruno@contoso.com');
    const { request } = await store.open(marco, 'customer-activity', 'ws-finance');
    expect(await store.decide(org, marco, request.id, true)).toEqual({ kind: 'not-allowed', reason: 'requester' });
    expect(await store.decide(org, user('giulia.verdi@contoso.com'), request.id, true)).toEqual({ kind: 'not-allowed', reason: 'not-admin' });
    expect(await store.decide(org, user('luca.esposito@contoso.com'), request.id, true)).toEqual({ kind: 'not-allowed', reason: 'not-admin' });

    const decided = await store.decide(org, user('mario.rossi@contoso.com'), request.id, true, ' welcome ');
    expect(decided).toMatchObject({ kind: 'decided', request: { status: 'approved', decidedBy: 'u-mario-rossi', comment: 'welcome' } });
    const withGrant = org.withChanges(await roleChanges());
    expect(canSeeActivity(org, marco, 'ws-finance')).toBe(false);
    expect(canSeeActivity(withGrant, marco, 'ws-finance')).toBe(true);

    const late = await store.decide(org, user('anna.bianchi@contoso.com'), request.id, false);
    expect(late).toMatchObject({ kind: 'already-decided', request: { status: 'approved', decidedBy: 'u-mario-rossi' } });
    // once decided, asking again opens a new request
    expect((await store.open(marco, 'customer-activity', 'ws-finance')).kind).toBe('created');
  });

  it('lets exactly one of many simultaneous decisions win', async () => {
    const { store, audit, roleChanges } = requests();
    const { request } = await store.open(user('marco.bruno@contoso.com'), 'customer-activity', 'ws-finance');
    const deciders = [user('mario.rossi@contoso.com'), user('anna.bianchi@contoso.com')];
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => store.decide(org, deciders[i % 2]!, request.id, i % 3 !== 0)));
    expect(outcomes.filter((o) => o.kind === 'decided')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'already-decided')).toHaveLength(49);
    const changes = await roleChanges();
    const winner = outcomes.find((o) => o.kind === 'decided');
    expect(changes).toHaveLength(winner?.kind === 'decided' && winner.request.status === 'approved' ? 1 : 0);
    const entries = await audit.between('2026-11-01', '2026-11-30');
    expect(entries.map((e) => e.action)).toEqual(['role.requested', winner?.kind === 'decided' && winner.request.status === 'approved' ? 'role.approved' : 'role.rejected']);
  });

  it('expires after 14 days: shown as expired and no longer decidable', async () => {
    const { store, advance } = requests();
    const { request } = await store.open(user('marco.bruno@contoso.com'), 'customer-activity', 'ws-finance');
    advance(13);
    expect((await store.current(request.id))?.status).toBe('pending');
    advance(1);
    expect((await store.current(request.id))?.status).toBe('expired');
    expect((await store.decide(org, user('mario.rossi@contoso.com'), request.id, true)).kind).toBe('expired');
    expect((await store.open(user('marco.bruno@contoso.com'), 'customer-activity', 'ws-finance')).kind).toBe('created');
  });

  it('does not grant to someone who is no longer a member, and ignores unknown ids', async () => {
    const { store } = requests();
    const sara = user('sara.gallo@contoso.com'); // invited, not an active member
    const { request } = await store.open(sara, 'customer-activity', 'ws-finance');
    expect(await store.decide(org, user('mario.rossi@contoso.com'), request.id, true)).toEqual({ kind: 'not-allowed', reason: 'not-member' });
    expect(await store.decide(org, user('mario.rossi@contoso.com'), 'forged-id', true)).toEqual({ kind: 'unknown' });
  });
});
