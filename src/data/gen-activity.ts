import type { ConsumptionRecord, Package, SupportCase, TrainingRecord } from '../domain/records';
import { dayNumber, fromDayNumber as isoDay } from '../domain/dates';
import type { EntitlementDraft } from './gen-packages';
import { ADVISORY_TITLES, COURSES, DELIVERY_NOTES, MICROSOFT_PEOPLE, PROBLEM_TITLES } from './gen-names';
import type { OrganizationPart } from './gen-organization';
import { pad } from './gen-organization';
import type { SeededRandom } from './seeded-random';

const CLASSIFICATIONS = ['SU', 'DSA', 'X85', 'REC'] as const;
const two = (n: number): string => String(n).padStart(2, '0');

function listsBy<T, V>(items: readonly T[], key: (t: T) => string | undefined, value: (t: T) => V): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(value(item));
    else out.set(k, [value(item)]);
  }
  return out;
}

/** Active members per workspace: who can open, share and be granted a case or a course. */
export function activeMembers(org: OrganizationPart): Map<string, string[]> {
  const out = new Map<string, string[]>(org.workspaces.map((w) => [w.id, []]));
  for (const m of org.memberships) if (m.status === 'active') out.get(m.workspaceId)?.push(m.userId);
  return out;
}

/**
 * Cases of every kind: most point at a contract, package and service of their workspace; roughly a
 * third have a rule-9 reason and so are "additional cases" (mostly on contracts that have expired
 * since; the others with no or an unknown contract, one not mapped, a package or service missing,
 * or a classification).
 */
export function generateCases(
  rng: SeededRandom,
  count: number,
  org: OrganizationPart,
  packages: readonly Package[],
  entitlements: readonly EntitlementDraft[],
  today: string,
): SupportCase[] {
  const members = activeMembers(org);
  const groupsOf = listsBy(org.groups, (g) => g.workspaceId, (g) => g.id);
  const packagesOf = listsBy(packages, (p) => p.contractId, (p) => p);
  // a case's service is a support entitlement of its package, else any entitlement of it
  const supportOf = listsBy(
    entitlements,
    (e) => (e.category === 'reactive-support' || e.category === 'advisory-support' ? e.packageId : undefined),
    (e) => e.id,
  );
  const anyOf = listsBy(entitlements, (e) => e.packageId, (e) => e.id);
  const servicesOf = new Map([...anyOf].map(([pkg, all]) => [pkg, supportOf.get(pkg) ?? all]));
  const terms = new Map(org.contracts.map((c) => [c.id, [dayNumber(c.startDate), dayNumber(c.endDate)] as const]));
  const runningOn = (day: number) => (id: string) => {
    const [start = 0, end = 0] = terms.get(id) ?? [];
    return start <= day && day <= end;
  };
  const t = dayNumber(today);
  const cases: SupportCase[] = [];
  for (let i = 0; i < count; i++) {
    const ws = rng.pick(org.workspaces);
    const people = members.get(ws.id) ?? [];
    const day = t - Math.floor(730 * rng.next() ** 2); // recent cases are the many
    const advisory = rng.chance(0.25);
    // a case is opened under a contract running that day, most often one that still runs today
    const then = ws.contractIds.filter(runningOn(day));
    const still = then.filter(runningOn(t));
    const candidates = still.length > 0 && rng.chance(0.85) ? still : then.length > 0 ? then : ws.contractIds;
    const links = caseLinks(rng, candidates, org, packagesOf, servicesOf, packages, entitlements);
    const groups = groupsOf.get(ws.id) ?? [];
    const primary = rng.pick(people);
    const others = people.filter((p) => p !== primary);
    cases.push({
      id: `case-${pad(i + 1, count)}`,
      workspaceId: ws.id,
      title: rng.pick(advisory ? ADVISORY_TITLES : PROBLEM_TITLES),
      type: advisory ? 'advisory' : 'problem-resolution',
      severity: rng.pick(['A', 'B', 'B', 'C', 'C', 'C']),
      status: rng.chance(day < t - 45 ? 0.85 : 0.35) ? 'closed' : 'open',
      createdAt: `${isoDay(day)}T${two(rng.int(7, 19))}:${two(rng.int(0, 59))}:${two(rng.int(0, 59))}Z`,
      primaryContactId: primary,
      sharedWithIds: others.length > 0 && rng.chance(0.2) ? rng.sample(others, rng.int(1, 2)) : [],
      groupIds: groups.length > 0 && rng.chance(0.25) ? [rng.pick(groups)] : [],
      ...links,
      ...(rng.chance(0.08) ? { classification: rng.pick(CLASSIFICATIONS) } : {}),
    });
  }
  return cases;
}

type CaseLinks = Pick<SupportCase, 'contractId' | 'packageId' | 'service'>;

function caseLinks(
  rng: SeededRandom,
  mapped: readonly string[],
  org: OrganizationPart,
  packagesOf: ReadonlyMap<string, Package[]>,
  servicesOf: ReadonlyMap<string, string[]>,
  packages: readonly Package[],
  entitlements: readonly EntitlementDraft[],
): CaseLinks {
  const r = rng.next();
  if (r < 0.03 || mapped.length === 0) return {};
  if (r < 0.05) return { contractId: `c-unknown-${rng.int(1, 999)}` };
  const contractId = r < 0.08 ? rng.pick(org.contracts).id : rng.pick(mapped);
  const own = packagesOf.get(contractId) ?? [];
  const s = rng.next();
  if (s < 0.03 || own.length === 0) return { contractId };
  const pkg = s < 0.05 ? rng.pick(packages) : rng.pick(own);
  const services = servicesOf.get(pkg.id) ?? [];
  const u = rng.next();
  if (u < 0.03 || services.length === 0) return { contractId, packageId: pkg.id };
  const service = u < 0.05 ? rng.pick(entitlements).id : rng.pick(services);
  return { contractId, packageId: pkg.id, service };
}

interface Consumable {
  index: number;
  id: string;
  category: EntitlementDraft['category'];
  unit: EntitlementDraft['unit'];
  first: number;
  last: number;
  cases: readonly string[];
}

/**
 * Draws consumption records one at a time (they are streamed to disk, never held): each against a
 * consumption entitlement whose package has started, dated within the package up to today.
 */
export function consumptionDrawer(
  rng: SeededRandom,
  total: number,
  packages: readonly Package[],
  entitlements: readonly EntitlementDraft[],
  cases: readonly SupportCase[],
  today: string,
): (n: number) => { entitlementIndex: number; record: ConsumptionRecord } | undefined {
  const t = dayNumber(today);
  const pkgById = new Map(packages.map((p) => [p.id, p]));
  const casesOf = listsBy(cases, (c) => c.contractId, (c) => c.id);
  const pool: Consumable[] = [];
  entitlements.forEach((e, index) => {
    const p = pkgById.get(e.packageId);
    if (e.kind !== 'consumption' || !p) return;
    const first = dayNumber(p.startDate);
    if (first > t) return; // nothing is delivered before a package starts
    const reactive = e.category === 'reactive-support' || e.category === 'advisory-support';
    const last = Math.min(dayNumber(p.endDate), t);
    pool.push({ index, id: e.id, category: e.category, unit: e.unit, first, last, cases: reactive ? (casesOf.get(p.contractId) ?? []) : [] });
  });
  if (pool.length === 0) return () => undefined;

  return (n) => {
    const e = rng.pick(pool);
    const caseId = e.cases.length > 0 && rng.chance(0.6) ? rng.pick(e.cases) : undefined;
    const deliveredBy = rng.chance(0.7) ? rng.pick(MICROSOFT_PEOPLE) : undefined;
    const record: ConsumptionRecord = {
      id: `cr-${pad(n, total)}`,
      entitlementId: e.id,
      date: isoDay(rng.int(e.first, e.last)),
      quantity: quantity(rng, e.unit),
      description: rng.pick(DELIVERY_NOTES[e.category]),
      ...(caseId ? { caseId } : {}),
      ...(deliveredBy ? { deliveredBy } : {}),
    };
    return { entitlementIndex: e.index, record };
  };
}

function quantity(rng: SeededRandom, unit: EntitlementDraft['unit']): number {
  switch (unit) {
    case 'credits':
      return 5 * rng.int(1, 12);
    case 'hours':
      return 0.5 * rng.int(1, 32);
    case 'count':
      return rng.chance(0.8) ? 1 : 2;
    case 'seats':
      return rng.int(1, 10);
  }
}

export function generateTraining(rng: SeededRandom, org: OrganizationPart, today: string): TrainingRecord[] {
  const members = activeMembers(org);
  const t = dayNumber(today);
  const count = org.workspaces.length * 8;
  const records: TrainingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const ws = rng.pick(org.workspaces);
    const people = members.get(ws.id) ?? [];
    if (people.length === 0) continue;
    const completed = rng.chance(0.8) ? isoDay(t - rng.int(0, 730)) : undefined;
    records.push({
      id: `tr-${pad(i + 1, count)}`,
      workspaceId: ws.id,
      userId: rng.pick(people),
      course: rng.pick(COURSES),
      hours: rng.int(1, 40),
      ...(completed ? { completedAt: completed } : {}),
    });
  }
  return records;
}
