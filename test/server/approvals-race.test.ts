import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuditLog } from '../../src/audit/audit-log';
import type { Dataset, User } from '../../src/domain/records';
import { RedisStorage } from '../../src/storage/redis-storage';
import { useTestRedis } from '../support/redis-server';
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
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { postActivity } from './helpers/teams-activity';
import { writeDataset } from './helpers/tiny-dataset';

// Rule 11 across instances: fifty admins click Approve on the same request at the same moment,
// spread over two server processes sharing one Redis. One decision must win, once.

const TENANT = '5a1e0c2d-7b3f-4e69-9c8a-2f4d6b8e0a13';
const ADMIN_COUNT = 50;

const admins: User[] = Array.from({ length: ADMIN_COUNT }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return {
    id: `u-admin-${n}`,
    email: `admin${n}@fabrikam.example`,
    displayName: `Admin ${n}`,
    aadObjectId: `a0000000-0000-4000-8000-0000000000${n}`,
    accountType: 'work',
    customerAdmin: false,
  };
});
const requester: User = {
  id: 'u-rita-conti',
  email: 'rita.conti@fabrikam.example',
  displayName: 'Rita Conti',
  aadObjectId: 'b0000000-0000-4000-8000-000000000001',
  accountType: 'work',
  customerAdmin: false,
};

/** One workspace, its fifty admins (active members) and a member without Customer Activity. */
function raceDataset(): Dataset {
  return {
    organization: { id: 'org-fabrikam', name: 'Fabrikam', tenantId: TENANT },
    users: [requester, ...admins],
    contracts: [
      {
        id: 'c-7000-01',
        number: '7000-01',
        type: 'Unified',
        startDate: '2026-01-01',
        endDate: '2027-12-31',
        servicesAdministratorId: admins[0]!.id,
        supportContactIds: [],
        csam: { name: 'Marta Galli', email: 'marta.galli@microsoft.com' },
      },
    ],
    workspaces: [
      { id: 'ws-ops', name: 'Operations', isDefault: true, contractIds: ['c-7000-01'], accountPolicy: 'work-only', adminIds: admins.map((a) => a.id) },
    ],
    memberships: [requester, ...admins].map((u) => ({ workspaceId: 'ws-ops', userId: u.id, roles: [], status: 'active' as const })),
    groups: [],
    packages: [
      { id: 'pkg-1', contractId: 'c-7000-01', name: 'Unified Enterprise', kind: 'enterprise', status: 'active', startDate: '2026-01-01', endDate: '2027-12-31' },
    ],
    entitlements: [
      { id: 'ent-1', packageId: 'pkg-1', name: 'Proactive credits', category: 'proactive-credits', kind: 'consumption', unit: 'credits', purchased: 500 },
    ],
    consumption: [{ id: 'cr-1', entitlementId: 'ent-1', date: '2026-10-01', quantity: 120, description: 'Assessment' }],
    cases: [],
    training: [],
  };
}

const chatOf = (u: User, i: number): ChatPerson => ({
  id: `29:${u.id}`,
  name: u.displayName,
  aadObjectId: u.aadObjectId,
  conversationId: `a:personal-${u.id}-${i}`,
  tenantId: TENANT,
});
const adminChats = admins.map(chatOf);
const requesterChat = chatOf(requester, 0);

const isoDay = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

// two real server processes started through tsx, fifty clicks: seconds on a busy machine
jest.setTimeout(120_000);

describe('fifty admins approving one request at once on two instances (STORAGE=redis)', () => {
  const redis = useTestRedis();
  let dir: string;
  let prefix: string;
  let connector: StandInConnector;
  let servers: ReadyServer[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bot-race-'));
    await writeDataset(path.join(dir, 'data'), raceDataset());
    connector = await startStandInConnector();
    prefix = redis.prefix();
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: path.join(dir, 'data'),
      TODAY: '2026-11-22',
      LOG_LEVEL: 'info',
      STORAGE: 'redis',
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: prefix,
    };
    servers = await Promise.all([startReadyServer(env, dir), startReadyServer(env, dir)]);
  });

  afterAll(async () => {
    const exits = await Promise.all(servers.map((s) => stopServer(s.process)));
    await Promise.all(servers.map((s) => killServer(s.process))); // in case one hung
    await connector.close();
    await rm(dir, { recursive: true, force: true });
    expect(exits).toEqual(servers.map(() => ({ code: 0, signal: null })));
  });

  /** Server 0 or 1, alternating with `i`. */
  const on = (i: number): string => servers[i % 2]!.url;

  it('decides once: one winner, one grant, one audit entry, one notice, every copy updated', async () => {
    // every admin talks to the bot once, so their personal chat is known to both instances
    const helps = adminChats.map((chat) => messageFrom(connector.url, chat, 'help'));
    const helpAnswers = await Promise.all(helps.map((m, i) => postActivity(on(i), m)));
    expect(helpAnswers.map((r) => r.status)).toEqual(helps.map(() => 200));
    for (const m of helps) expect(repliesTo(connector, m.id)).toHaveLength(1);

    // the requester is refused, then clicks "Request this role" on the refusal card (on the other instance)
    const firstAsk = messageFrom(connector.url, requesterChat, 'summary');
    await postActivity(on(0), firstAsk);
    const [refusal] = repliesTo(connector, firstAsk.id);
    expect(readableOf(refusal!)).toContain('You need the Customer Activity role');
    const requestButton = buttonOf(cardOf(refusal!), 'Request this role');
    expect(requestButton?.verb).toBe('request-role');
    const refusalId = activityIdOf(connector, refusal!);
    const seenBeforeRequest = connector.received.length;
    const pending = await click(on(1), cardClick(connector.url, requesterChat, refusalId, requestButton!.verb, requestButton!.data));
    expect(invokeText(pending)).toContain('Waiting for an admin of Operations');

    // the request turn sends one approval card to each admin's chat before it answers
    const cards = connector.received
      .slice(seenBeforeRequest)
      .filter((r) => r.method === 'POST' && buttonOf(cardOf(r), 'Approve'));
    expect(cards.map((c) => c.conversationId).sort()).toEqual(adminChats.map((c) => c.conversationId).sort());
    const cardFor = new Map(cards.map((c) => [c.conversationId, c]));
    const approveButtons = cards.map((c) => buttonOf(cardOf(c), 'Approve')!);
    const requestId = approveButtons[0]!.data.requestId;
    expect(approveButtons.every((b) => b.verb === 'decide-role' && b.data.requestId === requestId)).toBe(true);

    // fifty Approve clicks at the same time, alternating instances, each from its admin's own chat
    const seenBeforeClicks = connector.received.length;
    const clicks = adminChats.map((chat) => {
      const card = cardFor.get(chat.conversationId)!;
      const approve = buttonOf(cardOf(card), 'Approve')!;
      return cardClick(connector.url, chat, activityIdOf(connector, card), approve.verb, approve.data);
    });
    const answers = await Promise.all(clicks.map((c, i) => click(on(i), c)));

    // everyone is shown the same single decision, final (no buttons left)
    const deciders = answers.map((a) => /Approved by (Admin \d\d)/.exec(invokeText(a))?.[1]);
    const winnerName = deciders[0];
    expect(winnerName).toBeDefined();
    expect(deciders).toEqual(answers.map(() => winnerName));
    for (const a of answers) expect(buttonOf(a.value as Record<string, unknown>, 'Approve')).toBeUndefined();
    const winner = admins.find((a) => a.displayName === winnerName)!;
    const winnerChat = adminChats[admins.indexOf(winner)]!;

    // the audit log (in Redis) has one request and one approval: the winner's own click, from their chat
    const storage = new RedisStorage(redis.url, { keyPrefix: prefix });
    const entries = await new AuditLog(storage).between(isoDay(-1), isoDay(1)).finally(() => storage.close());
    expect(entries.map((e) => e.action)).toEqual(['role.requested', 'role.approved']);
    expect(entries[1]).toMatchObject({
      actorId: winner.id,
      subjectId: requester.id,
      role: 'customer-activity',
      workspaceId: 'ws-ops',
      requestId,
      conversationId: winnerChat.conversationId,
    });

    // the winner's turn updated every copy once (fifty cards and the requester's clicked card), then
    // told the requester once; every click has been answered, so nothing more is on its way
    const afterClicks = connector.received.slice(seenBeforeClicks);
    const updates = afterClicks.filter((r) => r.method === 'PUT');
    const copyIds = [...cards.map((c) => activityIdOf(connector, c)), refusalId];
    expect(updates.map((u) => u.replyToActivityId).sort()).toEqual(copyIds.sort());
    for (const u of updates) {
      expect(readableOf(u)).toContain(`Approved by ${winnerName}`);
      expect(buttonOf(cardOf(u), 'Approve')).toBeUndefined();
    }
    expect(updates.find((u) => u.replyToActivityId === refusalId)?.conversationId).toBe(requesterChat.conversationId);
    const notices = afterClicks.filter((r) => r.method === 'POST' && r.conversationId === requesterChat.conversationId);
    expect(notices.map((n) => n.activity.text)).toEqual([
      `${winnerName} approved your request for the Customer Activity role in Operations. It works from your next message.`,
    ]);
    expect(afterClicks.filter((r) => r.method === 'POST' && /approved your request/.test(r.activity.text ?? ''))).toHaveLength(1);

    // the role works from the requester's next message, on either instance
    for (const i of [0, 1]) {
      const ask = messageFrom(connector.url, requesterChat, 'summary');
      await postActivity(on(i), ask);
      const replies = repliesTo(connector, ask.id).map(readableOf).join('\n');
      expect(replies).toContain('Usage summary · Operations');
      expect(replies).toContain('120 of 500 credits used');
      expect(replies).not.toContain('You need the');
    }
  });
});
