import { dayNumber } from './dates';
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

/**
 * Per dataset: the distinct `service` values of all cases (null for absent), sorted by text, and
 * per workspace the facts and service slot of each case in the order of org.casesIn(workspace):
 * a scan of 50,000 cases is then a walk over arrays that counts into an Int32Array.
 */
interface DatasetFacts {
  services: (string | null)[];
  perWorkspace: Map<string, WorkspaceFacts>;
}

/** Columns aligned with org.casesIn(workspace): typed arrays, so the scan reads numbers only. */
interface WorkspaceFacts {
  /** Day number of the case contract's end; NO_CONTRACT when absent or unknown. */
  contractEndDay: Int32Array;
  /** Index in ADDITIONAL_REASONS of the first reason after `contract-expired`; NO_REASON if none. */
  laterReason: Int8Array;
  serviceSlot: Int32Array;
}

// Keyed by the dataset, which role-change views of an OrgIndex share.
const factsByDataset = new WeakMap<Dataset, DatasetFacts>();

function datasetFacts(org: OrgIndex): DatasetFacts {
  let facts = factsByDataset.get(org.dataset);
  if (!facts) {
    const services = [...new Set(org.dataset.cases.map((c) => c.service ?? null))].sort((a, b) =>
      String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
    );
    facts = { services, perWorkspace: new Map() };
    factsByDataset.set(org.dataset, facts);
  }
  return facts;
}

const NO_CONTRACT = -1;
const NO_REASON = -1;

function workspaceFacts(org: OrgIndex, workspaceId: string): WorkspaceFacts {
  const all = datasetFacts(org);
  let entry = all.perWorkspace.get(workspaceId);
  if (!entry) {
    const slots = new Map(all.services.map((s, i) => [s, i]));
    const cases = org.casesIn(workspaceId);
    const facts = cases.map((c) => factsOf(org, c));
    entry = {
      contractEndDay: Int32Array.from(facts, (f) => (f.contractEnd === null ? NO_CONTRACT : dayNumber(f.contractEnd))),
      laterReason: Int8Array.from(facts, (f) => (f.laterReason === undefined ? NO_REASON : ADDITIONAL_REASONS.indexOf(f.laterReason))),
      serviceSlot: Int32Array.from(cases, (c) => slots.get(c.service ?? null) ?? 0),
    };
    all.perWorkspace.set(workspaceId, entry);
  }
  return entry;
}

/** The distinct services of the dataset's cases, sorted by text: `visit`'s service slots index this. */
export const caseServices = (org: OrgIndex): readonly (string | null)[] => datasetFacts(org).services;

const reasonFrom = (facts: CaseFacts, today: string): AdditionalReason | undefined =>
  facts.contractEnd === null ? 'contract-missing' : facts.contractEnd < today ? 'contract-expired' : facts.laterReason;

/**
 * Rule 9: the first reason, in the rule's order, that makes an advisory or problem-resolution
 * case of its workspace an additional case; undefined when none holds.
 */
export function additionalReason(org: OrgIndex, supportCase: SupportCase, today: string): AdditionalReason | undefined {
  return reasonFrom(factsOf(org, supportCase), today);
}

/** Rule-9 columns of a workspace's cases, aligned with org.casesIn(workspace), for scans. */
export interface AdditionalColumns extends WorkspaceFacts {
  cases: readonly SupportCase[];
}

export function additionalColumns(org: OrgIndex, workspaceId: string): AdditionalColumns {
  return { cases: org.casesIn(workspaceId), ...workspaceFacts(org, workspaceId) };
}

const CONTRACT_MISSING = ADDITIONAL_REASONS.indexOf('contract-missing');
const CONTRACT_EXPIRED = ADDITIONAL_REASONS.indexOf('contract-expired');

/**
 * The rule-9 reason of case `i` of the columns on day `todayDay` (a day number), as its index in
 * ADDITIONAL_REASONS; -1 when the case is not an additional case.
 */
export function reasonIndexAt(columns: AdditionalColumns, i: number, todayDay: number): number {
  const end = columns.contractEndDay[i] as number;
  if (end === NO_CONTRACT) return CONTRACT_MISSING;
  if (end < todayDay) return CONTRACT_EXPIRED;
  return columns.laterReason[i] as number; // NO_REASON is -1
}
