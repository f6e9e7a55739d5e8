import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'src/server/main.ts');
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

export interface ServerProcess {
  child: ChildProcess;
  /** Parsed JSON log lines of stdout, in order. */
  logs: Record<string, unknown>[];
  stderr(): string;
  /** Resolves with the first log line that passes `test`. */
  waitForLog(test: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs `src/server/main.ts` as `npm start` does (tsx), in `cwd` (a temporary folder, so no
 * developer .env is read), with exactly the variables given plus PATH.
 */
export function spawnServer(env: Record<string, string>, cwd: string): ServerProcess {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let waiters: { test: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
  let errText = '';
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const text of lines.filter((l) => l.trim())) {
      const line = JSON.parse(text) as Record<string, unknown>;
      logs.push(line);
      const hit = waiters.filter((w) => w.test(line));
      waiters = waiters.filter((w) => !w.test(line));
      for (const w of hit) w.resolve(line);
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    errText += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    logs,
    stderr: () => errText,
    waitForLog(test) {
      const seen = logs.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ test, resolve });
        void exited.then(({ code }) => reject(new Error(`server exited (${code}) before the expected log line; stderr:\n${errText}`)));
      });
    },
    exited,
  };
}

/** Polls a condition (not a fixed sleep): resolves when `probe` returns true, rejects at `timeoutMs`. */
export async function until(probe: () => Promise<boolean>, timeoutMs = 15000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
