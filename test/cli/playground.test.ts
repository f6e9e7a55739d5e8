import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PLAYGROUND_BOT, personalChatId } from '../../src/cli/playground-users';
import { freePort } from '../../src/cli/loopback-server';

// `npm run playground` end to end, offline: the real bot server on a generated organization,
// the Agents Playground in front of it, driven through the Playground's own REST and WebSocket
// API, the way its web page does.

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');


/** 'open', 'refused' or another error code, for a TCP connection to host:port. */
function dial(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED' ? 'refused' : (e.code ?? e.message)));
  });
}

// Node 20 has WebSocket only behind a flag: a small client in its own process sends one message
// through the Playground's REST API and prints the first bot message the WebSocket streams back.
const SAY = `
const [base, conversationId, from, text] = process.argv.slice(1);
const fail = (why) => { console.error(why); process.exit(1); };
const timer = setTimeout(() => fail('no reply from the bot within 60 s'), 60000);
const ws = new WebSocket(base.replace(/^http/, 'ws') + '/_ws_conversation/v1/conversations/stream');
ws.onerror = () => fail('WebSocket error');
ws.onmessage = (event) => {
  const action = JSON.parse(String(event.data));
  if (action.action === 'createMessage' && action.message.from.id !== from) {
    console.log(JSON.stringify(action));
    clearTimeout(timer);
    process.exit(0);
  }
};
ws.onopen = async () => {
  const response = await fetch(base + '/_conversation/v1/conversations/' + encodeURIComponent(conversationId) + '/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: { id: from }, text, textFormat: 'plain' }),
  });
  if (!response.ok) fail('POST ' + response.status + ' ' + (await response.text()));
};
`;

describe('npm run playground', () => {
  let work: string;
  let port: number;
  let botPort: number;
  let base: string;
  let child: ChildProcess;
  let exited: Promise<number | null>;
  let stdout = '';
  let stderr = '';
  let admin: { id: string; email: string };

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'playground-'));
    const data = path.join(work, 'data');
    await promisify(execFile)(TSX, ['src/cli/gen.ts', '--out', data, '--workspaces', '3', '--contracts', '3', '--consumption', '200', '--cases', '20'], {
      cwd: ROOT,
    });
    const users = JSON.parse(readFileSync(path.join(data, 'users.json'), 'utf8')) as Array<{ id: string; email: string; customerAdmin: boolean }>;
    admin = users.find((u) => u.customerAdmin)!;
    [port, botPort] = [await freePort(), await freePort()];
    base = `http://127.0.0.1:${port}`;
    const args = ['--data', data, '--today', '2026-11-22', '--port', String(port), '--bot-port', String(botPort), '--work-dir', path.join(work, 'run')];
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/playground.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, STORAGE: 'memory', LOG_LEVEL: 'warn' },
    });
    exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ready = new Promise<void>((resolve) => {
      const check = () => (stdout.includes('Ctrl+C stops both') ? resolve() : setTimeout(check, 100));
      check();
    });
    const early = exited.then((code) => {
      throw new Error(`playground exited (${code}) before it was ready:\n${stdout}\n${stderr}`);
    });
    await Promise.race([ready, early]);
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('prints the URL to open and who you are', () => {
    expect(stdout).toContain(`Agents Playground: ${base}/`);
    expect(stdout).toContain(`You are `);
    expect(stdout).toContain(`<${admin.email}> - customer admin`);
  });

  it('serves the Teams-like web page', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Microsoft 365 Agents Playground</title>');
  });

  it('listens on 127.0.0.1 only, the Playground and the bot', async () => {
    // the whole of 127.0.0.0/8 reaches this machine: a server on every interface would answer 127.0.0.2
    expect(await dial('127.0.0.1', port)).toBe('open');
    expect(await dial('127.0.0.2', port)).toBe('refused');
    expect(await dial('127.0.0.1', botPort)).toBe('open');
    expect(await dial('127.0.0.2', botPort)).toBe('refused');
  });

  it("has the organization's customer admin as current user and five more users", async () => {
    const body = (await (await fetch(`${base}/_internal/v1/config`)).json()) as {
      config: { currentUser: { id: string; email: string }; users: unknown[]; personalChat: { id: string } };
    };
    expect(body.config.currentUser).toMatchObject({ id: `29:${admin.id}`, email: admin.email });
    expect(body.config.users).toHaveLength(5);
    expect(body.config.personalChat.id).toBe(personalChatId(admin.id));
  });

  it('delivers "help" to the bot and its answer back to the page', async () => {
    const say = [personalChatId(admin.id), `29:${admin.id}`, 'help'];
    const { stdout: line } = await promisify(execFile)(process.execPath, ['--experimental-websocket', '--no-warnings', '-e', SAY, base, ...say]);
    const reply = JSON.parse(line) as {
      actionConversationId: string;
      message: { from: { id: string }; text?: string; attachments: Array<{ contentType: string }> };
    };
    expect(reply.actionConversationId).toBe(personalChatId(admin.id));
    expect(reply.message.from.id).toBe(PLAYGROUND_BOT.id);
    expect(`${reply.message.text ?? ''}${reply.message.attachments.map((a) => a.contentType).join()}`).not.toBe('');
  });

  it('stops the bot and the Playground on SIGTERM', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await dial('127.0.0.1', port)).toBe('refused');
    expect(await dial('127.0.0.1', botPort)).toBe('refused');
  });
});
