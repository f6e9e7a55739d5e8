import type { OrgIndex } from './org-index';
import type { Dataset, SupportCase } from './records';

export const ADDITIONAL_REASONS = [
  'contract-missing',
  'contract-expired',
  'contract-not-mapped',
  'package-missing',
  'service-missing',
  'classification',
] as const;
export type AdditionalReason = (typeof ADDITIONAL_REASONS)[number];

/** What rule 9 needs of a case that does not change with "today", worked out once per dataset. */
interface CaseFacts {
  /** End date of the case's contract; null when the contract is absent or unknown. */
  contractEnd: string | null;
  /** The first reason after `contract-expired` in the rule's order, if any. */
  laterReason: AdditionalReason | undefined;
}

function factsOf(org: OrgIndex, c: SupportCase): CaseFacts {
  const contract = c.contractId === undefined ? undefined : org.contracts.get(c.contractId);
  if (!contract) return { contractEnd: null, laterReason: undefined };
  const pkg = c.packageId === undefined ? undefined : org.packages.get(c.packageId);
  const service = c.service === undefined ? undefined : org.entitlements.get(c.service);
  let laterReason: AdditionalReason | undefined;
  if (!org.workspaces.get(c.workspaceId)?.contractIds.includes(contract.id)) laterReason = 'contract-not-mapped';
  else if (!pkg || pkg.contractId !== contract.id) laterReason = 'package-missing';
  else if (!service || service.packageId !== pkg.id) laterReason = 'service-missing';
  else if (c.classification !== undefined) laterReason = 'classification';
  return { contractEnd: contract.endDate, laterReason };
}

// Keyed by the dataset, which role-change views of an OrgIndex share; per workspace, in the
// order of org.casesIn(workspace), so a scan of 50,000 cases is a walk over two arrays.
const factsByDataset = new WeakMap<Dataset, Map<string, CaseFacts[]>>();

function workspaceFacts(org: OrgIndex, workspaceId: string): CaseFacts[] {
  let perWorkspace = factsByDataset.get(org.dataset);
  if (!perWorkspace) {
    perWorkspace = new Map();
    factsByDataset.set(org.dataset, perWorkspace);
  }
  let facts = perWorkspace.get(workspaceId);
  if (!facts) {
    facts = org.casesIn(workspaceId).map((c) => factsOf(org, c));
    perWorkspace.set(workspaceId, facts);
  }
  return facts;
}

const reasonFrom = (facts: CaseFacts, today: string): AdditionalReason | undefined =>
  facts.contractEnd === null ? 'contract-missing' : facts.contractEnd < today ? 'contract-expired' : facts.laterReason;

/**
 * Rule 9: the first reason, in the rule's order, that makes an advisory or problem-resolution
 * case of its workspace an additional case; undefined when none holds.
 */
export function additionalReason(org: OrgIndex, supportCase: SupportCase, today: string): AdditionalReason | undefined {
  return reasonFrom(factsOf(org, supportCase), today);
}

/** Calls `visit` for every additional case of a workspace (rule 9), newest first, with its reason. */
export function forEachAdditionalCase(
  org: OrgIndex,
  workspaceId: string,
  today: string,
  visit: (supportCase: SupportCase, reason: AdditionalReason) => void,
): void {
  const cases = org.casesIn(workspaceId);
  const facts = workspaceFacts(org, workspaceId);
  for (let i = 0; i < cases.length; i += 1) {
    const reason = reasonFrom(facts[i] as CaseFacts, today);
    if (reason !== undefined) visit(cases[i] as SupportCase, reason);
  }
}
