import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CrashSpec } from './queue-crash-child';

const ROOT = path.resolve(__dirname, '../../..');
const CHILD = path.join(__dirname, 'queue-crash-child.ts');
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

/**
 * Runs a queue in a child process until its handler is sending the spec's job, then kills it with
 * SIGKILL: what a crash (or a pod killed) in the middle of a send leaves behind.
 */
export function crashWhileSending(spec: CrashSpec): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, CHILD, JSON.stringify(spec)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!killed && stdout.includes(`sending ${spec.job.id}\n`)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (killed && signal === 'SIGKILL') resolve();
      else reject(new Error(`the crash child exited (${signal ?? `code ${code}`}) before sending: ${stderr.trim() || stdout.trim()}`));
    });
  });
}
