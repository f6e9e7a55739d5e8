import { badRequest } from '../domain/errors';
import { accountTeamQuery } from './account-team';
import { additionalCasesQuery } from './additional-cases';
import { casesQuery } from './cases';
import { contractsQuery } from './contracts';
import { expiringQuery } from './expiring';
import { historyQuery } from './history';
import { packagesQuery } from './packages';
import { remainingQuery } from './remaining';
import type { QueryContext } from './query-context';
import { summaryQuery } from './summary';
import { trainingReportQuery } from './training-report';
import { workspacesQuery } from './workspaces';

/** One named query of interfaces.md: the flags it accepts and how it answers. */
export interface QueryDefinition {
  name: string;
  flags: readonly string[];
  run(ctx: QueryContext, flags: Readonly<Record<string, string>>): unknown;
}

// Routing is data: a new query is a row here and a file of its own.
export const QUERIES: readonly QueryDefinition[] = [
  { name: 'workspaces', flags: [], run: workspacesQuery },
  { name: 'contracts', flags: [], run: contractsQuery },
  { name: 'summary', flags: ['contract'], run: summaryQuery },
  { name: 'remaining', flags: ['category', 'group', 'unit', 'contract'], run: remainingQuery },
  { name: 'packages', flags: ['contract', 'status', 'package'], run: packagesQuery },
  { name: 'expiring', flags: ['within', 'until'], run: expiringQuery },
  { name: 'history', flags: ['entitlement', 'since', 'until', 'page', 'page-size'], run: historyQuery },
  { name: 'cases', flags: ['status'], run: casesQuery },
  { name: 'additional-cases', flags: [], run: additionalCasesQuery },
  { name: 'training-report', flags: [], run: trainingReportQuery },
  { name: 'account-team', flags: [], run: accountTeamQuery },
];

export const QUERY_NAMES = QUERIES.map((q) => q.name);

/** Runs a query by name after checking its flags; unknown names and flags are `bad-request`. */
export function runQuery(name: string, ctx: QueryContext, flags: Readonly<Record<string, string>> = {}): unknown {
  const query = QUERIES.find((q) => q.name === name);
  if (!query) throw badRequest('errors.badRequest.unknownQuery', { name, expected: QUERY_NAMES });
  for (const flag of Object.keys(flags)) {
    if (!query.flags.includes(flag)) {
      throw badRequest('errors.badRequest.unknownFlag', {
        flag: `--${flag}`,
        query: name,
        expected: query.flags.length ? query.flags.map((f) => `--${f}`) : ['(none)'],
      });
    }
  }
  return query.run(ctx, flags);
}
