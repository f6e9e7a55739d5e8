import { AppError, badRequest } from '../domain/errors';
import { contractsQuery } from './contracts';
import type { QueryContext } from './query-context';
import { workspacesQuery } from './workspaces';

/** One named query of interfaces.md: the flags it accepts and how it answers. */
export interface QueryDefinition {
  name: string;
  flags: readonly string[];
  run(ctx: QueryContext, flags: Readonly<Record<string, string>>): unknown;
}

const notYet =
  (name: string) =>
  (): never => {
    throw new AppError('unavailable', 'errors.unavailable.query', { name });
  };

// Routing is data: a new query is a row here and a file of its own.
export const QUERIES: readonly QueryDefinition[] = [
  { name: 'workspaces', flags: [], run: workspacesQuery },
  { name: 'contracts', flags: [], run: contractsQuery },
  { name: 'summary', flags: ['contract'], run: notYet('summary') },
  { name: 'packages', flags: ['contract', 'status', 'package'], run: notYet('packages') },
  { name: 'expiring', flags: ['within'], run: notYet('expiring') },
  { name: 'history', flags: ['entitlement', 'since', 'until', 'page', 'page-size'], run: notYet('history') },
  { name: 'cases', flags: ['status'], run: notYet('cases') },
  { name: 'additional-cases', flags: [], run: notYet('additional-cases') },
  { name: 'training-report', flags: [], run: notYet('training-report') },
  { name: 'account-team', flags: [], run: notYet('account-team') },
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
