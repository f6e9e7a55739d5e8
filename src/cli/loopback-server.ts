import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// The local stand-ins of the benches and tests (a Teams connector, an upload session) serve on a
// free port of 127.0.0.1; a handler that fails answers 500 with its error.

export interface LoopbackServer {
  url: string;
  server: Server;
}

export async function serveOnLoopback(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  options: { closeEachConnection?: boolean } = {},
): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    // one request per connection: closing the stand-in never cuts a kept-alive socket under its client
    if (options.closeEachConnection) res.setHeader('connection', 'close');
    handle(req, res).catch((e: unknown) => {
      // not chained: restify, loaded in the same process, patches writeHead to return nothing
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A port of 127.0.0.1 that nothing listens on just now (for a child process to bind a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
