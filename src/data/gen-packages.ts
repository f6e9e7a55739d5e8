import type { Contract, Entitlement, Package } from '../domain/records';
import { CATEGORY_IDS, type CategoryId, type Unit } from '../domain/vocabulary';
import { dayNumber, fromDayNumber as isoDay } from '../domain/dates';
import { ADDON_NAMES, BENEFITS, CATEGORY_UNITS, ENTITLEMENT_NAMES } from './gen-names';
import { pad } from './gen-organization';
import type { SeededRandom } from './seeded-random';

/** An entitlement before its `purchased` is known (it is sized after its consumption is drawn). */
export interface EntitlementDraft {
  id: string;
  packageId: string;
  name: string;
  category: CategoryId;
  kind: 'consumption' | 'benefit';
  unit: Unit;
  description?: string;
  actionUrl?: string;
}

/** Per contract one enterprise package (its term) and up to three add-ons inside it. */
export function generatePackages(rng: SeededRandom, contracts: readonly Contract[]): Package[] {
  const packages: Package[] = [];
  const total = contracts.length * 3;
  for (const c of contracts) {
    const years = `${c.startDate.slice(0, 4)}-${c.endDate.slice(0, 4)}`;
    packages.push({
      id: `pkg-${pad(packages.length + 1, total)}`,
      contractId: c.id,
      name: `${c.type} Enterprise ${years}`,
      kind: 'enterprise',
      status: rng.chance(0.9) ? 'active' : 'inactive',
      startDate: c.startDate,
      endDate: c.endDate,
    });
    const first = dayNumber(c.startDate);
    const last = dayNumber(c.endDate);
    for (let n = rng.int(0, 3); n > 0; n--) {
      const start = first + rng.int(0, Math.max(0, last - first - 30));
      packages.push({
        id: `pkg-${pad(packages.length + 1, total)}`,
        contractId: c.id,
        name: rng.pick(ADDON_NAMES),
        kind: 'addon',
        status: rng.chance(0.75) ? 'active' : 'inactive',
        startDate: isoDay(start),
        endDate: isoDay(Math.min(last, start + rng.int(90, 365))),
      });
    }
  }
  return packages;
}

const OTHER_CATEGORIES = CATEGORY_IDS.filter((c) => c !== 'proactive-credits' && c !== 'reactive-support');

export function generateEntitlements(rng: SeededRandom, packages: readonly Package[]): EntitlementDraft[] {
  const drafts: EntitlementDraft[] = [];
  const total = packages.length * 7;
  const add = (p: Package, draft: Omit<EntitlementDraft, 'id' | 'packageId'>): void => {
    drafts.push({ id: `ent-${pad(drafts.length + 1, total)}`, packageId: p.id, ...draft });
  };
  for (const p of packages) {
    const categories: CategoryId[] =
      p.kind === 'enterprise'
        ? ['proactive-credits', 'reactive-support', ...rng.sample(OTHER_CATEGORIES, rng.int(2, 6))]
        : rng.sample(CATEGORY_IDS, rng.int(1, 3));
    for (const category of categories) {
      const unit = rng.chance(0.8) ? (CATEGORY_UNITS[category][0] ?? 'count') : rng.pick(CATEGORY_UNITS[category]);
      const described = rng.chance(0.5);
      const linked = rng.chance(0.15);
      add(p, {
        name: ENTITLEMENT_NAMES[category],
        category,
        kind: 'consumption',
        unit,
        ...(described ? { description: `${ENTITLEMENT_NAMES[category]} included in ${p.name}` } : {}),
        ...(linked ? { actionUrl: 'https://serviceshub.microsoft.com/' } : {}),
      });
    }
    for (const benefit of rng.sample(BENEFITS, rng.int(0, p.kind === 'enterprise' ? 2 : 1))) {
      add(p, {
        name: benefit.name,
        category: benefit.category,
        kind: 'benefit',
        unit: benefit.unit,
        description: `${benefit.name}: included, not metered`,
        actionUrl: benefit.url,
      });
    }
  }
  return drafts;
}

/**
 * Sizes each consumption entitlement from what was drawn against it: most have some left, about one
 * in seven is in overage (remaining < 0, which the bot must show, not hide).
 */
export function finishEntitlements(
  rng: SeededRandom,
  drafts: readonly EntitlementDraft[],
  consumed: Float64Array,
): Entitlement[] {
  return drafts.map((d, i) => {
    const { description, actionUrl, ...head } = d;
    const tail = { ...(description ? { description } : {}), ...(actionUrl ? { actionUrl } : {}) };
    if (d.kind === 'benefit') return { ...head, kind: 'benefit', ...tail };
    const used = consumed[i] ?? 0;
    const factor = rng.chance(0.15) ? 0.6 + rng.next() * 0.35 : 1.1 + rng.next() * 1.4;
    const purchased = used > 0 ? Math.max(1, Math.round(used * factor)) : baseline(rng, d.unit);
    return { ...head, kind: 'consumption', purchased, ...tail };
  });
}

function baseline(rng: SeededRandom, unit: Unit): number {
  switch (unit) {
    case 'credits':
      return 50 * rng.int(2, 12);
    case 'hours':
      return 10 * rng.int(2, 20);
    case 'count':
      return rng.int(2, 10);
    case 'seats':
      return 10 * rng.int(1, 10);
  }
}
