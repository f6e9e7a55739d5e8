import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs as parseNodeArgs } from 'node:util';
import { FileDataSource } from '../data/file-source';
import { DatasetError } from '../data/source';
import { readEnvironment } from '../server/env-file';
import { assertPortFree, LOOPBACK, startChild, stopChild, waitUntilReady, type Child } from './playground-processes';
import { choosePlaygroundUsers, playgroundConfig, type PlaygroundUser } from './playground-users';

// `npm run playground`: the bot server in local mode and the Microsoft 365 Agents Playground wired
// to it, both on 127.0.0.1 only and offline, with users of the organization in DATA_DIR.

const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_WORK_DIR = path.join('tmp', 'playground'); // git-ignored: config and logs of the last run
const PLAYGROUND_CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');

const HELP = `Usage: npm run playground -- [--as EMAIL] [--data DIR] [--today YYYY-MM-DD] [--port N] [--bot-port N] [--bot URL] [--work-dir DIR]

Starts the bot (src/server/main.ts, local mode: no app id, no authentication) and the Microsoft 365
Agents Playground connected to it, both listening on 127.0.0.1 only, offline. Open the printed URL
to chat with the bot in a Teams-like page: personal chat, a group chat and a team with a channel.

  --as EMAIL       who you are in the Playground (default: the first customer admin of the data);
                   the Playground sends every message as this user, so restart to be someone else
  --data DIR       the organization's data folder (default: DATA_DIR, else data/sample)
  --today DATE     pins the bot's "today" (default: TODAY, else the real date); the sample data is
                   built around 2026-11-22
  --port N         the Playground's port (default 56150)
  --bot-port N     the bot's port (default 3978)
  --bot URL        no bot of its own: this Playground talks to the bot already running at URL
                   (e.g. http://127.0.0.1:3978, another npm run playground's), so that a second
                   user has a Teams client of their own; pass another --port and --work-dir
  --work-dir DIR   where the Playground's config and the logs go (default tmp/playground)
  --help           this text

The bot reads the rest of its settings from the environment and .env as npm start does, except
PORT, HOST, NODE_ENV (development) and MicrosoftAppId/MicrosoftAppPassword (empty). Ctrl+C or
SIGTERM stops both (with --bot, the Playground only).
`;

interface Options {
  as?: string;
  dataDir: string;
  today?: string;
  port: number;
  botPort: number;
  /** A running bot's base URL: no bot is started (a second Playground for another user). */
  bot?: string;
  workDir: string;
}

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 65535) throw new Error(`${flag} expects a port number from 1 to 65535 (got "${value}")`);
  return n;
}

function botUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw new Error(`--bot expects the bot's base URL, e.g. http://127.0.0.1:3978 (got "${value}")`);
  return url.origin;
}

/** Where the Playground sends the user's activities. */
const botBase = (options: Options): string => options.bot ?? `http://${LOOPBACK}:${options.botPort}`;

function readOptions(argv: string[]): Options | 'help' {
  const { values } = parseNodeArgs({
    args: argv,
    options: {
      as: { type: 'string' },
      data: { type: 'string' },
      today: { type: 'string' },
      port: { type: 'string' },
      'bot-port': { type: 'string' },
      bot: { type: 'string' },
      'work-dir': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const env = readEnvironment(process.env, path.join(ROOT, '.env'));
  const today = values.today ?? (env.TODAY?.trim() || undefined);
  if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`--today expects YYYY-MM-DD (got "${today}")`);
  const options: Options = {
    as: values.as,
    // flags are relative to where they were typed; DATA_DIR to the project, where the bot runs
    dataDir: values.data !== undefined ? path.resolve(values.data) : path.resolve(ROOT, env.DATA_DIR?.trim() || path.join('data', 'sample')),
    today,
    port: port(values.port, 56150, '--port'),
    botPort: port(values['bot-port'], 3978, '--bot-port'),
    bot: values.bot === undefined ? undefined : botUrl(values.bot),
    workDir: values['work-dir'] !== undefined ? path.resolve(values['work-dir']) : path.join(ROOT, DEFAULT_WORK_DIR),
  };
  if (options.bot === undefined && options.port === options.botPort) throw new Error('--port and --bot-port must differ');
  return options;
}

/** A path as a person typed it: relative to the project when inside it. */
const shown = (file: string): string => (path.relative(ROOT, file).startsWith('..') ? file : path.relative(ROOT, file) || '.');

function logFile(workDir: string, name: string): number {
  return openSync(path.join(workDir, name), 'w');
}

/** The end of the children's logs, for a start-up that failed. */
function logTails(workDir: string): string {
  return ['bot.log', 'playground.out', 'playground.log']
    .map((name) => {
      const file = path.join(workDir, name);
      if (!existsSync(file)) return '';
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-15);
      return lines.join('').trim() === '' ? '' : `--- ${shown(file)} (last lines)\n${lines.join('\n')}\n`;
    })
    .join('');
}

function startBot(options: Options): Child {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.botPort),
    HOST: LOOPBACK,
    NODE_ENV: 'development',
    // local mode: the Playground sends no token, and .env may hold a real registration
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    DATA_DIR: options.dataDir,
  };
  if (options.today) env.TODAY = options.today;
  const bot = logFile(options.workDir, 'bot.log');
  return startChild('the bot', process.execPath, ['--import', 'tsx', path.join('src', 'server', 'main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', bot, bot],
  });
}

function startPlayground(options: Options, configFile: string): Child {
  const endpoint = `${botBase(options)}/api/messages`;
  const serviceUrl = `http://${LOOPBACK}:${options.port}/_connector`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
    M365_AGENTS_PLAYGROUND_LOGFILE: path.join(options.workDir, 'playground.log'),
    TEAMSAPPTESTER_BROWSER: 'none', // no browser opened from here: the URL is printed
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true', // offline: no telemetry heartbeat
    PLAYGROUND_HOST: LOOPBACK, // read by playground-loopback.ts
  };
  // The Playground has no host flag; the preload binds its server to 127.0.0.1 (see playground-loopback.ts).
  const args = [
    '--require',
    require.resolve('tsx/cjs'),
    '--require',
    path.join(__dirname, 'playground-loopback.ts'),
    PLAYGROUND_CLI,
    ...['--app-endpoint', endpoint, '--channel-id', 'msteams', '--port', String(options.port)],
    ...['--service-url', serviceUrl, '--disable-telemetry'],
  ];
  const out = logFile(options.workDir, 'playground.out');
  return startChild('the Agents Playground', process.execPath, args, {
    cwd: options.workDir, // it writes a devTools/ folder in its working folder
    env,
    stdio: ['ignore', out, out],
  });
}

/** With --bot: that bot must answer now (its data loaded, its storage reachable). */
async function assertBotReady(base: string): Promise<void> {
  const url = `${base}/readyz`;
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) }).catch((e: Error) => e);
  if (response instanceof Error) throw new Error(`--bot ${base}: no bot answers at ${url} (${response.message})`);
  if (!response.ok) throw new Error(`--bot ${base}: ${url} answered HTTP ${response.status}, the bot is not ready`);
}

function printReady(options: Options, users: { current: PlaygroundUser; others: PlaygroundUser[] }): void {
  const line = (u: PlaygroundUser) => `${u.user.displayName} <${u.user.email}> - ${u.role}`;
  process.stdout.write(
    [
      '',
      `Agents Playground: http://${LOOPBACK}:${options.port}/  (open it in a browser)`,
      options.bot
        ? `Bot: ${botBase(options)}/api/messages (already running; users from ${shown(options.dataDir)})`
        : `Bot: ${botBase(options)}/api/messages  data: ${shown(options.dataDir)}${options.today ? `  today: ${options.today}` : ''}`,
      `You are ${line(users.current)}`,
      'Also in the group chat and the team:',
      ...users.others.map((u) => `  ${line(u)}`),
      'Be someone else: npm run playground -- --as EMAIL. In the group chat and the channel, @mention the bot.',
      options.bot
        ? `Logs: ${shown(path.join(options.workDir, 'playground.log'))}. Ctrl+C stops this Playground; the bot keeps running.`
        : `Logs: ${shown(path.join(options.workDir, 'bot.log'))}, playground.log. Ctrl+C stops both.`,
      '',
    ].join('\n'),
  );
}

async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    const read = readOptions(argv);
    if (read === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    options = read;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }

  let users: ReturnType<typeof choosePlaygroundUsers>;
  try {
    const dataset = await new FileDataSource(options.dataDir).load();
    users = choosePlaygroundUsers(dataset, options.as);
    mkdirSync(options.workDir, { recursive: true });
    const configFile = path.join(options.workDir, '.m365agentsplayground.yml');
    const config = playgroundConfig(dataset, users);
    writeFileSync(configFile, `# Written by npm run playground from ${options.dataDir}\n${JSON.stringify(config, null, 2)}\n`);
    if (options.bot) await assertBotReady(options.bot);
    else await assertPortFree(options.botPort, '--bot-port');
    await assertPortFree(options.port, '--port');
  } catch (e) {
    const detail = e instanceof DatasetError ? `cannot load the data in ${options.dataDir}:\n${e.message}` : (e as Error).message;
    process.stderr.write(`playground: ${detail}\n`);
    return 1;
  }

  const children: Child[] = [];
  // if this process dies without stopping them, the detached children must not linger
  process.on('exit', () => children.forEach((c) => c.process.kill('SIGTERM')));
  let stopping: Promise<void> | undefined;
  const stopAll = (): Promise<void> => {
    // the Playground first: it holds no state; the bot then finishes its turns in flight
    stopping ??= [...children].reverse().reduce((p, c) => p.then(() => stopChild(c, 15_000)), Promise.resolve());
    return stopping;
  };
  const isStopping = (): boolean => stopping !== undefined; // set from the signal handlers
  const stopped = new Promise<number>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll().then(() => resolve(0)));
  });

  try {
    if (!options.bot) {
      const bot = startBot(options);
      children.push(bot);
      await waitUntilReady(`${botBase(options)}/readyz`, bot, 120_000);
      if (isStopping()) return await stopped; // Ctrl+C while the bot was starting: no Playground then
    }
    const playground = startPlayground(options, path.join(options.workDir, '.m365agentsplayground.yml'));
    children.push(playground);
    await waitUntilReady(`http://${LOOPBACK}:${options.port}/_debug/ping`, playground, 60_000);
  } catch (e) {
    if (isStopping()) return await stopped; // a child stopped by Ctrl+C is not a failure
    await stopAll();
    process.stderr.write(`${logTails(options.workDir)}playground: ${(e as Error).message}\n`);
    return 1;
  }
  printReady(options, users);

  // Either a signal stops both, or one child dies and takes the other down with it.
  const died = Promise.race(children.map((c) => c.exited.then((code) => ({ child: c, code }))));
  const outcome = await Promise.race([stopped, died]);
  if (typeof outcome === 'number') return outcome;
  if (isStopping()) return await stopped; // a signal came first: this child is just the first to have stopped
  await stopAll();
  process.stderr.write(`${logTails(options.workDir)}playground: ${outcome.child.name} exited (${outcome.code})${children.length > 1 ? '; the other one is stopped too' : ''}\n`);
  return 1;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  process.exit(code); // the signal listeners would keep the process alive
});
