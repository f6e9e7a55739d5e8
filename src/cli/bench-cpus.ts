import { execFileSync } from 'node:child_process';
import os from 'node:os';

// Where bench:turns runs what: the bot under test (and then the echo bot) alone on CPU 0, the
// bench itself (the load generator and the stand-in connector) on the other CPUs. Sharing every
// CPU, the instrument's own work lands on the core being measured, and unevenly: receiving and
// checking the bot's 10 KB card costs the load generator twice what the echo's few words do.

export interface CpuPlacement {
  /** taskset's CPU list for the bots under test. */
  bots: string;
  /** The CPUs the bench process keeps for itself. */
  load: string;
}

/**
 * Moves this process (all its threads) off CPU 0 and returns where the bots go; undefined, all
 * sharing every CPU, on a machine with one CPU or without taskset (util-linux).
 */
export function placeOnCpus(): CpuPlacement | undefined {
  const cpus = os.availableParallelism();
  if (cpus < 2 || process.platform !== 'linux') return undefined;
  const load = cpus === 2 ? '1' : `1-${cpus - 1}`;
  try {
    execFileSync('taskset', ['-a', '-c', '-p', load, String(process.pid)], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return { bots: '0', load };
}
