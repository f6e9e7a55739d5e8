import net from 'node:net';

// Preloaded into the Agents Playground process (node --require). The Playground calls
// `server.listen(port, callback)` with no host, which binds every interface, and has no flag
// for the host; this makes every listen without a host bind to PLAYGROUND_HOST (127.0.0.1).

const host = process.env.PLAYGROUND_HOST ?? '127.0.0.1';
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied to each server below
const listen = net.Server.prototype.listen;

function withHost(args: unknown[]): unknown[] {
  const [first] = args;
  if (first === undefined || typeof first === 'function') return [0, host, ...args]; // listen(callback?): any port
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    const second = args[1];
    // listen(port, host, ...) already names a host; listen(port, backlog?, callback?) does not
    return typeof second === 'string' ? args : [Number(first), host, ...args.slice(1)];
  }
  if (first !== null && typeof first === 'object' && 'port' in first && !('host' in first) && !('path' in first)) {
    return [{ ...first, host }, ...args.slice(1)];
  }
  return args;
}

net.Server.prototype.listen = function listenOnLoopback(this: net.Server, ...args: unknown[]): net.Server {
  return (listen as (...a: unknown[]) => net.Server).apply(this, withHost(args));
} as typeof net.Server.prototype.listen;
