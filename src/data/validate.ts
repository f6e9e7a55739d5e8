import { z } from 'zod';
import {
  caseSchema,
  consumptionSchema,
  contractSchema,
  entitlementSchema,
  groupSchema,
  isoDate,
  membershipSchema,
  organizationSchema,
  packageSchema,
  trainingSchema,
  userSchema,
  workspaceSchema,
  type Dataset,
  type Organization,
} from '../domain/records';
import { checkReferences, type KnownIds } from './check-references';
import { fieldPath, issueMessage } from './issue-messages';
import { ProblemList } from './problems';

/** The files of a dataset folder (dataset.md), in the order they are read and reported. */
export const DATASET_FILES = {
  organization: 'organization.json',
  users: 'users.json',
  contracts: 'contracts.json',
  workspaces: 'workspaces.json',
  memberships: 'memberships.json',
  groups: 'groups.json',
  packages: 'packages.json',
  entitlements: 'entitlements.json',
  cases: 'cases.json',
  training: 'training.json',
  consumption: 'consumption.jsonl',
} as const satisfies Record<keyof Dataset, string>;

export type RecordFile = Exclude<keyof Dataset, 'organization'>;

const MAX_SHARED_STRINGS = 200_000;

type RawRecord = Record<string, unknown>;
const isRecord = (v: unknown): v is RawRecord => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const byId = (r: RawRecord): string | undefined => (nonEmpty(r.id) ? r.id : undefined);
// memberships have no id: one per user and workspace (dataset.md)
const byPair = (r: RawRecord): string | undefined =>
  nonEmpty(r.workspaceId) && nonEmpty(r.userId) ? `${r.workspaceId}/${r.userId}` : undefined;

/**
 * `isoDate`, remembered per value. A million consumption records fall on a few thousand days, and
 * the calendar check (a Date per call) was most of the cost of validating them. Same issues as isoDate.
 */
function rememberedIsoDate(): z.ZodType<string> {
  const valid = new Set<string>();
  return z.string().check((ctx) => {
    if (valid.has(ctx.value)) return;
    const result = isoDate.safeParse(ctx.value);
    if (result.success) valid.add(ctx.value);
    else for (const { message } of result.error.issues) ctx.issues.push({ code: 'custom', message, input: ctx.value });
  });
}

/**
 * The valid records of one file. Each record is checked once against its schema (the parsed
 * copy is kept, the raw one dropped) and its key against the keys seen so far.
 */
export class RecordCollector<S extends z.ZodType> {
  readonly records: z.output<S>[] = [];
  /** Keys of every record that had one, valid or not: references to a broken record are not dangling too. */
  readonly keys = new Set<string>();
  /** False when the file could not be read or had the wrong shape: nothing can be checked against it. */
  available = true;

  constructor(
    readonly file: string,
    private readonly schema: S,
    private readonly problems: ProblemList,
    private readonly key: (r: RawRecord) => string | undefined = byId,
    /** jsonl records are numbered by line, array records by position (`#N`). */
    private readonly byLine = false,
    /** Text fields that repeat across records, kept once instead of once per record (V8 already shares short ones like ids and dates). */
    private readonly shared: readonly string[] = [],
  ) {}

  private readonly pool = new Map<string, string>();

  private share(record: Record<string, unknown>): void {
    for (const field of this.shared) {
      const value = record[field];
      if (typeof value !== 'string') continue;
      const known = this.pool.get(value);
      if (known !== undefined) record[field] = known;
      else if (this.pool.size < MAX_SHARED_STRINGS) this.pool.set(value, value);
    }
  }

  add(raw: unknown, position: number): void {
    const key = isRecord(raw) ? this.key(raw) : undefined;
    if (key !== undefined) {
      if (this.keys.has(key)) {
        const what = this.key === byPair ? 'membership: this user already has one in this workspace' : 'id';
        this.report(key, position, this.key === byPair ? 'workspaceId/userId' : 'id', `duplicate ${what}`);
        return;
      }
      this.keys.add(key);
    }
    const result = this.schema.safeParse(raw);
    if (result.success) {
      if (this.shared.length > 0) this.share(result.data as Record<string, unknown>);
      this.records.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      const field = fieldPath(issue.path);
      this.report(key, position, field === '' ? undefined : field, issueMessage(issue, raw));
    }
  }

  /** Array files: the whole file must be a JSON array of records. */
  addAll(value: unknown): void {
    if (!Array.isArray(value)) {
      this.available = false;
      this.problems.add({ file: this.file, message: `expected a JSON array of records, found ${shapeOf(value)}` });
      return;
    }
    for (let i = 0; i < value.length; i++) this.add(value[i], i + 1);
  }

  private report(key: string | undefined, position: number, field: string | undefined, message: string): void {
    const record = key ?? (this.byLine ? `line ${position}` : `#${position}`);
    const where = key !== undefined && this.byLine ? ` (line ${position})` : '';
    this.problems.add({ file: this.file, record, ...(field ? { field } : {}), message: message + where });
  }
}

/**
 * Builds one validated Dataset from the files' parsed contents, whatever their source (a folder,
 * later an HTTP service): feed each file, then `finish()` returns the dataset or throws a
 * DatasetError naming every problem (file, record, field).
 */
export class DatasetBuilder {
  readonly problems: ProblemList;
  private organization: Organization | undefined;
  readonly collectors;

  constructor(source: string) {
    const p = (this.problems = new ProblemList(source));
    const f = DATASET_FILES;
    this.collectors = {
      users: new RecordCollector(f.users, userSchema, p),
      contracts: new RecordCollector(f.contracts, contractSchema, p),
      workspaces: new RecordCollector(f.workspaces, workspaceSchema, p),
      memberships: new RecordCollector(f.memberships, membershipSchema, p, byPair),
      groups: new RecordCollector(f.groups, groupSchema, p),
      packages: new RecordCollector(f.packages, packageSchema, p),
      entitlements: new RecordCollector(f.entitlements, entitlementSchema, p),
      cases: new RecordCollector(f.cases, caseSchema, p),
      training: new RecordCollector(f.training, trainingSchema, p),
      consumption: new RecordCollector(
        f.consumption,
        consumptionSchema.extend({ date: rememberedIsoDate() }),
        p,
        byId,
        true,
        ['description', 'deliveredBy'],
      ),
    };
  }

  setOrganization(value: unknown): void {
    const file = DATASET_FILES.organization;
    if (!isRecord(value)) {
      this.problems.add({ file, message: `expected a JSON object, found ${shapeOf(value)}` });
      return;
    }
    const result = organizationSchema.safeParse(value);
    if (result.success) {
      this.organization = result.data;
      return;
    }
    const record = byId(value);
    for (const issue of result.error.issues) {
      const field = fieldPath(issue.path);
      this.problems.add({ file, ...(record ? { record } : {}), field, message: issueMessage(issue, value) });
    }
  }

  /** The file could not be read at all (the problem is already reported). */
  unavailable(file: RecordFile): void {
    this.collectors[file].available = false;
  }

  finish(): Dataset {
    const c = this.collectors;
    const dataset = {
      organization: this.organization,
      users: c.users.records,
      contracts: c.contracts.records,
      workspaces: c.workspaces.records,
      memberships: c.memberships.records,
      groups: c.groups.records,
      packages: c.packages.records,
      entitlements: c.entitlements.records,
      consumption: c.consumption.records,
      cases: c.cases.records,
      training: c.training.records,
    };
    const known = (file: Exclude<RecordFile, 'memberships' | 'consumption' | 'training'>) =>
      c[file].available ? c[file].keys : undefined;
    const ids: KnownIds = {
      users: known('users'),
      contracts: known('contracts'),
      workspaces: known('workspaces'),
      groups: known('groups'),
      packages: known('packages'),
      entitlements: known('entitlements'),
      cases: known('cases'),
    };
    checkReferences(dataset, ids, this.problems);
    this.problems.throwIfAny();
    const { organization } = dataset;
    if (!organization) throw new Error('organization missing without a reported problem'); // unreachable
    return { ...dataset, organization };
  }
}

function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
