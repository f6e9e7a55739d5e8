import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

// The two children of `npm run playground` (bot server, Agents Playground): start, wait until
// they answer, stop together.

export const LOOPBACK = '127.0.0.1';

export interface Child {
  name: string;
  process: ChildProcess;
  /** Settles with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
}

export function startChild(name: string, command: string, args: string[], options: SpawnOptions): Child {
  // Own process group: a terminal's Ctrl+C reaches only us, and we stop each child once, in order.
  const child = spawn(command, args, { ...options, detached: true });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (e) => resolve(`failed to start: ${e.message}`));
  });
  return { name, process: child, exited };
}

/** Resolves when the port can be bound on the loopback interface, rejects with a clear message if not. */
export function assertPortFree(port: number, flag: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(`port ${port} on ${LOOPBACK} is not free (${e.code ?? e.message}): stop what uses it or pass ${flag} PORT`)),
    );
    probe.listen(port, LOOPBACK, () => probe.close(() => resolve()));
  });
}

/** Polls `url` until it answers 200; fails early if the child exits, or after `timeoutMs`. */
export async function waitUntilReady(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: number | string | undefined;
  void child.exited.then((code) => {
    exit = code;
  });
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exit !== undefined) throw new Error(`${child.name} exited (${exit}) before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${child.name} did not get ready within ${timeoutMs / 1000} s at ${url} (last: ${last})`);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
export async function stopChild(child: Child, graceMs: number): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}
