import type { Contract, Dataset, Group, Membership, User, Workspace } from '../domain/records';
import type { DelegableRoleId } from '../domain/vocabulary';
import { dayNumber, fromDayNumber as isoDay } from '../domain/dates';
import { addDuration } from '../domain/durations';
import {
  CITIES,
  COMPANIES,
  DEPARTMENTS,
  FIRST_NAMES,
  GROUP_NAMES,
  LAST_NAMES,
  MICROSOFT_PEOPLE,
  PERSONAL_DOMAINS,
} from './gen-names';
import type { SeededRandom } from './seeded-random';

export type OrganizationPart = Pick<Dataset, 'organization' | 'users' | 'contracts' | 'workspaces' | 'memberships' | 'groups'>;

export const pad = (n: number, total: number): string => String(n).padStart(Math.max(3, String(total).length), '0');
const slug = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');

/** People, contracts and how they map to workspaces: the part of an organization every answer starts from. */
export function generateOrganization(
  rng: SeededRandom,
  sizes: { workspaces: number; contracts: number },
  today: string,
): OrganizationPart {
  const company = rng.pick(COMPANIES);
  const organization = { id: `org-${rng.guid().slice(0, 8)}`, name: company.name, tenantId: rng.guid() };
  const users = generateUsers(rng, 10 + 12 * sizes.workspaces, company.domain);
  const terms = generateContractTerms(rng, sizes.contracts, today);

  // contracts fall into sets; the first workspaces are the default one of each set (domain.md)
  const setCount = Math.max(1, Math.min(sizes.workspaces, sizes.contracts, Math.round(sizes.workspaces / 10)));
  const contractSets: number[][] = Array.from({ length: setCount }, () => []);
  terms.forEach((_, i) => contractSets[i % setCount]?.push(i));

  const work = users.filter((u) => u.accountType === 'work');
  const personal = users.filter((u) => u.accountType === 'personal');
  const workspaces: Workspace[] = [];
  const memberships: Membership[] = [];
  const groups: Group[] = [];
  const defaultMembers: User[][] = [];

  for (let w = 0; w < sizes.workspaces; w++) {
    const isDefault = w < setCount;
    const contractIdx = isDefault ? (contractSets[w] ?? []) : mappedContracts(rng, contractSets);
    const premier = terms[contractIdx[0] ?? 0]?.type === 'Premier';
    let accountPolicy: Workspace['accountPolicy'] = premier
      ? rng.chance(0.25) && !isDefault ? 'personal-only' : 'work-only'
      : rng.chance(0.3) ? 'work-and-personal' : 'work-only';
    if (accountPolicy === 'personal-only' && personal.length === 0) accountPolicy = 'work-only';
    const pool = accountPolicy === 'work-only' ? work : accountPolicy === 'personal-only' ? personal : users;

    const id = `ws-${pad(w + 1, sizes.workspaces)}`;
    const chosen = rng.sample(pool, rng.int(5, 20));
    const admins = chosen.slice(0, rng.chance(0.2) ? 2 : 1);
    const members: User[] = [];
    chosen.forEach((user, i) => {
      // the first admin is always active; a second admin may not have accepted yet (rule 1)
      const status = i === 0 ? 'active' : rng.chance(i < admins.length ? 0.3 : 0.1) ? 'invited' : 'active';
      const roles = i < admins.length ? [] : memberRoles(rng);
      memberships.push({ workspaceId: id, userId: user.id, roles, status });
      if (status === 'active') members.push(user);
    });
    if (w === 0) {
      for (const admin of users.filter((u) => u.customerAdmin && !chosen.includes(u))) {
        memberships.push({ workspaceId: id, userId: admin.id, roles: [], status: 'active' });
      }
    }
    if (isDefault) defaultMembers.push(chosen);

    for (let g = rng.int(0, 3); g > 0; g--) {
      groups.push({
        id: `g-${pad(groups.length + 1, sizes.workspaces * 3)}`,
        workspaceId: id,
        name: `${rng.pick(GROUP_NAMES)} ${g}`,
        memberIds: rng.sample(members, rng.int(1, 6)).map((u) => u.id),
      });
    }
    workspaces.push({
      id,
      name: isDefault ? (setCount === 1 ? 'Default' : `Default ${w + 1}`) : workspaceName(w - setCount),
      isDefault,
      contractIds: contractIdx.map((i) => terms[i]?.id ?? ''),
      accountPolicy,
      adminIds: admins.map((u) => u.id),
    });
  }

  // rule 12: the services administrator and support contacts are invited to the default workspace
  const contracts: Contract[] = terms.map((t, i) => {
    const invited = defaultMembers[i % setCount] ?? [];
    const [admin, ...others] = invited;
    const csam = rng.pick(MICROSOFT_PEOPLE);
    const coordinator = rng.chance(0.6) ? rng.pick(MICROSOFT_PEOPLE) : undefined;
    return {
      id: t.id,
      number: t.number,
      type: t.type,
      startDate: t.startDate,
      endDate: t.endDate,
      servicesAdministratorId: admin?.id ?? users[0]?.id ?? '',
      supportContactIds: rng.sample(others, rng.int(1, 3)).map((u) => u.id),
      csam: microsoftPerson(csam),
      ...(coordinator ? { accountCoordinator: microsoftPerson(coordinator) } : {}),
    };
  });

  return { organization, users, contracts, workspaces, memberships, groups };
}

function generateUsers(rng: SeededRandom, count: number, domain: string): User[] {
  const emails = new Set<string>();
  const adminCount = Math.min(5, 1 + Math.floor(count / 500));
  const users: User[] = [];
  for (let i = 0; i < count; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const personal = i >= adminCount && rng.chance(0.05);
    const host = personal ? rng.pick(PERSONAL_DOMAINS) : domain;
    const base = `${slug(first)}.${slug(last)}`;
    let email = `${base}@${host}`;
    for (let n = 2; emails.has(email); n++) email = `${base}${n}@${host}`;
    emails.add(email);
    const aad = !personal && rng.chance(0.75) ? rng.guid() : undefined;
    users.push({
      id: `u-${pad(i + 1, count)}`,
      email,
      displayName: `${first} ${last}`,
      ...(aad ? { aadObjectId: aad } : {}),
      accountType: personal ? 'personal' : 'work',
      customerAdmin: i < adminCount,
    });
  }
  return users;
}

interface ContractTerm {
  id: string;
  number: string;
  type: Contract['type'];
  startDate: string;
  endDate: string;
}

/** Terms spread around today: mostly running, some expired, some not started yet. */
function generateContractTerms(rng: SeededRandom, count: number, today: string): ContractTerm[] {
  const t = dayNumber(today);
  return Array.from({ length: count }, (_, i) => {
    const startDate = isoDay(t - rng.int(0, 900) + (rng.chance(0.08) ? rng.int(30, 1080) : 0));
    const endDate = isoDay(dayNumber(addDuration(startDate, { years: 0, months: rng.pick([12, 24, 36]), weeks: 0, days: 0 })) - 1);
    return {
      id: `c-${pad(i + 1, count)}`,
      number: `${4100 + i}-${startDate.slice(2, 4)}`,
      type: rng.chance(0.35) ? 'Premier' : 'Unified',
      startDate,
      endDate,
    };
  });
}

function mappedContracts(rng: SeededRandom, sets: readonly number[][]): number[] {
  const own = rng.pick(sets);
  const picked = rng.sample(own, rng.int(1, Math.min(6, own.length)));
  if (sets.length > 1 && rng.chance(0.1)) picked.push(rng.pick(rng.pick(sets)));
  return [...new Set(picked)].sort((a, b) => a - b);
}

function memberRoles(rng: SeededRandom): DelegableRoleId[] {
  const roles: DelegableRoleId[] = [];
  if (rng.chance(0.45)) roles.push('customer-activity');
  if (rng.chance(0.15)) roles.push('view-all-support-requests');
  if (rng.chance(0.1)) roles.push('learning-manager');
  return roles;
}

function workspaceName(index: number): string {
  const dept = DEPARTMENTS[index % DEPARTMENTS.length] ?? 'Area';
  const round = Math.floor(index / DEPARTMENTS.length);
  if (round === 0) return dept;
  const city = CITIES[(round - 1) % CITIES.length] ?? '';
  const again = Math.floor((round - 1) / CITIES.length);
  return again === 0 ? `${dept} ${city}` : `${dept} ${city} ${again + 1}`;
}

function microsoftPerson(name: string): { name: string; email: string } {
  const [first = '', last = ''] = name.toLowerCase().split(' ');
  return { name, email: `${first}.${last}@microsoft.com` };
}
