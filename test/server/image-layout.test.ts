import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/cli/loopback-server';
import { startIdentityStandIn, type IdentityStandIn } from '../support/identity-stand-in';
import { channelAuthorization, standInBotFrameworkEnv } from './helpers/bot-framework-auth';
import { until } from './helpers/server-process';
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { fromMario, MARIO_CHAT, postActivity } from './helpers/teams-activity';

// The production image without Docker (this machine has no daemon): the Dockerfile is read and its
// stages are played into folders, each a stage's file system (WORKDIR /app of the runtime stage is
// <tmp>/runtime/app), then the runtime stage's CMD and HEALTHCHECK run there. Whatever the
// Dockerfile copies, sets or starts, the test follows; what it cannot reproduce (the base image's
// node, USER node and chown: the test runs as one user) is left out, and an instruction it does
// not know fails the test rather than being skipped.

const ROOT = path.resolve(__dirname, '..', '..'); // the build context
const APP_ID = '5b0e7c2d-4a1f-4e3b-8c6d-9f0a1b2c3d4e';
const SECRET = 'stand-in~image-secret-7';

// each step runs real processes; the build (tsc over src/, ~10 s alone, far more while the other
// suites run beside it on 2 cores) has beforeAll's own, larger allowance
jest.setTimeout(60_000);

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions in order, continuation lines joined; comments and parser directives dropped. */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    if (raw.trim().startsWith('#')) continue; // Docker drops comment lines, inside a continuation too
    const continued = /\\\s*$/.test(raw);
    pending += `${continued ? raw.replace(/\\\s*$/, '') : raw} `;
    if (continued) continue;
    const match = /^\s*(\S+)\s+(.*?)\s*$/s.exec(pending);
    pending = '';
    if (match) instructions.push({ keyword: (match[1] ?? '').toUpperCase(), args: (match[2] ?? '').replace(/\s+/g, ' ') });
  }
  return instructions;
}

/** .dockerignore: patterns anchored at the context root, later ones win, `!` re-includes. */
function dockerignore(): (relative: string) => boolean {
  const file = path.join(ROOT, '.dockerignore');
  const rules = (existsSync(file) ? readFileSync(file, 'utf8') : '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = path.posix.normalize(l.replace(/^!/, '').replace(/^\/+/, ''));
      const source = pattern
        .split(/(\*\*\/|\*\*|\*|\?)/)
        .map((part) => ({ '**/': '(?:.*/)?', '**': '.*', '*': '[^/]*', '?': '[^/]' })[part] ?? part.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
        .join('');
      return { negate, regex: new RegExp(`^${source}$`) };
    });
  return (relative) => {
    const prefixes = relative.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const rule of rules) if (prefixes.some((p) => rule.regex.test(p))) excluded = !rule.negate;
    return excluded;
  };
}

interface Stage {
  name: string;
  /** The stage's file system: container path /x is <root>/x. */
  root: string;
  workdir: string;
  env: Record<string, string>;
  cmd?: string[];
  healthcheck?: { argv: string[]; options: Record<string, string> };
}

const hostPath = (stage: Stage, containerPath: string): string => path.join(stage.root, path.posix.resolve(stage.workdir, containerPath));

function parseEnv(args: string): Record<string, string> {
  const unquote = (v: string): string => v.replace(/^(["'])(.*)\1$/, '$2');
  if (!/^[^\s=]+=/.test(args)) {
    const [key = '', ...value] = args.split(' '); // legacy form: ENV KEY value
    return { [key]: unquote(value.join(' ')) };
  }
  const pairs = args.match(/[^\s=]+=("[^"]*"|'[^']*'|\S*)/g) ?? [];
  return Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), unquote(p.slice(p.indexOf('=') + 1))]));
}

/** The exec (JSON) form: the shell form would put /bin/sh as PID 1, which does not pass SIGTERM on. */
function execForm(instruction: string, json: string): string[] {
  try {
    const argv: unknown = JSON.parse(json);
    if (Array.isArray(argv) && argv.length > 0 && argv.every((a): a is string => typeof a === 'string')) return argv;
  } catch {
    // reported below
  }
  throw new Error(`${instruction} ${json}: expected the exec form, a JSON array of strings`);
}

const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const durationMs = (text: string): number =>
  [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)].reduce((sum, [, n, unit]) => sum + Number(n) * (DURATION_MS[unit ?? 's'] ?? 1000), 0);

/** `npm ci` in place: the repo's node_modules is what package-lock.json installs, without the network. */
function installDependencies(stage: Stage, productionOnly: boolean): void {
  const target = hostPath(stage, 'node_modules');
  if (!productionOnly) {
    symlinkSync(path.join(ROOT, 'node_modules'), target, 'dir');
    return;
  }
  // --omit=dev: only the packages the lockfile does not mark dev are linked, so the compiled code
  // finds only what the image holds. A linked package's own requires resolve from its real path
  // (the full node_modules): there the image's npm ci follows the same lockfile.
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  for (const [key, entry] of Object.entries(lock.packages)) {
    const name = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(key)?.[1];
    if (!name || entry.dev) continue;
    mkdirSync(path.dirname(path.join(target, name)), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules', name), path.join(target, name), 'dir');
  }
}

function runCommand(argv: string[], cwd: string, env: Record<string, string>, timeoutMs?: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const [command = '', ...args] = argv;
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], ...(timeoutMs ? { timeout: timeoutMs } : {}) });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** RUN, one `&&` step at a time, for the commands whose effect the test can reproduce. */
async function run(stage: Stage, args: string): Promise<void> {
  for (const step of args.split('&&').map((s) => s.trim())) {
    const script = /^npm run (\S+)$/.exec(step)?.[1];
    if (/^npm ci\b/.test(step)) installDependencies(stage, /--omit[= ]dev\b/.test(step));
    else if (/^npm cache clean\b/.test(step) || /^chown\b/.test(step)) continue; // no cache here; one user runs everything
    else if (/^mkdir -p /.test(step)) for (const dir of step.split(' ').slice(2)) mkdirSync(hostPath(stage, dir), { recursive: true });
    else if (script) {
      const built = await runCommand(['npm', 'run', script], hostPath(stage, '.'), { PATH: process.env.PATH ?? '', ...stage.env });
      if (built.code !== 0) throw new Error(`RUN ${step} failed (${built.code}):\n${built.output}`);
    } else throw new Error(`RUN ${step}: the test cannot reproduce it without Docker; teach image-layout.test.ts`);
  }
}

function copy(stage: Stage, args: string, stages: Stage[], ignored: (relative: string) => boolean): void {
  const words = args.startsWith('[') ? execForm('COPY', args) : args.split(' ');
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((w) => !w.startsWith('--')); // --chown, --chmod: one user here
  const dest = paths.pop() ?? '';
  const source = from === undefined ? undefined : stages.find((s) => s.name === from);
  if (from !== undefined && !source) throw new Error(`COPY --from=${from}: no such stage before this one`);
  for (const p of paths) {
    if (/[*?[]/.test(p)) throw new Error(`COPY ${p}: wildcards are not reproduced; teach image-layout.test.ts`);
    // --from paths are the other stage's, from its root; the others are the context's
    const src = source ? path.join(source.root, path.posix.resolve('/', p)) : path.join(ROOT, p);
    const target = hostPath(stage, dest);
    const intoDir = dest.endsWith('/') || paths.length > 1 || (existsSync(target) && statSync(target).isDirectory());
    const to = intoDir && !statSync(src).isDirectory() ? path.join(target, path.basename(src)) : target;
    // a directory's contents go to dest, as COPY does
    cpSync(src, to, { recursive: true, filter: (f) => !!source || !ignored(path.relative(ROOT, f)) });
  }
}

/** Plays the Dockerfile's stages into <tmp>/<stage name>; returns them, the image's stage last. */
async function playDockerfile(tmp: string): Promise<Stage[]> {
  const ignored = dockerignore();
  const stages: Stage[] = [];
  let stage: Stage | undefined;
  for (const { keyword, args } of parseDockerfile(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'))) {
    if (keyword === 'FROM') {
      const [base = '', , name = `stage-${stages.length}`] = args.split(' ');
      const earlier = stages.find((s) => s.name === base);
      stage = { name, root: path.join(tmp, name), workdir: earlier?.workdir ?? '/', env: { ...earlier?.env } };
      if (earlier) cpSync(earlier.root, stage.root, { recursive: true, verbatimSymlinks: true });
      else mkdirSync(stage.root, { recursive: true }); // the base image gives node: process.execPath here
      stages.push(stage);
      continue;
    }
    if (keyword === 'ARG') continue; // NODE_VERSION: the node running this test stands in for the base image's
    if (!stage) throw new Error(`${keyword} before any FROM`);
    if (keyword === 'WORKDIR') {
      stage.workdir = path.posix.resolve(stage.workdir, args);
      mkdirSync(hostPath(stage, '.'), { recursive: true });
    } else if (keyword === 'ENV') Object.assign(stage.env, parseEnv(args));
    else if (keyword === 'COPY') copy(stage, args, stages, ignored);
    else if (keyword === 'RUN') await run(stage, args);
    else if (keyword === 'CMD') stage.cmd = execForm('CMD', args);
    else if (keyword === 'HEALTHCHECK') {
      const match = /^((?:--\S+ )*)CMD (.*)$/.exec(args);
      if (!match) throw new Error(`HEALTHCHECK ${args}: expected [options] CMD [...]`);
      const options = Object.fromEntries([...(match[1] ?? '').matchAll(/--([\w-]+)=(\S+)/g)].map(([, k, v]) => [k, v]));
      stage.healthcheck = { argv: execForm('HEALTHCHECK CMD', match[2] ?? ''), options };
    } else if (keyword === 'USER' || keyword === 'EXPOSE' || keyword === 'LABEL') continue; // the test runs as one user, on a free port
    else throw new Error(`${keyword} ${args}: not reproduced without Docker; teach image-layout.test.ts`);
  }
  return stages;
}

/** argv of the image, run with this node in place of the base image's. */
const withThisNode = (argv: string[]): string[] => (argv[0] === 'node' ? [process.execPath, ...argv.slice(1)] : argv);

describe('the production image, laid out as the Dockerfile says (no Docker)', () => {
  let tmp: string;
  let image: Stage;
  let appDir: string;
  let port: number;
  let identity: IdentityStandIn;
  let connector: StandInConnector;
  let server: { child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } | undefined;

  /** What `docker run` passes: the image's ENV, overridden by the run's variables; of this machine, PATH only. */
  const containerEnv = (registration: Record<string, string> = {}): Record<string, string> => ({
    PATH: process.env.PATH ?? '',
    ...image.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    STATE_DIR: path.join(tmp, 'state'),
    TODAY: '2026-11-22',
    ...registration,
  });
  // NODE_ENV=production (the image's ENV) requires the Azure Bot registration (docker-compose.yml
  // reads it from .env); here the identity stand-in plays Entra ID and the Bot Framework.
  const registration = (): Record<string, string> => ({
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: SECRET,
    ...standInBotFrameworkEnv(identity),
  });

  const start = (env: Record<string, string>): NonNullable<typeof server> => {
    const [command = '', ...args] = withThisNode(image.cmd ?? []);
    const child = spawn(command, args, { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (output += c));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    return { child, output: () => output, exited };
  };
  const running = (): NonNullable<typeof server> => {
    if (!server) throw new Error('the image did not start (see the first failing test)');
    return server;
  };
  const healthcheck = (): Promise<{ code: number | null; output: string }> => {
    const check = image.healthcheck;
    if (!check) throw new Error('the Dockerfile has no HEALTHCHECK');
    const timeout = check.options.timeout ? durationMs(check.options.timeout) : 30_000; // Docker's default
    return runCommand(withThisNode(check.argv), appDir, containerEnv(registration()), timeout);
  };

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'bot-image-'));
    const stages = await playDockerfile(tmp);
    image = stages.at(-1) as Stage;
    appDir = hostPath(image, '.');
    port = await freePort();
    identity = await startIdentityStandIn();
    identity.addClient({ clientId: APP_ID, secret: SECRET, tenants: ['botframework.com'] });
    connector = await startStandInConnector();
  }, 600_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await server?.exited;
    await connector?.close();
    await identity?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('holds a language model trained from its own sources (no training at every start)', async () => {
    const probe = "process.exit(require('./dist/nlu/model.js').readModelFile() ? 0 : 1)";
    const loaded = await runCommand([process.execPath, '-e', probe], appDir, { PATH: process.env.PATH ?? '' });
    expect(loaded).toEqual({ code: 0, output: '' });
  });

  it('refuses to start without the bot registration, naming MicrosoftAppId, and exits 1', async () => {
    const unregistered = start(containerEnv());
    await expect(unregistered.exited).resolves.toEqual({ code: 1, signal: null });
    expect(unregistered.output()).toMatch(/^ {2}MicrosoftAppId: required when NODE_ENV=production/m);
  });

  it('starts from its CMD in its WORKDIR and becomes ready', async () => {
    server = start(containerEnv(registration()));
    const started = server;
    const exitedEarly = started.exited.then(({ code, signal }) => {
      throw new Error(`the image's CMD exited (${code ?? signal}) before /readyz answered 200:\n${started.output()}`);
    });
    await Promise.race([until(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200, 50_000), exitedEarly]);
  });

  it('answers a Teams "help" with the help card, through the connector', async () => {
    running();
    const url = `http://127.0.0.1:${port}`;
    const message = fromMario(connector.url, 'help');
    const posted = await postActivity(url, message, channelAuthorization(identity, APP_ID, connector.url));
    expect(posted.status).toBe(200);
    const reply = await connector.nthActivity(1);
    expect(reply.conversationId).toBe(MARIO_CHAT.id);
    expect(reply.authorization).toMatch(/^Bearer \S+/);
    expect(JSON.stringify(reply.activity)).toContain('Customer Activity in Teams');
  });

  it('is healthy by its HEALTHCHECK', async () => {
    running();
    await expect(healthcheck()).resolves.toEqual({ code: 0, output: '' });
  });

  it('exits 0 on SIGTERM, after which its HEALTHCHECK fails', async () => {
    const stopping = running();
    stopping.child.kill('SIGTERM');
    await expect(stopping.exited).resolves.toEqual({ code: 0, signal: null });
    expect((await healthcheck()).code).not.toBe(0);
  });
});
