import type { Analysis } from './analysis';
import { findFormat } from './formats';
import { findStatus } from './lexicon';
import type { Entities, EntityKey, Intent, Status } from './nlu-result';
import { toIsoDuration, toThresholds } from './quantities';
import { resolveMention, sinceQuantityAgo, type Direction } from './resolve-dates';

// Which entities each intent takes (the flags of its query), and how the quantities and dates
// found in the text read for it: "30 giorni" is a window for expiry, a threshold for reminders,
// a look back for a history.

const TAKES: Readonly<Record<Intent, readonly EntityKey[]>> = {
  help: [],
  'workspace.list': [],
  'workspace.switch': ['workspace'],
  'contracts.active': ['workspace', 'contract'],
  'activity.summary': ['workspace', 'contract'],
  'entitlement.remaining': ['category', 'workspace', 'contract', 'package'],
  'packages.list': ['workspace', 'contract', 'package', 'status'],
  'packages.expiring': ['workspace', 'contract', 'package', 'within', 'since', 'until'],
  'entitlement.history': ['category', 'workspace', 'contract', 'package', 'since', 'until'],
  'cases.list': ['workspace', 'status', 'since', 'until'],
  'cases.additional': ['workspace'],
  'training.export': ['workspace', 'since', 'until', 'format'],
  'report.delivery': ['workspace', 'contract', 'since', 'until', 'format'],
  'role.request': ['role', 'workspace'],
  'role.grant': ['role', 'user', 'workspace'],
  'role.revoke': ['role', 'user', 'workspace'],
  'member.invite': ['user', 'workspace'],
  'reminders.subscribe': ['workspace', 'thresholds'],
  'reminders.unsubscribe': ['workspace'],
  'reminders.status': ['workspace'],
  'account.team': ['workspace', 'contract'],
  'audit.log': ['workspace', 'user', 'since', 'until'],
  'reminders.run': ['workspace'],
  none: [],
};

const STATUSES_OF: Partial<Record<Intent, readonly Status[]>> = {
  'packages.list': ['active', 'inactive'],
  'cases.list': ['open', 'closed'],
};

export function takes(intent: Intent): readonly EntityKey[] {
  return TAKES[intent];
}

/** All entities in the text, read as `intent` reads them; `every` keeps those the intent does not take (follow-ups). */
export function buildEntities(analysis: Analysis, intent: Intent, today: string, every = false): Entities {
  const all: Entities = {};
  all.category = analysis.find('category')[0]?.value;
  all.workspace = analysis.find('workspace')[0]?.value;
  all.contract = analysis.find('contract')[0]?.value;
  all.package = analysis.find('package')[0]?.value;
  all.user = analysis.find('email')[0]?.value;
  all.role = analysis.find('role')[0]?.value;
  const status = findStatus(analysis)?.value;
  const allowed = STATUSES_OF[intent];
  if (status && (every || !allowed || allowed.includes(status))) all.status = status;
  all.format = findFormat(analysis)?.value;

  const quantities = analysis.find('quantity');
  const direction: Direction = intent === 'packages.expiring' ? 'future' : 'past';
  if (intent === 'reminders.subscribe') {
    const thresholds = toThresholds(quantities.filter((q) => q.direction !== 'past' && q.direction !== 'ago').flatMap((q) => q.items));
    if (thresholds.length) all.thresholds = thresholds;
  } else {
    const ahead = quantities.find((q) => q.direction === 'next' || q.direction === 'none' || q.direction === 'before');
    const back = quantities.find((q) => q.direction === 'past' || q.direction === 'ago');
    const lastItem = (q: typeof ahead) => q?.items[q.items.length - 1];
    if (direction === 'future' || every) {
      const item = lastItem(ahead);
      if (item) all.within = toIsoDuration(item);
    }
    const backItem = lastItem(back) ?? (direction === 'past' && !every ? lastItem(ahead) : undefined);
    if (backItem && direction === 'past') all.since = sinceQuantityAgo(backItem, today);
  }
  for (const mention of analysis.find('date')) {
    const range = resolveMention(mention, today, direction);
    if (range.since && !all.since) all.since = range.since;
    if (range.until) all.until = range.until;
  }
  if (all.since && all.until && all.since > all.until) delete all.until;

  const keep = every ? null : new Set(TAKES[intent]);
  const out: Entities = {};
  for (const [key, value] of Object.entries(all) as [EntityKey, Entities[EntityKey]][]) {
    if (value === undefined || (keep && !keep.has(key))) continue;
    (out as Record<EntityKey, unknown>)[key] = value;
  }
  return out;
}
