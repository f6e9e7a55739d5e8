import { badRequest, notFound } from '../domain/errors';
import { QUERY_NAMES, runQuery } from '../queries/registry';
import { EXIT, loadOrg, resolveToday, runMain } from './cli-support';
import { parseArgs, take } from './parse-args';

// npm run -s query -- --as EMAIL [--workspace ID|NAME|all] NAME [--flag value]...  (interfaces.md)
async function main(): Promise<number> {
  const { flags, positionals } = parseArgs(process.argv.slice(2));
  const as = take(flags, 'as');
  const workspace = take(flags, 'workspace');
  const data = take(flags, 'data');
  const today = resolveToday(take(flags, 'today'));
  const [name, ...extra] = positionals;
  if (!as) throw badRequest('errors.badRequest.missingFlag', { flag: '--as', expected: 'the e-mail of a user' });
  if (!name) throw badRequest('errors.badRequest.missingQuery', { expected: QUERY_NAMES });
  if (!QUERY_NAMES.includes(name)) throw badRequest('errors.badRequest.unknownQuery', { name, expected: QUERY_NAMES });
  if (extra.length > 0) throw badRequest('errors.badRequest.badFlag', { flag: extra.join(' '), expected: '--flag value pairs' });

  const org = await loadOrg(data);
  const user = org.userByEmail(as);
  if (!user) throw notFound('errors.notFound.user', { email: as });
  const result = runQuery(name, { org, user, today, workspace }, flags);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return EXIT.ok;
}

runMain(main);
