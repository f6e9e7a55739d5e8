import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { startBenchConnector, type AcceptedPost, type BenchConnector, type BenchConnectorOptions, type RefusedPost } from './bench-connector';

// The bench connector in a child process: when a post arrives, and so over which second Teams'
// limit is counted, is then seen on a clock of its own, not one held up by the bot's event loop
// (a connector in the bot's process stamps a batch of arrivals at once when the loop is busy).

type FromChild = { type: 'ready'; url: string } | { type: 'post'; post: AcceptedPost } | { type: 'refused'; post: RefusedPost };

/** Starts the connector in a child process; `at` of each post (accepted or refused) is converted to this process's performance.now(). */
export function startBenchConnectorProcess(options: BenchConnectorOptions): Promise<BenchConnector> {
  const child = fork(__filename, [JSON.stringify(options)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const accepted: AcceptedPost[] = [];
  const listeners: ((post: AcceptedPost) => void)[] = [];
  const refused: RefusedPost[] = [];
  const refusedListeners: ((post: RefusedPost) => void)[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    void exited.then(() => reject(new Error('the bench connector exited before it was ready')));
    child.on('message', (message: FromChild) => {
      if (message.type === 'refused') {
        const post = { ...message.post, at: message.post.at - performance.timeOrigin };
        refused.push(post);
        for (const listener of refusedListeners) listener(post);
      } else if (message.type === 'post') {
        const post = { ...message.post, at: message.post.at - performance.timeOrigin };
        accepted.push(post);
        for (const listener of listeners) listener(post);
      } else {
        resolve({
          url: message.url,
          accepted,
          refused,
          onAccepted: (listener) => listeners.push(listener),
          onRefused: (listener) => refusedListeners.push(listener),
          close: async () => {
            if (child.connected) child.send('close');
            await exited;
          },
        });
      }
    });
  });
}

/** In the child: runs the connector and reports every post and 429 to the parent, arrival time as epoch ms. */
async function childMain(): Promise<void> {
  const send = (message: FromChild): void => {
    process.send?.(message);
  };
  const connector = await startBenchConnector(JSON.parse(process.argv[2] ?? '{}') as BenchConnectorOptions);
  connector.onAccepted((post) => send({ type: 'post', post: { ...post, at: performance.timeOrigin + post.at } }));
  connector.onRefused((post) => send({ type: 'refused', post: { ...post, at: performance.timeOrigin + post.at } }));
  process.on('message', (message) => {
    if (message === 'close') void connector.close().then(() => process.disconnect());
  });
  send({ type: 'ready', url: connector.url });
}

if (require.main === module) void childMain();
