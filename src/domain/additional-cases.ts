import type { OrgIndex } from './org-index';
import type { SupportCase } from './records';

export const ADDITIONAL_REASONS = [
  'contract-missing',
  'contract-expired',
  'contract-not-mapped',
  'package-missing',
  'service-missing',
  'classification',
] as const;
export type AdditionalReason = (typeof ADDITIONAL_REASONS)[number];

/**
 * Rule 9: the first reason, in the rule's order, that makes an advisory or problem-resolution
 * case of its workspace an additional case; undefined when none holds.
 */
export function additionalReason(org: OrgIndex, supportCase: SupportCase, today: string): AdditionalReason | undefined {
  const contract = supportCase.contractId === undefined ? undefined : org.contracts.get(supportCase.contractId);
  if (!contract) return 'contract-missing';
  if (contract.endDate < today) return 'contract-expired';
  if (!org.workspaces.get(supportCase.workspaceId)?.contractIds.includes(contract.id)) return 'contract-not-mapped';
  const pkg = supportCase.packageId === undefined ? undefined : org.packages.get(supportCase.packageId);
  if (!pkg || pkg.contractId !== contract.id) return 'package-missing';
  const service = supportCase.service === undefined ? undefined : org.entitlements.get(supportCase.service);
  if (!service || service.packageId !== pkg.id) return 'service-missing';
  if (supportCase.classification !== undefined) return 'classification';
  return undefined;
}
