import { OrgIndex } from '../../src/domain/org-index';
import type { Dataset } from '../../src/domain/records';

/**
 * A hand-made organization small enough to reason about in each assertion, today = 2026-11-22.
 * W1 "Finance" (default) maps contracts C1 (active) and C2 (ended); W2 "Sales" maps C1 and C3 (not started).
 */
export function tinyDataset(): Dataset {
  const user = (id: string, extra: Partial<Dataset['users'][number]> = {}) => ({
    id,
    email: `${id}@contoso.com`,
    displayName: id,
    accountType: 'work' as const,
    customerAdmin: false,
    ...extra,
  });
  const person = { name: 'Carla CSAM', email: 'carla@microsoft.com' };
  return {
    organization: { id: 'org', name: 'Contoso', tenantId: 't' },
    users: [
      user('admin', { customerAdmin: true, aadObjectId: 'AAD-ADMIN' }),
      user('wsadmin'),
      user('ghostadmin'),
      user('analyst'),
      user('viewer'),
      user('plain'),
      user('invited'),
      user('outsider'),
      user('learner'),
    ],
    contracts: [
      { id: 'C1', number: '4100-22', type: 'Unified', startDate: '2026-01-01', endDate: '2027-12-31', servicesAdministratorId: 'admin', supportContactIds: [], csam: person, accountCoordinator: { name: 'Aldo AC', email: 'aldo@microsoft.com' } },
      { id: 'C2', number: '3900-21', type: 'Premier', startDate: '2025-01-01', endDate: '2025-12-31', servicesAdministratorId: 'admin', supportContactIds: [], csam: { name: 'Old CSAM', email: 'old@microsoft.com' } },
      { id: 'C3', number: '4200-27', type: 'Unified', startDate: '2027-01-01', endDate: '2027-12-31', servicesAdministratorId: 'admin', supportContactIds: [], csam: person },
    ],
    workspaces: [
      { id: 'W1', name: 'Finance', isDefault: true, contractIds: ['C1', 'C2'], accountPolicy: 'work-only', adminIds: ['wsadmin', 'ghostadmin'] },
      { id: 'W2', name: 'Sales', isDefault: false, contractIds: ['C1', 'C3'], accountPolicy: 'work-and-personal', adminIds: [] },
    ],
    memberships: [
      { workspaceId: 'W1', userId: 'wsadmin', roles: [], status: 'active' },
      { workspaceId: 'W1', userId: 'ghostadmin', roles: [], status: 'invited' },
      { workspaceId: 'W1', userId: 'analyst', roles: ['customer-activity'], status: 'active' },
      { workspaceId: 'W1', userId: 'viewer', roles: ['view-all-support-requests'], status: 'active' },
      { workspaceId: 'W1', userId: 'plain', roles: [], status: 'active' },
      { workspaceId: 'W2', userId: 'plain', roles: ['customer-activity'], status: 'active' },
      { workspaceId: 'W1', userId: 'invited', roles: ['customer-activity'], status: 'invited' },
      { workspaceId: 'W1', userId: 'learner', roles: ['learning-manager'], status: 'active' },
    ],
    groups: [{ id: 'G1', workspaceId: 'W1', name: 'Finance IT', memberIds: ['plain'] }],
    packages: [
      { id: 'P1', contractId: 'C1', name: 'Enterprise 2026', kind: 'enterprise', status: 'active', startDate: '2026-01-01', endDate: '2027-01-31' },
      { id: 'P2', contractId: 'C1', name: 'Security add-on', kind: 'addon', status: 'active', startDate: '2026-01-01', endDate: '2026-11-29' },
      { id: 'P3', contractId: 'C1', name: 'Old add-on', kind: 'addon', status: 'inactive', startDate: '2025-01-01', endDate: '2026-12-01' },
      { id: 'P4', contractId: 'C2', name: 'Enterprise 2025', kind: 'enterprise', status: 'active', startDate: '2025-01-01', endDate: '2025-12-31' },
    ],
    entitlements: [
      { id: 'E1', packageId: 'P1', name: 'Proactive credits', category: 'proactive-credits', kind: 'consumption', unit: 'credits', purchased: 120 },
      { id: 'E2', packageId: 'P1', name: 'Reactive hours', category: 'reactive-support', kind: 'consumption', unit: 'hours', purchased: 10 },
      { id: 'E3', packageId: 'P1', name: 'Workshops', category: 'workshops', kind: 'consumption', unit: 'count', purchased: 2 },
      { id: 'E4', packageId: 'P1', name: 'Premier portal', category: 'support-contacts', kind: 'benefit', unit: 'count', actionUrl: 'https://example.com' },
      { id: 'E5', packageId: 'P2', name: 'Security credits', category: 'proactive-credits', kind: 'consumption', unit: 'credits', purchased: 30 },
      { id: 'E6', packageId: 'P4', name: 'Old credits', category: 'proactive-credits', kind: 'consumption', unit: 'credits', purchased: 100 },
    ],
    consumption: [
      { id: 'R1', entitlementId: 'E1', date: '2026-11-20', quantity: 9, description: 'Assessment', caseId: 'K2' },
      { id: 'R2', entitlementId: 'E1', date: '2026-09-01', quantity: 9 },
      { id: 'R3', entitlementId: 'E1', date: '2026-03-01', quantity: 40.5, description: 'Workshop delivery' },
      { id: 'R4', entitlementId: 'E2', date: '2026-10-10', quantity: 7.5 },
      { id: 'R5', entitlementId: 'E2', date: '2026-10-11', quantity: 4.1 },
      { id: 'R6', entitlementId: 'E3', date: '2026-06-01', quantity: 1, caseId: 'K1' },
    ],
    cases: [
      { id: 'K1', workspaceId: 'W1', title: 'Crash', type: 'problem-resolution', severity: 'A', status: 'open', createdAt: '2026-11-01', primaryContactId: 'analyst', sharedWithIds: [], groupIds: [], contractId: 'C1', packageId: 'P1', service: 'E2' },
      { id: 'K2', workspaceId: 'W2', title: 'Sales advisory', type: 'advisory', severity: 'B', status: 'closed', createdAt: '2026-10-01', primaryContactId: 'plain', sharedWithIds: [], groupIds: [] },
      { id: 'K3', workspaceId: 'W1', title: 'Shared', type: 'advisory', severity: 'C', status: 'open', createdAt: '2026-09-01', primaryContactId: 'wsadmin', sharedWithIds: ['analyst'], groupIds: ['G1'], contractId: 'C2' },
      { id: 'K4', workspaceId: 'W1', title: 'Unknown contract', type: 'advisory', severity: 'C', status: 'open', createdAt: '2026-09-02', primaryContactId: 'wsadmin', sharedWithIds: [], groupIds: [], contractId: 'C404' },
      { id: 'K5', workspaceId: 'W1', title: 'Not mapped', type: 'advisory', severity: 'C', status: 'open', createdAt: '2026-09-03', primaryContactId: 'wsadmin', sharedWithIds: [], groupIds: [], contractId: 'C3' },
      { id: 'K6', workspaceId: 'W1', title: 'Foreign package', type: 'advisory', severity: 'C', status: 'open', createdAt: '2026-09-04', primaryContactId: 'wsadmin', sharedWithIds: [], groupIds: [], contractId: 'C1', packageId: 'P4' },
      { id: 'K7', workspaceId: 'W1', title: 'Foreign service', type: 'advisory', severity: 'C', status: 'open', createdAt: '2026-09-05', primaryContactId: 'wsadmin', sharedWithIds: [], groupIds: [], contractId: 'C1', packageId: 'P1', service: 'E5' },
      { id: 'K8', workspaceId: 'W1', title: 'Classified', type: 'advisory', severity: 'C', status: 'closed', createdAt: '2026-09-06', primaryContactId: 'wsadmin', sharedWithIds: [], groupIds: [], contractId: 'C1', packageId: 'P1', service: 'E1', classification: 'DSA' },
    ],
    training: [
      { id: 'T1', workspaceId: 'W1', userId: 'analyst', course: 'Azure basics', hours: 3, completedAt: '2026-10-01' },
      { id: 'T2', workspaceId: 'W2', userId: 'plain', course: 'Security', hours: 2 },
    ],
  };
}

export const tinyOrg = (): OrgIndex => new OrgIndex(tinyDataset());
export const TODAY = '2026-11-22';
