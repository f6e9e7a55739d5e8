import type { DeadLetter } from '../delivery-queue';

// How the embedded queue keeps a job in its JournalStorage: one item per job under `job:<id>`.
// A finished job keeps only what its state needs: a completed one just its time, so that adding
// its id again stays a duplicate for as long as it is kept.

export const JOB_KEY_PREFIX = 'job:';

export const jobKey = (id: string): string => `${JOB_KEY_PREFIX}${id}`;

export interface PendingRecord {
  state: 'waiting' | 'delayed' | 'active';
  conversationId: string;
  data: unknown;
  /** Order of adding, so that waiting jobs keep their order across restarts. */
  seq: number;
  /** Epoch ms from which it may run. */
  runAt: number;
  /** Attempts that ended (failed) so far. */
  attempts: number;
  /** An earlier attempt started and never finished (a crash during the send). Sticky. */
  maybeRepeated?: true;
  /** Why the last attempt failed. */
  reason?: string;
}

export interface CompletedRecord {
  state: 'completed';
  at: number;
}

export interface DeadRecord {
  state: 'dead';
  conversationId: string;
  data: unknown;
  attempts: number;
  reason: string;
  at: number;
}

export type JobRecord = PendingRecord | CompletedRecord | DeadRecord;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** The record stored under `key`, or an error naming it (a damaged or foreign item is not guessed at). */
export function parseJobRecord(key: string, value: unknown): JobRecord {
  const bad = (): Error => new Error(`embedded delivery queue: stored item "${key}" is not a job record; fix or delete it`);
  if (!isObject(value)) throw bad();
  switch (value.state) {
    case 'completed':
      if (!isTime(value.at)) throw bad();
      return { state: 'completed', at: value.at };
    case 'dead':
      if (typeof value.conversationId !== 'string' || !isCount(value.attempts) || typeof value.reason !== 'string' || !isTime(value.at)) throw bad();
      return value as unknown as DeadRecord;
    case 'waiting':
    case 'delayed':
    case 'active':
      if (typeof value.conversationId !== 'string' || !isCount(value.seq) || !isTime(value.runAt) || !isCount(value.attempts)) throw bad();
      return value as unknown as PendingRecord;
    default:
      throw bad();
  }
}

export const toDeadLetter = (id: string, record: DeadRecord): DeadLetter => ({
  id,
  conversationId: record.conversationId,
  reason: record.reason,
  attempts: record.attempts,
  failedAt: new Date(record.at).toISOString(),
});
