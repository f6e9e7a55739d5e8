import type { AuditEntry } from '../domain/audit-entry';
import type { KeyValueStorage } from '../storage/storage';
import { updateStored } from '../storage/update-stored';

// Who did what to whom, where, when and from which conversation: delegation (rules 10–11) and,
// later, exports. Append-only; entries are kept in one stored list per month, so that a period
// reads a few keys and no listing of keys is needed on any backend.

export { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../domain/audit-entry';

const monthKey = (month: string): string => `audit/${month}`;

/** Months from the one of `since` to the one of `until`, as YYYY-MM. */
function monthsBetween(since: string, until: string): string[] {
  const months: string[] = [];
  let [y, m] = since.slice(0, 7).split('-').map(Number) as [number, number];
  const last = until.slice(0, 7);
  for (let guard = 0; guard < 1200; guard += 1) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    months.push(month);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

export class AuditLog {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Appends an entry (stamped now unless `at` is given); an id already recorded is not added again. */
  async append(entry: Omit<AuditEntry, 'at'> & { at?: string }): Promise<AuditEntry> {
    const recorded: AuditEntry = { ...entry, at: entry.at ?? this.now().toISOString() };
    await updateStored<AuditEntry[]>(this.storage, monthKey(recorded.at.slice(0, 7)), (list = []) =>
      list.some((e) => e.id === recorded.id) ? undefined : [...list, recorded],
    );
    return recorded;
  }

  /** Entries from `since` to `until` (ISO dates, inclusive), oldest first. */
  async between(since: string, until: string): Promise<AuditEntry[]> {
    const lists = await Promise.all(monthsBetween(since, until).map((m) => this.storage.read<AuditEntry[]>(monthKey(m))));
    return lists
      .flatMap((item) => item?.value ?? [])
      .filter((e) => e.at.slice(0, 10) >= since && e.at.slice(0, 10) <= until)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }
}
