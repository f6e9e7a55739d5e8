import { visibleWorkspaces } from '../domain/access';
import { caseAccessIn, canSeeCase, type CaseAccess } from '../domain/case-visibility';
import type { SupportCase } from '../domain/records';
import { enumFlag } from './flags';
import type { QueryContext } from './query-context';
import { resolveScope, scopeInfo, type ScopeInfo } from './scope';

export interface CaseLine {
  id: string;
  title: string;
  type: SupportCase['type'];
  status: SupportCase['status'];
  severity: string;
  createdAt: string;
  workspaceId: string;
}

export interface CasesResult {
  scope: ScopeInfo;
  status: 'open' | 'closed' | null;
  cases: CaseLine[];
}

// A case's line depends on the record alone, which never changes within a data version: made
// once per record, so a customer admin's list of 50,000 cases copies references, not fields.
const lines = new WeakMap<SupportCase, CaseLine>();

export function caseLine(c: SupportCase): CaseLine {
  let line = lines.get(c);
  if (!line) {
    line = Object.freeze({
      id: c.id,
      title: c.title,
      type: c.type,
      status: c.status,
      severity: c.severity,
      createdAt: c.createdAt,
      workspaceId: c.workspaceId,
    });
    lines.set(c, line);
  }
  return line;
}

// Whole-workspace (or whole-organization) lists of lines, per status, made once per data version:
// the lists of users who see every case of their scope (admins, view-all) are these, as they are.
const fullLists = new WeakMap<readonly SupportCase[], Map<string, readonly CaseLine[]>>();

function fullList(cases: readonly SupportCase[], status: string | undefined): readonly CaseLine[] {
  let perStatus = fullLists.get(cases);
  if (!perStatus) {
    perStatus = new Map();
    fullLists.set(cases, perStatus);
  }
  const key = status ?? '*';
  let list = perStatus.get(key);
  if (!list) {
    list = cases.filter((c) => status === undefined || c.status === status).map(caseLine);
    perStatus.set(key, list);
  }
  return list;
}

/** Rule 3: the support requests of the scope the user may see, newest first. */
export function casesQuery(ctx: QueryContext, flags: Readonly<Record<string, string>>): CasesResult {
  const status = enumFlag(flags, 'status', ['open', 'closed'] as const);
  const scope = resolveScope(ctx.org, ctx.user, ctx.workspace);
  const workspaces = scope.kind === 'all' ? visibleWorkspaces(ctx.org, ctx.user) : [scope.workspace];
  const access = new Map<string, CaseAccess>(workspaces.map((w) => [w.id, caseAccessIn(ctx.org, ctx.user, w.id)]));
  const single = workspaces.length === 1 ? workspaces[0] : undefined;
  // one workspace: its own list; several: the organization's list, already newest first
  const candidates = single ? ctx.org.casesIn(single.id) : ctx.org.casesNewestFirst;
  const seesEverything =
    [...access.values()].every((a) => a === 'all') && (single !== undefined || workspaces.length === ctx.org.workspaces.size);
  if (seesEverything) return { scope: scopeInfo(scope), status: status ?? null, cases: [...fullList(candidates, status)] };
  const cases: CaseLine[] = [];
  for (const c of candidates) {
    if (status !== undefined && c.status !== status) continue;
    const level = access.get(c.workspaceId);
    if (level !== undefined && canSeeCase(ctx.org, ctx.user, c, level)) cases.push(caseLine(c));
  }
  return { scope: scopeInfo(scope), status: status ?? null, cases };
}
