import { request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

/** msal-node's INetworkModule (system.networkClient) over node:https, trusting only `ca` (a test CA). */
export function trustingNetworkClient(ca: string): INetworkModule {
  const send = <T>(method: string, url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> =>
    new Promise((resolve, reject) => {
      const req = request(url, { method, ca, headers: options?.headers ?? {}, ...(timeout ? { timeout } : {}) }, (res) => {
        void readBody(res).then((text) => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = String(value);
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: MSAL gets the text and reports it
          }
          resolve({ status: res.statusCode ?? 0, headers, body: body as T });
        }, reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${timeout} ms`)));
      req.on('error', reject);
      req.end(options?.body);
    });
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
