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
  kind?: 'role';
  userId: string;
  workspaceId: string;
  role: DelegableRoleId;
  granted: boolean;
}

/** An invitation made in chat (rule 10): the person, listed by the organization or new to it. */
export interface InviteChange {
  kind: 'invite';
  workspaceId: string;
  user: User;
}

/** An invitation made in chat, accepted by the invitee's first message to the bot. */
export interface JoinChange {
  kind: 'join';
  workspaceId: string;
  userId: string;
}

/** Changes made in chat, applied in order over the dataset (the dataset itself is never written). */
export type OrgChange = RoleChange | InviteChange | JoinChange;

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
  /** Invitations made in chat and not accepted yet: user → workspace ids. */
  private chatInvitations: ReadonlyMap<string, readonly string[]> = new Map();
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
   * This organization with the changes made in chat applied, in order. Cheap: it shares every
   * index and replaces only the memberships (and, for people new to it, the user lookups) concerned.
   * Grants reach active members only; a join activates only an invitation made in chat.
   */
  withChanges(changes: readonly OrgChange[]): OrgIndex {
    if (changes.length === 0) return this;
    const memberships = new Map(this.membershipOverrides);
    const invitations = new Map(this.chatInvitations);
    const newUsers: User[] = [];
    const membershipsOf = (userId: string): readonly Membership[] => memberships.get(userId) ?? this.membershipsOf(userId);
    for (const change of changes) {
      if (change.kind === 'invite') {
        const known = this.users.get(change.user.id) ?? newUsers.find((u) => u.id === change.user.id);
        if (!known) newUsers.push(change.user);
        const current = membershipsOf(change.user.id);
        if (current.some((m) => m.workspaceId === change.workspaceId && m.status === 'active')) continue;
        const others = current.filter((m) => m.workspaceId !== change.workspaceId);
        const invited = current.find((m) => m.workspaceId === change.workspaceId);
        memberships.set(change.user.id, [...others, { workspaceId: change.workspaceId, userId: change.user.id, roles: invited?.roles ?? [], status: 'invited' }]);
        invitations.set(change.user.id, [...(invitations.get(change.user.id) ?? []).filter((w) => w !== change.workspaceId), change.workspaceId]);
      } else if (change.kind === 'join') {
        const pending = invitations.get(change.userId) ?? [];
        if (!pending.includes(change.workspaceId)) continue;
        invitations.set(change.userId, pending.filter((w) => w !== change.workspaceId));
        memberships.set(
          change.userId,
          membershipsOf(change.userId).map((m) => (m.workspaceId === change.workspaceId ? { ...m, status: 'active' as const } : m)),
        );
      } else {
        memberships.set(
          change.userId,
          membershipsOf(change.userId).map((m) => {
            if (m.workspaceId !== change.workspaceId || m.status !== 'active') return m;
            const roles = m.roles.filter((r) => r !== change.role);
            return { ...m, roles: change.granted ? [...roles, change.role] : roles };
          }),
        );
      }
    }
    const view = Object.create(this) as OrgIndex;
    view.membershipOverrides = memberships;
    view.chatInvitations = invitations;
    if (newUsers.length > 0) {
      // own properties of the view shadow the shared lookups
      Object.assign(view, {
        users: new Map([...this.users, ...newUsers.map((u) => [u.id, u] as const)]),
        usersByEmail: new Map([...this.usersByEmail, ...newUsers.map((u) => [u.email.toLowerCase(), u] as const)]),
      });
    }
    return view;
  }

  /** Workspaces the user was invited to in chat and has not joined yet (they join on first contact). */
  chatInvitationsOf(userId: string): readonly string[] {
    return this.chatInvitations.get(userId) ?? [];
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
