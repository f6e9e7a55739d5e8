import { request } from 'node:https';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { text } from 'node:stream/consumers';


/** msal-node's INetworkModule (system.networkClient) over node:https, trusting only `ca` (a test CA). */
export function trustingNetworkClient(ca: string): INetworkModule {
  const send = <T>(method: string, url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> =>
    new Promise((resolve, reject) => {
      const req = request(url, { method, ca, headers: options?.headers ?? {}, ...(timeout ? { timeout } : {}) }, (res) => {
        void text(res).then((text) => {
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
