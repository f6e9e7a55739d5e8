import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A plain HTTP forward proxy to give one server process as HTTP_PROXY (the connector client honours
// it, as behind a corporate proxy): what passes through it was sent by that process, so a test
// with several processes can tell which one posted what. Only http:// targets (the stand-in).

export interface CountingProxy {
  /** For HTTP_PROXY. */
  url: string;
  /** Conversation ids of the activities POSTed through this proxy, in order. */
  posted: string[];
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities$/;

export async function startCountingProxy(): Promise<CountingProxy> {
  const posted: string[] = [];
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? '/'); // a proxy is asked with the absolute URL
    const conversation = req.method === 'POST' ? ACTIVITY_PATH.exec(target.pathname)?.[1] : undefined;
    const { 'proxy-connection': _hop, ...headers } = { ...req.headers, host: target.host } as Record<string, string | string[] | undefined>;
    const upstream = request(target, { method: req.method, headers }, (answer) => {
      // counted once the connector took it: a refused or cut request is not a post
      if (conversation !== undefined && (answer.statusCode ?? 0) < 300) posted.push(decodeURIComponent(conversation));
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // not chained: restify, loaded in the same process, patches writeHead to return nothing
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
