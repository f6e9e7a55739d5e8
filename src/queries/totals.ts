import { roundQuantity } from '../domain/quantity';
import type { EntitlementLine } from './entitlement-line';

export interface Totals {
  purchased: number;
  consumed: number;
  remaining: number;
  /** What will lapse at this pace, summed over the lines. */
  projectedUnusedAtExpiry: number;
}

/** Totals of consumption lines; callers pass lines of one unit only (domain.md: never mix units). */
export function totalsOf(lines: readonly EntitlementLine[]): Totals {
  let purchased = 0;
  let consumed = 0;
  let unused = 0;
  for (const l of lines) {
    purchased += l.purchased ?? 0;
    consumed += l.consumed ?? 0;
    unused += l.projection?.projectedUnusedAtExpiry ?? 0;
  }
  return {
    purchased: roundQuantity(purchased),
    consumed: roundQuantity(consumed),
    remaining: roundQuantity(purchased - consumed),
    projectedUnusedAtExpiry: roundQuantity(unused),
  };
}
