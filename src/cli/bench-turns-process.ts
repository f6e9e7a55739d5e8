import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { freePort } from './loopback-server';

// A bot under test in a child process of its own, so that the load generator never shares its
// event loop: started as `npm start` starts the bot (node + tsx), its output in a log file, timed
// from spawn to the first 200 of GET /readyz (the cold start).

// the child runs in a folder of its own (no .env there), so tsx is named by its full path
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

export interface BotProcessOptions {
  /** The entry point (a .ts file run through tsx). */
  script: string;
  /** The whole environment besides PATH (the child runs in `cwd`, so no developer .env is read). */
  env: Record<string, string>;
  cwd: string;
  /** stdout and stderr go here. */
  logFile: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: readonly string[];
  /** The CPUs it may run on (a taskset list, e.g. "0"); any by default. */
  cpus?: string;
  readyTimeoutMs?: number;
}

export interface BotProcess {
  url: string;
  pid: number;
  /** spawn → first HTTP answer of /readyz (any status): the port is open. */
  listeningMs: number;
  /** spawn → first 200 of /readyz. */
  coldStartMs: number;
  /** CPU time (user + system) the child has used so far, in ms; undefined where /proc is missing. */
  cpuMs(): number | undefined;
  /** The child's peak resident memory so far, in MiB; undefined where /proc is missing. */
  peakRssMiB(): number | undefined;
  /** SIGTERM, then SIGKILL if it lingers; resolves once it exited. */
  stop(): Promise<void>;
}


/**
 * The node flags `npm start` gives the bot (package.json's start script, up to `--import`), so
 * that the bench runs the bot as it is run.
 */
export function startNodeFlags(root: string): string[] {
  const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { scripts?: { start?: string } };
  const words = (pkg.scripts?.start ?? '').split(/\s+/);
  if (words[0] !== 'node') return [];
  const end = words.indexOf('--import');
  return words.slice(1, end === -1 ? undefined : end).filter((w) => w.startsWith('--'));
}

/** utime + stime of a process from /proc/<pid>/stat, in ms (Linux). */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after the command name: state is field 3, utime 14 and stime 15 (1-based, man proc)
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** VmHWM (peak RSS) of a process from /proc/<pid>/status, in MiB (Linux). */
function processPeakRssMiB(pid: number): number | undefined {
  try {
    const kiB = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kiB === undefined ? undefined : Math.round(Number(kiB) / 1024);
  } catch {
    return undefined;
  }
}

async function readyStatus(url: string): Promise<number | undefined> {
  try {
    const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return undefined; // not listening yet
  }
}

export async function startBotProcess(options: BotProcessOptions): Promise<BotProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = openSync(options.logFile, 'a');
  const started = performance.now();
  const command = [process.execPath, ...(options.nodeArgs ?? []), '--import', TSX_LOADER, options.script];
  // taskset execs node in its own place: the pid is node's
  const [file, ...args] = options.cpus === undefined ? command : ['taskset', '-c', options.cpus, ...command];
  const child = spawn(file as string, args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const pid = child.pid ?? -1;
  const stop = async (): Promise<void> => {
    if (exitCode !== undefined) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };

  let listeningMs: number | undefined;
  const deadline = started + (options.readyTimeoutMs ?? 120_000);
  for (;;) {
    const status = await readyStatus(url);
    const now = performance.now();
    if (status !== undefined) listeningMs ??= now - started;
    if (status === 200) {
      return { url, pid, listeningMs: listeningMs ?? now - started, coldStartMs: now - started, cpuMs: () => processCpuMs(pid), peakRssMiB: () => processPeakRssMiB(pid), stop };
    }
    if (exitCode !== undefined || now > deadline) {
      await stop();
      const why = exitCode !== undefined ? `exited with code ${exitCode}` : `not ready within ${options.readyTimeoutMs ?? 120_000} ms`;
      throw new Error(`${options.script} ${why}; its output is in ${options.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
