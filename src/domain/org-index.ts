import type {
  Contract,
  Dataset,
  Membership,
  Organization,
  Package,
  User,
  Workspace,
} from './records';

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
  private readonly usersByEmail: ReadonlyMap<string, User>;
  private readonly usersByAad: ReadonlyMap<string, User>;
  private readonly membershipsByUser: ReadonlyMap<string, Membership[]>;

  constructor(readonly dataset: Dataset) {
    this.organization = dataset.organization;
    this.users = byId(dataset.users);
    this.workspaces = byId(dataset.workspaces);
    this.contracts = byId(dataset.contracts);
    this.packages = byId(dataset.packages);
    this.usersByEmail = new Map(dataset.users.map((u) => [u.email.toLowerCase(), u]));
    this.usersByAad = new Map(
      dataset.users.flatMap((u) => (u.aadObjectId ? [[u.aadObjectId.toLowerCase(), u] as const] : [])),
    );
    this.membershipsByUser = groupBy(dataset.memberships, (m) => m.userId);
  }

  userByEmail(email: string): User | undefined {
    return this.usersByEmail.get(email.trim().toLowerCase());
  }

  userByAadObjectId(aadObjectId: string): User | undefined {
    return this.usersByAad.get(aadObjectId.trim().toLowerCase());
  }

  membershipsOf(userId: string): readonly Membership[] {
    return this.membershipsByUser.get(userId) ?? [];
  }
}
