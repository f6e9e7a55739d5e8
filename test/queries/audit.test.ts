import type { OrgIndex } from '../../src/domain/org-index';
import type { AuditEntry } from '../../src/domain/audit-entry';
import { auditQuery } from '../../src/queries/audit';
import { appErrorOf } from '../support/app-error';
import { SAMPLE_TODAY, sampleOrg } from '../support/sample-org';

let org: OrgIndex;
beforeAll(async () => {
  org = await sampleOrg();
});

const record = (id: string, workspaceId: string, at: string): AuditEntry => ({
  id,
  at,
  action: 'role.granted',
  actorId: 'u-anna-bianchi',
  subjectId: 'u-marco-bruno',
  role: 'customer-activity',
  workspaceId,
});
const records = [record('f1', 'ws-finance', '2026-11-02T10:00:00Z'), record('s1', 'ws-sales', '2026-11-03T10:00:00Z'), record('f2', 'ws-finance', '2026-11-04T10:00:00Z')];
const ask = (email: string, workspace?: string) => auditQuery({ org, user: org.userByEmail(email)!, today: SAMPLE_TODAY, workspace }, records);

describe('audit query', () => {
  it('shows each admin the entries of the workspaces they administer, newest first', () => {
    expect(ask('anna.bianchi@contoso.com').lines.map((l) => l.record.id)).toEqual(['f2', 's1', 'f1']);
    expect(ask('mario.rossi@contoso.com').lines.map((l) => l.record.id)).toEqual(['f2', 'f1']);
    expect(ask('francesca.romano@contoso.com').lines.map((l) => l.record.id)).toEqual(['s1']);
    expect(ask('anna.bianchi@contoso.com', 'Sales').lines.map((l) => l.record.id)).toEqual(['s1']);
    expect(ask('mario.rossi@contoso.com').lines[0]).toMatchObject({ actorName: 'Anna Bianchi', subjectName: 'Marco Bruno', workspaceName: 'Finance' });
  });

  it('refuses everyone who administers nothing, and an admin naming a workspace that is not theirs', () => {
    expect(appErrorOf(() => ask('giulia.verdi@contoso.com'))).toMatchObject({ code: 'forbidden', key: 'delegation.audit.forbidden' });
    expect(appErrorOf(() => ask('luca.esposito@contoso.com'))).toMatchObject({ code: 'forbidden', key: 'delegation.audit.forbidden' });
    expect(appErrorOf(() => ask('anna.bianchi@contoso.com', 'Nowhere'))).toMatchObject({ code: 'not-found' });
    expect(appErrorOf(() => ask('mario.rossi@contoso.com', 'Contoso Italia'))).toMatchObject({ code: 'not-found' });
  });
});
