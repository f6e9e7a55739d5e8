import { z } from 'zod';
import { VERBS } from '../cards/verbs';

// Card actions come from the client: each verb's data is parsed against its schema before any
// handler runs, and only what the schema names reaches the handler. A click that fails gets a
// clear card and changes nothing; the handlers still re-check every id against the data and rights.

const text = (max = 200) => z.string().trim().min(1).max(max);
const id = text();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const page = z.string().regex(/^\d{1,7}$/);
const common = { locale: z.enum(['en', 'it']).optional(), page: page.optional() };
const scoped = { ...common, workspace: id.optional() };
const json = z.unknown();

export const ACTION_SCHEMAS: Readonly<Record<string, z.ZodType<Record<string, unknown>>>> = {
  [VERBS.history]: z.object({ ...scoped, entitlementId: id, since: isoDate.optional(), until: isoDate.optional() }),
  [VERBS.entitlements]: z.object({ ...scoped, group: id.optional(), unit: id.optional(), category: id.optional() }),
  [VERBS.summary]: z.object({ ...scoped, contract: id.optional() }),
  [VERBS.cases]: z.object({ ...scoped, status: id.optional() }),
  [VERBS.additionalCases]: z.object(scoped),
  [VERBS.expiring]: z.object({ ...scoped, within: id.optional() }),
  [VERBS.contracts]: z.object(scoped),
  // drop-downs send "" for no choice; the handler treats a blank like an absent filter
  [VERBS.packages]: z.object({ ...scoped, contract: z.string().max(200).optional(), status: z.string().max(20).optional(), package: z.string().max(200).optional() }),
  [VERBS.workspaces]: z.object(common),
  [VERBS.switchWorkspace]: z.object({ ...common, workspace: id }),
  [VERBS.accountTeam]: z.object(scoped),
  [VERBS.ask]: z.object({ ...common, intent: json, entities: json }),
  [VERBS.delegate]: z.object({ ...common, intent: json, entities: json }),
  [VERBS.requestRole]: z.object({ ...common, role: id, workspaceId: id }),
  [VERBS.decideRole]: z.object({ ...common, requestId: id, decision: z.enum(['approve', 'reject']), comment: z.string().max(500).optional() }),
  [VERBS.approvalView]: z.object({ ...common, requestId: id }),
  [VERBS.settleChange]: z.object({ ...common, changeId: id, decision: z.enum(['confirm', 'cancel']) }),
  [VERBS.audit]: z.object({ ...scoped, since: isoDate, until: isoDate }),
  [VERBS.adminChannel]: z.object({ ...common, workspaceId: id }),
  [VERBS.remindersConfirm]: z.object({
    ...common,
    workspaceId: id,
    thresholds: z.string().regex(/^\d{1,3}(,\d{1,3}){0,9}$/),
    decision: z.enum(['confirm', 'cancel']),
  }),
  [VERBS.reminderSnooze]: z.object({ ...common, subscriptionId: id, packageId: id }),
  [VERBS.reminderHandled]: z.object({ ...common, subscriptionId: id, packageId: id }),
};

export type ParsedAction = { ok: true; data: Record<string, unknown> } | { ok: false; reason: 'unknown-verb' | 'bad-data' };

/** The card action's data as its verb's schema reads it, with the verb. */
export function parseAction(verb: unknown, data: unknown): ParsedAction {
  const schema = typeof verb === 'string' ? ACTION_SCHEMAS[verb] : undefined;
  if (!schema) return { ok: false, reason: 'unknown-verb' };
  const parsed = schema.safeParse(data ?? {});
  return parsed.success ? { ok: true, data: { ...parsed.data, verb } } : { ok: false, reason: 'bad-data' };
}
