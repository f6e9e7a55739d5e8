import { once } from 'node:events';
import { reminderPackageOf, type ReminderPost } from '../../../src/cli/reminder-fleet';
import type { ServerProcess } from './server-process';
import type { ReceivedActivity, StandInConnector } from './stand-in-connector';

// The reminders a stand-in connector received, counted as they arrive, and waits on them that
// give up (with the server's stderr) when the server they depend on exits.

/** The reminder cards among what the connector received: channel and package of each. */
export function reminderPostsOf(received: readonly ReceivedActivity[]): ReminderPost[] {
  return received.flatMap((r) => {
    const packageId = r.method === 'POST' ? reminderPackageOf(r.activity) : undefined;
    return packageId ? [{ conversationId: r.conversationId, packageId }] : [];
  });
}

/** Reminder posts per channel, kept up to date from the connector's `received` list. */
export class ChannelTally {
  readonly postsPerChannel = new Map<string, number>();
  private seen = 0;

  constructor(private readonly connector: StandInConnector) {}

  /** Channels that received at least one reminder so far. */
  get channels(): number {
    this.catchUp();
    return this.postsPerChannel.size;
  }

  /** Reminder posts so far (repeats included). */
  get posts(): number {
    this.catchUp();
    let total = 0;
    for (const n of this.postsPerChannel.values()) total += n;
    return total;
  }

  private catchUp(): void {
    const fresh = this.connector.received.slice(this.seen);
    this.seen = this.connector.received.length;
    for (const { conversationId } of reminderPostsOf(fresh)) {
      this.postsPerChannel.set(conversationId, (this.postsPerChannel.get(conversationId) ?? 0) + 1);
    }
  }
}

/**
 * Resolves once `done()` holds, checked again on every activity the connector receives (no
 * timers); rejects if one of `servers` exits first. One wait at a time per connector (it keeps one
 * waiter per n).
 */
export async function whenReceived(connector: StandInConnector, servers: ServerProcess | readonly ServerProcess[], done: () => boolean): Promise<void> {
  const exited = Promise.race(
    ([] as ServerProcess[]).concat(servers).map((server) =>
      server.exited.then(({ code, signal }) => {
        throw new Error(`server exited (${signal ?? code}) while the test waited for its reminders; stderr:\n${server.stderr()}`);
      }),
    ),
  );
  exited.catch(() => undefined); // raced below; unobserved once the wait is over
  for (let n = connector.received.length + 1; !done(); n++) await Promise.race([connector.nthActivity(n), exited]);
}

/** Resolves once the process's stdout has closed: every log line it wrote has been read. */
export async function allLogsRead(server: ServerProcess): Promise<Record<string, unknown>[]> {
  const stdout = server.child.stdout;
  if (stdout && !stdout.closed) await once(stdout, 'close');
  return server.logs;
}
