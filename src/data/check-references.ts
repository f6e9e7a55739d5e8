import type { Dataset } from '../domain/records';
import type { ProblemList } from './problems';

/** Ids per file, for the files that loaded; an absent set means "cannot check, already reported". */
export interface KnownIds {
  users: ReadonlySet<string> | undefined;
  contracts: ReadonlySet<string> | undefined;
  workspaces: ReadonlySet<string> | undefined;
  groups: ReadonlySet<string> | undefined;
  packages: ReadonlySet<string> | undefined;
  entitlements: ReadonlySet<string> | undefined;
  cases: ReadonlySet<string> | undefined;
}

type Target = keyof KnownIds;
const TARGET_FILE: Record<Target, string> = {
  users: 'users.json',
  contracts: 'contracts.json',
  workspaces: 'workspaces.json',
  groups: 'groups.json',
  packages: 'packages.json',
  entitlements: 'entitlements.json',
  cases: 'cases.json',
};

/**
 * Dangling references and date order, over the records that passed their schema. References that
 * rule 9 of domain.md lets dangle (a case's contractId, packageId, service) are data, not errors.
 */
export function checkReferences(d: Omit<Dataset, 'organization'>, ids: KnownIds, problems: ProblemList): void {
  let file = '';
  const one = (record: string, field: string, value: string, target: Target): void => {
    const known = ids[target];
    if (known && !known.has(value)) {
      problems.add({ file, record, field, message: `unknown id "${value}": not in ${TARGET_FILE[target]}` });
    }
  };
  const each = (record: string, field: string, values: readonly string[], target: Target): void => {
    values.forEach((value, i) => one(record, `${field}[${i}]`, value, target));
  };
  const ends = (record: string, start: string, end: string): void => {
    if (end < start) problems.add({ file, record, field: 'endDate', message: `ends (${end}) before it starts (${start})` });
  };

  file = 'contracts.json';
  for (const c of d.contracts) {
    one(c.id, 'servicesAdministratorId', c.servicesAdministratorId, 'users');
    each(c.id, 'supportContactIds', c.supportContactIds, 'users');
    ends(c.id, c.startDate, c.endDate);
  }
  file = 'workspaces.json';
  for (const w of d.workspaces) {
    each(w.id, 'contractIds', w.contractIds, 'contracts');
    each(w.id, 'adminIds', w.adminIds, 'users');
  }
  file = 'memberships.json';
  for (const m of d.memberships) {
    const record = `${m.workspaceId}/${m.userId}`;
    one(record, 'workspaceId', m.workspaceId, 'workspaces');
    one(record, 'userId', m.userId, 'users');
  }
  file = 'groups.json';
  for (const g of d.groups) {
    one(g.id, 'workspaceId', g.workspaceId, 'workspaces');
    each(g.id, 'memberIds', g.memberIds, 'users');
  }
  file = 'packages.json';
  for (const p of d.packages) {
    one(p.id, 'contractId', p.contractId, 'contracts');
    ends(p.id, p.startDate, p.endDate);
  }
  file = 'entitlements.json';
  for (const e of d.entitlements) one(e.id, 'packageId', e.packageId, 'packages');
  file = 'cases.json';
  for (const c of d.cases) {
    one(c.id, 'workspaceId', c.workspaceId, 'workspaces');
    one(c.id, 'primaryContactId', c.primaryContactId, 'users');
    each(c.id, 'sharedWithIds', c.sharedWithIds, 'users');
    each(c.id, 'groupIds', c.groupIds, 'groups');
  }
  file = 'training.json';
  for (const t of d.training) {
    one(t.id, 'workspaceId', t.workspaceId, 'workspaces');
    one(t.id, 'userId', t.userId, 'users');
  }
  file = 'consumption.jsonl';
  for (const r of d.consumption) {
    one(r.id, 'entitlementId', r.entitlementId, 'entitlements');
    if (r.caseId !== undefined) one(r.id, 'caseId', r.caseId, 'cases');
  }
}
