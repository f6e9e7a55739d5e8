import { project, type Projection, type ProjectionDay } from '../domain/burn-rate';
import type { OrgIndex } from '../domain/org-index';
import { roundQuantity } from '../domain/quantity';
import type { Entitlement, Package } from '../domain/records';
import { CATEGORY_GROUP, type CategoryId, type SummaryGroup, type Unit } from '../domain/vocabulary';

export interface EntitlementLine {
  id: string;
  name: string;
  category: CategoryId;
  group: SummaryGroup;
  kind: Entitlement['kind'];
  unit: Unit;
  /** null for benefits: listed, nothing tracked. */
  purchased: number | null;
  consumed: number | null;
  /** purchased − consumed; negative is overage, shown not hidden. */
  remaining: number | null;
  description: string | null;
  actionUrl: string | null;
  packageId: string;
  packageName: string;
  contractId: string;
  packageEndDate: string;
  /** Burn rate over the last 90 days and what it means at the package's end (consumption only). */
  projection: Projection | null;
}

export function entitlementLine(org: OrgIndex, e: Entitlement, pkg: Package, day: ProjectionDay): EntitlementLine {
  const tracked = e.kind === 'consumption';
  const ledger = tracked ? org.ledgerOf(e.id) : undefined;
  const remaining = ledger && tracked ? roundQuantity(e.purchased - ledger.consumed) : null;
  // one literal per line: summaries of large organizations build thousands of these
  return {
    id: e.id,
    name: e.name,
    category: e.category,
    group: CATEGORY_GROUP[e.category],
    kind: e.kind,
    unit: e.unit,
    purchased: tracked ? e.purchased : null,
    consumed: ledger ? ledger.consumed : null,
    remaining,
    description: e.description ?? null,
    actionUrl: e.actionUrl ?? null,
    packageId: pkg.id,
    packageName: pkg.name,
    contractId: pkg.contractId,
    packageEndDate: pkg.endDate,
    projection: ledger && remaining !== null ? project(ledger, remaining, pkg.endDate, day) : null,
  };
}
