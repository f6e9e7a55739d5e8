import { AuditLog } from '../../src/audit/audit-log';
import { MemoryStorage } from '../../src/storage/memory-storage';

const entry = (id: string, at: string) => ({ id, at, action: 'role.granted' as const, actorId: 'a', subjectId: 's', workspaceId: 'w' });

describe('audit log', () => {
  it('keeps every entry of a period across months and years, oldest first, and no other', async () => {
    const log = new AuditLog(new MemoryStorage());
    for (const [id, at] of [
      ['dec', '2025-12-31T23:59:00Z'],
      ['jan', '2026-01-01T00:00:00Z'],
      ['mar', '2026-03-15T12:00:00Z'],
      ['feb', '2026-02-28T08:00:00Z'],
      ['later', '2026-04-01T00:00:00Z'],
    ] as const) {
      await log.append(entry(id, at));
    }
    expect((await log.between('2025-12-31', '2026-03-31')).map((e) => e.id)).toEqual(['dec', 'jan', 'feb', 'mar']);
    expect((await log.between('2026-01-02', '2026-02-28')).map((e) => e.id)).toEqual(['feb']);
    expect(await log.between('2027-01-01', '2027-12-31')).toEqual([]);
  });

  it('records an entry once however often (and however concurrently) it is appended, and loses none of many', async () => {
    const log = new AuditLog(new MemoryStorage());
    await Promise.all([
      ...Array.from({ length: 20 }, () => log.append(entry('same', '2026-11-22T10:00:00Z'))),
      ...Array.from({ length: 30 }, (_, i) => log.append(entry(`e${i}`, '2026-11-22T10:00:00Z'))),
    ]);
    const ids = (await log.between('2026-11-22', '2026-11-22')).map((e) => e.id);
    expect(ids.filter((id) => id === 'same')).toHaveLength(1);
    expect(ids).toHaveLength(31);
  });

  it('stamps entries with the clock when no time is given', async () => {
    const log = new AuditLog(new MemoryStorage(), () => new Date('2026-11-26T09:30:00Z'));
    const { at } = await log.append({ id: 'x', action: 'member.invited', actorId: 'a', subjectId: 's', workspaceId: 'w' });
    expect(at).toBe('2026-11-26T09:30:00.000Z');
  });
});
