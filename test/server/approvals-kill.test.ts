import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuditLog, type AuditEntry } from '../../src/audit/audit-log';
import { JournalStorage } from '../../src/storage/journal-storage';
import {
  activityIdOf,
  buttonOf,
  cardClick,
  cardOf,
  click,
  invokeText,
  killServer,
  messageFrom,
  readableOf,
  repliesTo,
  startReadyServer,
  stopServer,
  type ChatPerson,
  type ReadyServer,
} from './helpers/process-chat';
import type { ReceivedActivity } from './helpers/stand-in-connector';
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { postActivity } from './helpers/teams-activity';

// A role request on the embedded store (STORAGE=file: memory + append-only journal) survives
// kill -9 at the worst moments: while the approval cards are on their way, and right after the
// decision was acknowledged. What a person was told stays true after the restart.

const SAMPLE = path.resolve(__dirname, '..', '..', 'data', 'sample');
const TENANT = '3f5c2a1e-8b7d-4c6e-9a0f-1d2e3c4b5a69';

const MARIO: ChatPerson = {
  id: '29:mario',
  name: 'Mario Rossi',
  aadObjectId: '69f92ac1-7e16-5725-bfb4-f1448d5f8db4',
  conversationId: 'a:mario-personal',
  tenantId: TENANT,
};
// no aadObjectId in the sample: the bot finds him through the roster's e-mail
const MARCO: ChatPerson = { id: '29:marco', name: 'Marco Bruno', conversationId: 'a:marco-personal', tenantId: TENANT };
const GIULIA: ChatPerson = {
  id: '29:giulia',
  name: 'Giulia Verdi',
  aadObjectId: '36f03246-a84e-5f69-85d1-3f0ae0d1b0a7',
  conversationId: 'a:giulia-personal',
  tenantId: TENANT,
};
const ANNA_AAD = 'c8fda48e-2187-5e04-841f-0f434060909e';

const isoDay = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** An approval card the bot posted into `conversationId`. */
const approvalCardIn =
  (conversationId: string) =>
  (r: ReceivedActivity): boolean =>
    r.method === 'POST' && r.conversationId === conversationId && buttonOf(cardOf(r), 'Approve') !== undefined;

// each test starts three server processes through tsx: seconds of start-up on a busy machine
jest.setTimeout(120_000);

describe('role requests on the embedded store across kill -9 (STORAGE=file)', () => {
  let dir: string;
  let connector: StandInConnector;
  let server: ReadyServer | undefined;

  const start = async (): Promise<ReadyServer> => {
    server = await startReadyServer(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: SAMPLE,
        TODAY: '2026-11-22',
        LOG_LEVEL: 'info',
        STORAGE: 'file',
        STATE_DIR: path.join(dir, 'state'),
      },
      dir,
    );
    return server;
  };

  /** Every audit entry of these days, read from the folder once no server owns it. */
  const auditLog = async (): Promise<AuditEntry[]> => {
    const storage = new JournalStorage(path.join(dir, 'state'));
    try {
      return await new AuditLog(storage).between(isoDay(-1), isoDay(1));
    } finally {
      await storage.close();
    }
  };

  /** Sends a message and returns what the bot answered in that turn. */
  const say = async (to: ReadyServer, person: ChatPerson, text: string, value?: Record<string, unknown>): Promise<string> => {
    const message = messageFrom(connector.url, person, text, value);
    const answered = await postActivity(to.url, message);
    expect(answered.status).toBe(200);
    return repliesTo(connector, message.id).map(readableOf).join('\n');
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bot-kill-'));
    connector = await startStandInConnector({ [MARCO.id]: { email: 'marco.bruno@contoso.com', name: MARCO.name } });
  });

  afterEach(async () => {
    if (server) await killServer(server.process);
    server = undefined;
    await connector.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps a request made while the process died with the approval card in flight', async () => {
    const first = await start();
    expect(await say(first, MARIO, 'help')).not.toBe('');

    // the connector answers the bot's messages one at a time, so the process can be killed while
    // Mario's card is at the connector and the bot has not heard back (its id not stored anywhere)
    let gate = connector.holdResponses();
    const seen = connector.received.length;
    const asked = postActivity(
      first.url,
      messageFrom(connector.url, MARCO, '', { verb: 'request-role', role: 'customer-activity', workspaceId: 'ws-finance' }),
    ).then(
      () => 'answered',
      () => 'connection lost',
    );
    let marioCard: ReceivedActivity | undefined;
    for (let n = seen + 1; !marioCard; n++) {
      const sent = await connector.nthActivity(n);
      if (approvalCardIn(MARIO.conversationId)(sent)) marioCard = sent;
      else {
        gate.release();
        gate = connector.holdResponses();
      }
    }
    await expect(killServer(first.process)).resolves.toEqual({ code: null, signal: 'SIGKILL' });
    gate.release();
    expect(await asked).toBe('connection lost'); // Marco never got an answer to that turn

    // the restarted process takes over the dead one's lock on the folder
    const second = await start();
    expect((await readFile(path.join(dir, 'state', 'lock'), 'utf8')).trim()).toBe(String(second.process.child.pid));

    // Mario approves on the card he received before the crash
    const approve = buttonOf(cardOf(marioCard), 'Approve')!;
    expect(approve.verb).toBe('decide-role');
    const seenBeforeDecision = connector.received.length;
    const decided = await click(second.url, cardClick(connector.url, MARIO, activityIdOf(connector, marioCard), approve.verb, approve.data));
    expect(invokeText(decided)).toContain('Approved by Mario Rossi');
    const toMarco = connector.received.slice(seenBeforeDecision).filter((r) => r.conversationId === MARCO.conversationId);
    expect(toMarco.map((r) => r.activity.text)).toEqual([
      'Mario Rossi approved your request for the Customer Activity role in Finance. It works from your next message.',
    ]);

    // the role works, and asking again says so
    const overview = await say(second, MARCO, 'show usage overview');
    expect(overview).toContain('Usage summary · Finance');
    expect(overview).not.toContain('You need the');
    expect(await say(second, MARCO, '', { verb: 'request-role', role: 'customer-activity', workspaceId: 'ws-finance' })).toContain(
      'You already have the Customer Activity role in Finance',
    );

    await expect(stopServer(second.process)).resolves.toEqual({ code: 0, signal: null });
    const requestId = approve.data.requestId;
    const entries = (await auditLog()).filter((e) => e.requestId === requestId);
    expect(entries.map((e) => e.action)).toEqual(['role.requested', 'role.approved']);
    expect(entries[0]).toMatchObject({ actorId: 'u-marco-bruno', subjectId: 'u-marco-bruno', role: 'customer-activity', workspaceId: 'ws-finance' });
    expect(entries[1]).toMatchObject({ actorId: 'u-mario-rossi', subjectId: 'u-marco-bruno', conversationId: MARIO.conversationId });
  });

  it('loses nothing of a decision acknowledged just before kill -9', async () => {
    const first = await start();
    await say(first, MARIO, 'help');

    // Giulia asks for Learning Manager in Finance: Mario (his chat) and Anna (a chat the bot opens) get the card
    const sent = await say(first, GIULIA, '', { verb: 'request-role', role: 'learning-manager', workspaceId: 'ws-finance' });
    expect(sent).toMatch(/sent to (Anna Bianchi, Mario Rossi|Mario Rossi, Anna Bianchi)/);
    const annaChat = connector.created.find((c) => c.members.some((m) => m.id === ANNA_AAD || m.aadObjectId === ANNA_AAD));
    expect(annaChat).toBeDefined();
    const marioCard = connector.received.find(approvalCardIn(MARIO.conversationId))!;
    const annaCard = connector.received.find(approvalCardIn(annaChat!.id))!;
    expect(annaCard).toBeDefined();

    const approve = buttonOf(cardOf(marioCard), 'Approve')!;
    const decided = await click(first.url, cardClick(connector.url, MARIO, activityIdOf(connector, marioCard), approve.verb, approve.data));
    await expect(killServer(first.process)).resolves.toEqual({ code: null, signal: 'SIGKILL' });
    expect(invokeText(decided)).toContain('Approved by Mario Rossi');

    const second = await start();
    // Anna's late click, Reject, changes nothing: the decision Mario was shown is final
    const anna: ChatPerson = { id: '29:anna', name: 'Anna Bianchi', aadObjectId: ANNA_AAD, conversationId: annaChat!.id, tenantId: TENANT };
    const reject = buttonOf(cardOf(annaCard), 'Reject')!;
    const late = await click(second.url, cardClick(connector.url, anna, activityIdOf(connector, annaCard), reject.verb, reject.data));
    expect(invokeText(late)).toContain('Approved by Mario Rossi');
    expect(buttonOf(late.value as Record<string, unknown>, 'Reject')).toBeUndefined();
    // the role Giulia was told about is hers
    expect(await say(second, GIULIA, '', { verb: 'request-role', role: 'learning-manager', workspaceId: 'ws-finance' })).toContain(
      'You already have the Learning Manager role in Finance',
    );

    await expect(stopServer(second.process)).resolves.toEqual({ code: 0, signal: null });
    const entries = (await auditLog()).filter((e) => e.requestId === approve.data.requestId);
    expect(entries.map((e) => e.action)).toEqual(['role.requested', 'role.approved']);
    expect(entries[1]).toMatchObject({ actorId: 'u-mario-rossi', subjectId: 'u-giulia-verdi', role: 'learning-manager' });
  });
});
