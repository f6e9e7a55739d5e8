import { Ledger } from './ledger';
import type {
  ConsumptionRecord,
  Contract,
  Dataset,
  Entitlement,
  Group,
  Membership,
  Organization,
  Package,
  SupportCase,
  TrainingRecord,
  User,
  Workspace,
} from './records';
import { CATEGORY_GROUP, type DelegableRoleId, type SummaryGroup, type Unit } from './vocabulary';

const groupBy = <T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> => {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
};

const byId = <T extends { id: string }>(items: readonly T[]): Map<string, T> => new Map(items.map((i) => [i.id, i]));

const EMPTY_LEDGER = new Ledger([]);

/**
 * A consumption entitlement with what sums need, made by us in one shape at load: zod's records
 * differ in shape by their optional fields, which makes the hot loops of summaries megamorphic.
 */
export interface ConsumptionEntry {
  readonly entitlement: Entitlement;
  readonly id: string;
  readonly purchased: number;
  readonly group: SummaryGroup;
  readonly unit: Unit;
  readonly ledger: Ledger;
}

/** A role granted or revoked in chat (rule 11), laid over the dataset's memberships. */
export interface RoleChange {
  userId: string;
  workspaceId: string;
  role: DelegableRoleId;
  granted: boolean;
}

/**
 * One validated organization with the lookups every answer needs, built once at load so that
 * queries never scan whole files. Immutable: a reload builds a new index and swaps it.
 */
export class OrgIndex {
  readonly organization: Organization;
  readonly users: ReadonlyMap<string, User>;
  readonly workspaces: ReadonlyMap<string, Workspace>;
  readonly contracts: ReadonlyMap<string, Contract>;
  readonly packages: ReadonlyMap<string, Package>;
  readonly entitlements: ReadonlyMap<string, Entitlement>;
  readonly cases: ReadonlyMap<string, SupportCase>;
  readonly groups: ReadonlyMap<string, Group>;
  private readonly usersByEmail: ReadonlyMap<string, User>;
  private readonly usersByAad: ReadonlyMap<string, User>;
  private readonly membershipsByUser: ReadonlyMap<string, Membership[]>;
  /** Memberships changed in chat, by user; consulted before the dataset's. */
  private membershipOverrides: ReadonlyMap<string, Membership[]> = new Map();
  private readonly packagesByContract: ReadonlyMap<string, Package[]>;
  private readonly entitlementsByPackage: ReadonlyMap<string, Entitlement[]>;
  private readonly ledgers: ReadonlyMap<string, Ledger>;
  private readonly workspacesByContract: ReadonlyMap<string, Workspace[]>;
  private readonly consumptionByPackage: ReadonlyMap<string, ConsumptionEntry[]>;
  private readonly casesByWorkspace: ReadonlyMap<string, SupportCase[]>;
  /** Every case, newest first. */
  readonly casesNewestFirst: readonly SupportCase[];
  private readonly groupMembers: ReadonlyMap<string, ReadonlySet<string>>;
  private readonly trainingByWorkspace: ReadonlyMap<string, TrainingRecord[]>;

  constructor(readonly dataset: Dataset) {
    this.organization = dataset.organization;
    this.users = byId(dataset.users);
    this.workspaces = byId(dataset.workspaces);
    this.contracts = byId(dataset.contracts);
    this.packages = byId(dataset.packages);
    this.entitlements = byId(dataset.entitlements);
    this.cases = byId(dataset.cases);
    this.groups = byId(dataset.groups);
    this.usersByEmail = new Map(dataset.users.map((u) => [u.email.toLowerCase(), u]));
    this.usersByAad = new Map(
      dataset.users.flatMap((u) => (u.aadObjectId ? [[u.aadObjectId.toLowerCase(), u] as const] : [])),
    );
    this.membershipsByUser = groupBy(dataset.memberships, (m) => m.userId);
    this.packagesByContract = groupBy(dataset.packages, (p) => p.contractId);
    this.entitlementsByPackage = groupBy(dataset.entitlements, (e) => e.packageId);
    this.ledgers = new Map(
      [...groupBy<ConsumptionRecord, string>(dataset.consumption, (r) => r.entitlementId)].map(([id, records]) => [
        id,
        new Ledger(records),
      ]),
    );
    const consumptionByPackage = new Map<string, ConsumptionEntry[]>();
    for (const e of dataset.entitlements) {
      if (e.kind !== 'consumption') continue;
      const entry: ConsumptionEntry = {
        entitlement: e,
        id: e.id,
        purchased: e.purchased,
        group: CATEGORY_GROUP[e.category],
        unit: e.unit,
        ledger: this.ledgers.get(e.id) ?? EMPTY_LEDGER,
      };
      const list = consumptionByPackage.get(e.packageId);
      if (list) list.push(entry);
      else consumptionByPackage.set(e.packageId, [entry]);
    }
    this.consumptionByPackage = consumptionByPackage;
    const workspacesByContract = new Map<string, Workspace[]>();
    for (const w of dataset.workspaces) {
      for (const contractId of w.contractIds) {
        const list = workspacesByContract.get(contractId);
        if (list) list.push(w);
        else workspacesByContract.set(contractId, [w]);
      }
    }
    this.workspacesByContract = workspacesByContract;
    // newest first (ties by id) once at load, so case lists need no sort per question
    this.casesNewestFirst = [...dataset.cases].sort((a, b) =>
      a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt > b.createdAt ? -1 : 1,
    );
    this.casesByWorkspace = groupBy(this.casesNewestFirst, (c) => c.workspaceId);
    this.groupMembers = new Map(dataset.groups.map((g) => [g.id, new Set(g.memberIds)]));
    this.trainingByWorkspace = groupBy(dataset.training, (t) => t.workspaceId);
  }

  userByEmail(email: string): User | undefined {
    return this.usersByEmail.get(email.trim().toLowerCase());
  }

  userByAadObjectId(aadObjectId: string): User | undefined {
    return this.usersByAad.get(aadObjectId.trim().toLowerCase());
  }

  /**
   * This organization with chat-made role changes applied, in order. Cheap: it shares every index
   * and replaces only the memberships of the users concerned. Grants reach active members only.
   */
  withRoleChanges(changes: readonly RoleChange[]): OrgIndex {
    if (changes.length === 0) return this;
    const memberships = new Map(this.membershipOverrides);
    for (const change of changes) {
      const current = memberships.get(change.userId) ?? this.membershipsOf(change.userId);
      memberships.set(
        change.userId,
        current.map((m) => {
          if (m.workspaceId !== change.workspaceId || m.status !== 'active') return m;
          const roles = m.roles.filter((r) => r !== change.role);
          return { ...m, roles: change.granted ? [...roles, change.role] : roles };
        }),
      );
    }
    const view = Object.create(this) as OrgIndex;
    view.membershipOverrides = memberships;
    return view;
  }

  membershipsOf(userId: string): readonly Membership[] {
    return this.membershipOverrides.get(userId) ?? this.membershipsByUser.get(userId) ?? [];
  }

  packagesOf(contractId: string): readonly Package[] {
    return this.packagesByContract.get(contractId) ?? [];
  }

  entitlementsOf(packageId: string): readonly Entitlement[] {
    return this.entitlementsByPackage.get(packageId) ?? [];
  }

  /** The consumption entitlements of a package, in dataset order. */
  consumptionOf(packageId: string): readonly ConsumptionEntry[] {
    return this.consumptionByPackage.get(packageId) ?? [];
  }

  ledgerOf(entitlementId: string): Ledger {
    return this.ledgers.get(entitlementId) ?? EMPTY_LEDGER;
  }

  /** The workspaces a contract is mapped to. */
  workspacesOf(contractId: string): readonly Workspace[] {
    return this.workspacesByContract.get(contractId) ?? [];
  }

  /** The cases of a workspace, newest first. */
  casesIn(workspaceId: string): readonly SupportCase[] {
    return this.casesByWorkspace.get(workspaceId) ?? [];
  }

  isGroupMember(groupId: string, userId: string): boolean {
    return this.groupMembers.get(groupId)?.has(userId) ?? false;
  }

  trainingIn(workspaceId: string): readonly TrainingRecord[] {
    return this.trainingByWorkspace.get(workspaceId) ?? [];
  }
}
