// Facts about a dataset derived straight from domain.md, used to check that data/sample/README.md
// says what the files hold. A reading of the rules for the test, not the product's query layer.
import type { Dataset, SupportCase } from '../../src/domain/records';

export const SAMPLE_TODAY = '2026-11-22';

export const daysFrom = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Rule 9: the first reason that holds, or null. */
export function additionalReason(d: Dataset, c: SupportCase, today = SAMPLE_TODAY): string | null {
  const contract = d.contracts.find((k) => k.id === c.contractId);
  if (!contract) return 'contract-missing';
  if (contract.endDate < today) return 'contract-expired';
  const ws = d.workspaces.find((w) => w.id === c.workspaceId);
  if (!ws?.contractIds.includes(contract.id)) return 'contract-not-mapped';
  const pkg = d.packages.find((p) => p.id === c.packageId);
  if (!pkg || pkg.contractId !== contract.id) return 'package-missing';
  const service = d.entitlements.find((e) => e.id === c.service);
  if (!service || service.packageId !== pkg.id) return 'service-missing';
  return c.classification ? 'classification' : null;
}

export const isActiveMember = (d: Dataset, workspaceId: string, userId: string): boolean =>
  d.memberships.some((m) => m.workspaceId === workspaceId && m.userId === userId && m.status === 'active');

const roleIn = (d: Dataset, workspaceId: string, userId: string, role: string): boolean =>
  d.memberships.some(
    (m) => m.workspaceId === workspaceId && m.userId === userId && m.status === 'active' && m.roles.some((r) => r === role),
  );

export const isWorkspaceAdmin = (d: Dataset, workspaceId: string, userId: string): boolean =>
  isActiveMember(d, workspaceId, userId) && !!d.workspaces.find((w) => w.id === workspaceId)?.adminIds.includes(userId);

/** Rules 1 and 3: how a user gets to see a case (the first way that applies), or null. */
export function caseAccess(d: Dataset, c: SupportCase, userId: string): string | null {
  if (d.users.find((u) => u.id === userId)?.customerAdmin) return 'customer admin';
  if (!isActiveMember(d, c.workspaceId, userId)) return null; // rule 1 first
  if (isWorkspaceAdmin(d, c.workspaceId, userId)) return 'workspace admin';
  if (c.groupIds.some((g) => d.groups.find((x) => x.id === g)?.memberIds.includes(userId))) return 'group';
  if (c.sharedWithIds.includes(userId)) return 'shared';
  if (c.primaryContactId === userId) return 'primary contact';
  if (roleIn(d, c.workspaceId, userId, 'view-all-support-requests')) return 'view-all';
  return null;
}

/** Rule 2. */
export const seesCustomerActivity = (d: Dataset, workspaceId: string, userId: string): boolean =>
  !!d.users.find((u) => u.id === userId)?.customerAdmin ||
  isWorkspaceAdmin(d, workspaceId, userId) ||
  roleIn(d, workspaceId, userId, 'customer-activity');

/** Rule 4: consumption records of the workspace's contracts linked to a case the user cannot see. */
export function restrictedRecords(d: Dataset, workspaceId: string, userId: string): string[] {
  const contracts = new Set(d.workspaces.find((w) => w.id === workspaceId)?.contractIds);
  const packages = new Set(d.packages.filter((p) => contracts.has(p.contractId)).map((p) => p.id));
  const entitlements = new Set(d.entitlements.filter((e) => packages.has(e.packageId)).map((e) => e.id));
  return d.consumption
    .filter((r) => entitlements.has(r.entitlementId) && r.caseId !== undefined)
    .filter((r) => {
      const c = d.cases.find((x) => x.id === r.caseId);
      return !c || caseAccess(d, c, userId) === null;
    })
    .map((r) => r.id);
}

export function consumedOf(d: Dataset, entitlementId: string, since?: string): number {
  return d.consumption
    .filter((r) => r.entitlementId === entitlementId && (since === undefined || r.date >= since))
    .reduce((sum, r) => sum + r.quantity, 0);
}

/** The cell of the README's who-is-who table for one user and workspace. */
export function membershipCell(d: Dataset, workspaceId: string, userId: string): string {
  const m = d.memberships.find((x) => x.workspaceId === workspaceId && x.userId === userId);
  const admin = !!d.workspaces.find((w) => w.id === workspaceId)?.adminIds.includes(userId);
  if (!m) return admin ? 'admin (no membership)' : '—';
  const base = admin ? (m.status === 'active' ? 'admin' : 'admin (invited)') : m.status === 'active' ? 'member' : 'invited';
  return m.roles.length > 0 ? `${base}: ${m.roles.join(', ')}` : base;
}

export const firstName = (d: Dataset, userId: string): string =>
  d.users.find((u) => u.id === userId)?.displayName.split(' ')[0] ?? userId;
