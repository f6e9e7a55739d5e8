import { CONFIRMATION_LIFETIME_HOURS, Delegation, inviteeFor } from '../../src/approvals/delegation';
import { OrgChangeLog } from '../../src/approvals/org-changes';
import { AuditLog } from '../../src/audit/audit-log';
import { rolesIn } from '../../src/domain/access';
import type { OrgIndex } from '../../src/domain/org-index';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { sampleOrg } from '../support/sample-org';

let org: OrgIndex;
beforeAll(async () => {
  org = await sampleOrg();
});
const user = (email: string) => org.userByEmail(email)!;

function delegation(start = '2026-11-22T10:00:00Z') {
  let now = new Date(start);
  let n = 0;
  const storage = new MemoryStorage();
  const changes = new OrgChangeLog(storage);
  const audit = new AuditLog(storage, () => now);
  const service = new Delegation(storage, changes, audit, () => now, () => `chg-${(n += 1)}`);
  const overlaid = async () => org.withChanges((await changes.read()).changes);
  return { service, audit, overlaid, advanceHours: (h: number) => (now = new Date(now.getTime() + h * 3_600_000)) };
}

describe('direct delegation with confirmation', () => {
  it('applies nothing until confirmed, then exactly once however often it is confirmed at the same time', async () => {
    const { service, audit, overlaid } = delegation();
    const mario = user('mario.rossi@contoso.com');
    const marco = user('marco.bruno@contoso.com');
    const proposed = await service.propose(org, mario, { kind: 'grant', userId: marco.id, role: 'customer-activity', workspaceId: 'ws-finance' }, 'conv-1');
    if (proposed.kind !== 'proposed') throw new Error(proposed.kind);
    expect(rolesIn(await overlaid(), marco, 'ws-finance')).toEqual([]);

    const outcomes = await Promise.all(Array.from({ length: 20 }, () => service.settle(org, mario, proposed.pending.id, true, 'conv-1')));
    expect(outcomes.filter((o) => o.kind === 'done')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'already')).toHaveLength(19);
    expect(rolesIn(await overlaid(), marco, 'ws-finance')).toEqual(['customer-activity']);
    const entries = await audit.between('2026-11-01', '2026-11-30');
    expect(entries).toEqual([
      expect.objectContaining({ action: 'role.granted', actorId: mario.id, subjectId: marco.id, role: 'customer-activity', workspaceId: 'ws-finance', conversationId: 'conv-1' }),
    ]);
  });

  it('is settled only by its admin, before it expires, and re-checks rights at that moment', async () => {
    const { service, advanceHours } = delegation();
    const mario = user('mario.rossi@contoso.com');
    const marco = user('marco.bruno@contoso.com');
    const grant = { kind: 'grant' as const, userId: marco.id, role: 'learning-manager' as const, workspaceId: 'ws-finance' };
    const first = await service.propose(org, mario, grant);
    if (first.kind !== 'proposed') throw new Error(first.kind);
    expect(await service.settle(org, user('anna.bianchi@contoso.com'), first.pending.id, true)).toEqual({ kind: 'not-yours' });
    expect((await service.settle(org, mario, 'nope', true)).kind).toBe('unknown');
    advanceHours(CONFIRMATION_LIFETIME_HOURS);
    expect((await service.settle(org, mario, first.pending.id, true)).kind).toBe('expired');

    const second = await service.propose(org, mario, grant);
    if (second.kind !== 'proposed') throw new Error(second.kind);
    // meanwhile someone else granted it: confirming now is refused with the reason
    const granted = org.withChanges([{ userId: marco.id, workspaceId: 'ws-finance', role: 'learning-manager', granted: true }]);
    expect(await service.settle(granted, mario, second.pending.id, true)).toMatchObject({ kind: 'refused', problem: { reason: 'already-has' } });
  });

  it('refuses to propose what the rules forbid', async () => {
    const { service } = delegation();
    const refused = await service.propose(org, user('marco.bruno@contoso.com'), { kind: 'invite', workspaceId: 'ws-finance', invitee: inviteeFor(org, 'x@contoso.com') });
    expect(refused).toEqual({ kind: 'refused', problem: { reason: 'not-admin' } });
  });

  it('turns invitations made in chat into membership on first contact, once', async () => {
    const { service, audit, overlaid } = delegation();
    const invitee = inviteeFor(org, ' New.Person@Contoso.com ');
    expect(invitee).toMatchObject({ email: 'new.person@contoso.com', displayName: 'new.person', accountType: 'work', customerAdmin: false });
    expect(inviteeFor(org, 'new.person@contoso.com').id).toBe(invitee.id);
    expect(inviteeFor(org, 'marco.bruno@contoso.com').id).toBe('u-marco-bruno');
    const proposed = await service.propose(org, user('mario.rossi@contoso.com'), { kind: 'invite', workspaceId: 'ws-finance', invitee });
    if (proposed.kind !== 'proposed') throw new Error(proposed.kind);
    await service.settle(org, user('mario.rossi@contoso.com'), proposed.pending.id, true);
    const before = await overlaid();
    const person = before.userByEmail('new.person@contoso.com')!;
    expect(await service.joinOnFirstContact(before, person, 'their-chat')).toEqual(['ws-finance']);
    const after = await overlaid();
    expect(await service.joinOnFirstContact(after, person)).toEqual([]);
    expect(rolesIn(after, person, 'ws-finance')).toEqual([]);
    expect(after.membershipsOf(person.id)).toEqual([{ workspaceId: 'ws-finance', userId: person.id, roles: [], status: 'active' }]);
    expect((await audit.between('2026-11-22', '2026-11-22')).map((e) => e.action)).toEqual(['member.invited', 'member.joined']);
  });
});
