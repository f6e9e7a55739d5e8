import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../../src/cli/loopback-server';

// One `npm run playground` for the journeys: the bot (or, with `bot`, only a Playground wired to a
// bot already running) on free loopback ports, with its own state folder, as a person starts it.

const ROOT = path.resolve(__dirname, '..', '..', '..');


export interface PlaygroundRun {
  /** The Playground's web page and conversation API, e.g. http://127.0.0.1:41234 */
  base: string;
  /** The bot's base URL (its own, or the one passed in). */
  bot: string;
  workDir: string;
  output(): string;
  stop(): Promise<void>;
}

export interface RunOptions {
  as: string;
  today: string;
  data: string;
  workDir: string;
  /** The bot's state (STATE_DIR); ignored with `bot`. */
  stateDir: string;
  /** A running bot's base URL: this run starts only a Playground for another user. */
  bot?: string;
}

/** Starts `npm run playground` and resolves once it printed where it listens. */
export async function startPlayground(options: RunOptions): Promise<PlaygroundRun> {
  const port = await freePort();
  const botPort = options.bot ? undefined : await freePort();
  const args = ['--as', options.as, '--today', options.today, '--data', options.data, '--port', String(port), '--work-dir', options.workDir];
  args.push(...(options.bot ? ['--bot', options.bot] : ['--bot-port', String(botPort)]));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'cli', 'playground.ts'), ...args], {
    cwd: ROOT,
    // its own embedded storage and queue: nothing shared with .state/ or a Redis named in .env
    env: { ...process.env, STORAGE: 'file', STATE_DIR: options.stateDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const ready = new Promise<void>((resolve) => {
    const check = (): void => {
      if (/^Logs: .*$/m.test(output)) resolve();
    };
    child.stdout!.on('data', check);
  });
  const died = exited.then((code) => {
    throw new Error(`npm run playground -- ${args.join(' ')} exited (${code}) before it was ready:\n${output}`);
  });
  await Promise.race([ready, died]);
  void died.catch(() => undefined); // after a clean start, an exit is reported by stop()
  return {
    base: `http://127.0.0.1:${port}`,
    bot: options.bot ?? `http://127.0.0.1:${botPort}`,
    workDir: options.workDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
