import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuditLog } from '../../src/audit/audit-log';
import { reportCommand } from '../../src/cli/report';
import { FileDataSource } from '../../src/data/file-source';
import { generateDataset } from '../../src/data/generator';
import { OrgIndex } from '../../src/domain/org-index';
import { deliveryReportQuery } from '../../src/queries/delivery-report';
import { CHUNK_UNIT, DEFAULT_CHUNK } from '../../src/reports/upload-session';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { captureLogger } from './helpers/capture-logger';
import { startStandInConnector, type ReceivedActivity, type StandInConnector } from './helpers/stand-in-connector';
import { postActivity, teamsMessage } from './helpers/teams-activity';
import { testConfig } from './helpers/test-config';
import { startUploadSessionStandIn, type StandInSession, type UploadSessionStandIn } from './helpers/upload-session-stand-in';

// Reports as files in chat, through the real endpoint and CloudAdapter, against a local stand-in
// for the Teams connector and one for the OneDrive upload sessions Teams hands over on Allow:
// summary and consent card, the chunked upload (a 503 retried, a chunk kept in part and resumed
// from nextExpectedRanges), the file byte for byte as `npm run -s report` writes it, the file info
// card, the audit log; decline, a replay by someone else, a second Allow, an expired or altered
// offer; a request in a channel or group chat, answered privately.

// The clock stands still (only Date is faked: timers, sockets and promises run as usual), so that
// the bot and the report command stamp their files with the same instant, and an hour can pass.
const NOW = new Date('2026-11-22T10:15:00.000Z');
const HOUR = 60 * 60 * 1000;
const REAL = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] as const;

const SAMPLE = path.resolve(__dirname, '..', '..', 'data', 'sample');
const root = mkdtempSync(path.join(tmpdir(), 'reports-http-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of a dataset whose files all date from NOW: the report command's "data as of" is NOW too. */
function datedCopy(from: string, name: string): string {
  const dir = path.join(root, name);
  cpSync(from, dir, { recursive: true });
  for (const file of readdirSync(dir)) utimesSync(path.join(dir, file), NOW, NOW);
  return dir;
}

interface Person {
  id: string;
  name: string;
  aadObjectId: string;
}

const person = (dir: string, email: string): Person => {
  const users = JSON.parse(readFileSync(path.join(dir, 'users.json'), 'utf8')) as { email: string; displayName: string; aadObjectId: string }[];
  const user = users.find((u) => u.email === email)!;
  return { id: `29:${user.aadObjectId}`, name: user.displayName, aadObjectId: user.aadObjectId };
};
const tenantOf = (dir: string): string => (JSON.parse(readFileSync(path.join(dir, 'organization.json'), 'utf8')) as { tenantId: string }).tenantId;

const attachmentsOf = (r: ReceivedActivity | undefined) => (r?.activity.attachments ?? []) as { contentType: string; name?: string; contentUrl?: string; content: Record<string, unknown> }[];
const consentOf = (r: ReceivedActivity | undefined) => attachmentsOf(r).find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
const texts = (rs: readonly ReceivedActivity[]): string => rs.map((r) => JSON.stringify(r.activity)).join('\n');

/** What `npm run -s report` writes for the same request, read back. */
async function reportFile(args: string[], file: string): Promise<Buffer> {
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    expect(await reportCommand(['--today', '2026-11-22', '--out', file, ...args], NOW)).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return readFileSync(file);
}

class Chat {
  private turns = 0;

  constructor(
    private readonly t: { server: RunningServer; connector: StandInConnector; tenant: string },
    readonly from: Person,
    readonly conversation: { id: string; conversationType: string },
  ) {}

  private activity(overrides: Record<string, unknown>) {
    this.turns += 1;
    return teamsMessage(this.t.connector.url, '', {
      id: `turn-${this.conversation.id}-${this.turns}`,
      from: this.from,
      conversation: { ...this.conversation, tenantId: this.t.tenant },
      channelData: { tenant: { id: this.t.tenant } },
      ...overrides,
    });
  }

  /** Sends a message; resolves with what the bot posted while answering it. */
  async say(text: string): Promise<ReceivedActivity[]> {
    const before = this.t.connector.received.length;
    const response = await postActivity(this.t.server.url, this.activity({ text }));
    expect(response.status).toBe(200);
    return this.t.connector.received.slice(before);
  }

  /** Allow or Decline on a consent card, as Teams sends it; resolves with what the bot posted meanwhile. */
  async answer(action: 'accept' | 'decline', context: unknown, upload?: StandInSession, cardId = 'consent-card'): Promise<ReceivedActivity[]> {
    const before = this.t.connector.received.length;
    const response = await postActivity(
      this.t.server.url,
      this.activity({
        type: 'invoke',
        name: 'fileConsent/invoke',
        text: undefined,
        replyToId: cardId,
        value: {
          type: 'fileUpload',
          action,
          context,
          ...(action === 'accept' && upload
            ? {
                uploadInfo: {
                  contentUrl: `https://contoso-my.sharepoint.com/personal/files/${upload.id}`,
                  name: 'report-as-named-by-teams',
                  uploadUrl: upload.url,
                  uniqueId: `unique-${upload.id}`,
                  fileType: 'csv',
                },
              }
            : {}),
        },
      }),
    );
    expect(response.status).toBe(200);
    return this.t.connector.received.slice(before);
  }
}

describe('reports in chat over HTTP', () => {
  let connector: StandInConnector;
  let uploads: UploadSessionStandIn;
  let server: RunningServer | undefined;
  let storage: MemoryStorage;

  beforeEach(async () => {
    jest.useFakeTimers({ doNotFake: [...REAL], now: NOW });
    connector = await startStandInConnector();
    uploads = await startUploadSessionStandIn();
    storage = new MemoryStorage();
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await connector.close();
    await uploads.close();
    jest.useRealTimers();
  });

  async function start(dataDir: string, workingOnItAfterMs = '12000'): Promise<{ server: RunningServer; connector: StandInConnector; tenant: string }> {
    server = await startServer(testConfig({ TODAY: '2026-11-22', WORKING_ON_IT_AFTER_MS: workingOnItAfterMs }), {
      logger: captureLogger().logger,
      dataSource: new FileDataSource(dataDir),
      storage,
    });
    return { server, connector, tenant: tenantOf(dataDir) };
  }

  it('offers, uploads in chunks with a retry and a resume, sends the file info card and audits the export', async () => {
    const dir = path.join(root, 'generated');
    await generateDataset({ seed: 7, workspaces: 3, contracts: 4, consumption: 50_000, cases: 50 }, dir);
    const t = await start(dir);
    const org = new OrgIndex(await new FileDataSource(dir).load());
    const admin = org.users.get([...org.users.values()].find((u) => u.customerAdmin && u.aadObjectId)!.id)!;
    const chat = new Chat(t, person(dir, admin.email), { id: 'a:admin-personal', conversationType: 'personal' });

    const offered = await chat.say('proof of delivery for all workspaces in csv');
    expect(offered).toHaveLength(2);
    const summary = JSON.stringify(offered[0]?.activity.attachments);
    const report = deliveryReportQuery({ org, user: admin, today: '2026-11-22', workspace: 'all' });
    expect(summary).toContain('Proof of delivery');
    expect(summary).toContain('23 Nov 2025 – 22 Nov 2026');
    expect(summary).toContain(report.rowCount.toLocaleString('en-GB'));
    const consent = consentOf(offered[1]);
    expect(consent?.name).toBe('proof-of-delivery_all-workspaces_2025-11-23_2026-11-22.csv');
    expect(consent?.content).toEqual({
      description: `Proof of delivery · All your workspaces: ${report.workspaceIds.map((id) => org.workspaces.get(id)?.name).join(', ')} · 23 Nov 2025 – 22 Nov 2026 · ${report.rowCount.toLocaleString('en-GB')} rows`,
      sizeInBytes: expect.any(Number) as number,
      acceptContext: { exportId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string },
      declineContext: consent?.content.acceptContext,
    });

    // the session keeps only the first 1000 bytes of the first chunk and fails the next PUT once
    const session = uploads.session();
    session.faults.set(1, { keepOnly: 1000 });
    session.faults.set(2, { status: 503, retryAfter: '0' });
    const accepted = await chat.answer('accept', consent?.content.acceptContext, session);

    const expected = await reportFile(
      ['--data', dir, '--as', admin.email, '--workspace', 'all', 'delivery', '--format', 'csv', '--since', '2025-11-23', '--until', '2026-11-22'],
      path.join(root, 'expected.csv'),
    );
    expect(expected.length).toBeGreaterThan(DEFAULT_CHUNK);
    expect(consent?.content.sizeInBytes).toBe(expected.length);
    expect(session.complete).toBe(true);
    expect(session.bytes().equals(expected)).toBe(true);
    expect(session.violations).toEqual([]);
    const puts = session.requests.filter((r) => r.method === 'PUT');
    const resumed: [number, number][] = [];
    for (let start = 1000; start < expected.length; start += DEFAULT_CHUNK) resumed.push([start, start + DEFAULT_CHUNK >= expected.length ? 201 : 202]);
    expect(puts.map((p) => [p.range?.start, p.status])).toEqual([[0, 202], [1000, 503], ...resumed]);
    expect(puts.slice(0, -1).every((p) => p.length % CHUNK_UNIT === 0 && p.length <= 8 * 1024 * 1024)).toBe(true);

    // the consent card becomes "Sent", then the file info card
    expect(accepted.map((r) => r.method)).toEqual(['PUT', 'POST']);
    expect(accepted[0]?.replyToActivityId).toBe('consent-card');
    expect(texts(accepted.slice(0, 1))).toContain('Sent: report-as-named-by-teams');
    expect(attachmentsOf(accepted[1])).toEqual([
      {
        contentType: 'application/vnd.microsoft.teams.card.file.info',
        name: 'report-as-named-by-teams',
        contentUrl: `https://contoso-my.sharepoint.com/personal/files/${session.id}`,
        content: { uniqueId: `unique-${session.id}`, fileType: 'csv' },
      },
    ]);

    // audited once per workspace, each with that workspace's rows
    const entries = await new AuditLog(storage).between('2026-11-01', '2026-11-30');
    expect(entries.map((e) => [e.action, e.actorId, e.workspaceId, e.report?.rows]).sort()).toEqual(
      report.workspaceIds
        .map((id) => ['report.exported', admin.id, id, deliveryReportQuery({ org, user: admin, today: '2026-11-22', workspace: id }).rowCount])
        .sort(),
    );
    expect(entries[0]?.report).toMatchObject({ name: 'delivery', format: 'csv', scope: 'all', since: '2025-11-23', until: '2026-11-22' });
    const audit = await chat.say('audit');
    expect(texts(audit)).toMatch(new RegExp(`${admin.displayName} exported the proof of delivery \\(all their workspaces · 23 Nov 2025 – 22 Nov 2026 · [\\d,]+ rows · CSV\\)`));

    // a second Allow on the same card uploads nothing more
    const again = uploads.session();
    expect(texts(await chat.answer('accept', consent?.content.acceptContext, again))).toContain('I already sent this file');
    expect(again.requests).toEqual([]);
  });

  it('sends an XLSX by default, byte for byte the file the report command writes', async () => {
    const dir = datedCopy(SAMPLE, 'sample-xlsx');
    const t = await start(dir);
    const chat = new Chat(t, person(dir, 'mario.rossi@contoso.com'), { id: 'a:mario-personal', conversationType: 'personal' });
    const offered = await chat.say('proof of delivery since July');
    const consent = consentOf(offered[1]);
    expect(consent?.name).toBe('proof-of-delivery_finance_2026-07-01_2026-11-22.xlsx');
    const session = uploads.session();
    await chat.answer('accept', consent?.content.acceptContext, session);
    const expected = await reportFile(
      ['--data', dir, '--as', 'mario.rossi@contoso.com', '--workspace', 'ws-finance', 'delivery', '--format', 'xlsx', '--since', '2026-07-01', '--until', '2026-11-22'],
      path.join(root, 'expected.xlsx'),
    );
    expect(session.bytes().equals(expected)).toBe(true);
    expect(consent?.content.sizeInBytes).toBe(expected.length);
  });

  it('answers Teams before a slow upload ends, then marks the card sent and sends the file card', async () => {
    const dir = datedCopy(SAMPLE, 'sample-slow');
    const t = await start(dir, '100');
    const chat = new Chat(t, person(dir, 'mario.rossi@contoso.com'), { id: 'a:mario-personal', conversationType: 'personal' });
    const offered = await chat.say('proof of delivery since July in csv');
    const session = uploads.session();
    let release = (): void => undefined;
    session.faults.set(1, { until: new Promise<void>((resolve) => (release = resolve)) });
    // the Allow's POST returns while the upload is held
    expect(await chat.answer('accept', consentOf(offered[1])?.content.acceptContext, session)).toEqual([]);
    expect(session.complete).toBe(false);

    const before = connector.received.length;
    release();
    const [sent, fileCard] = [await connector.nthActivity(before + 1), await connector.nthActivity(before + 2)];
    expect(session.complete).toBe(true);
    expect([sent.method, sent.replyToActivityId]).toEqual(['PUT', 'consent-card']);
    expect(texts([sent])).toContain('Sent: report-as-named-by-teams');
    expect(attachmentsOf(fileCard)[0]?.contentType).toBe('application/vnd.microsoft.teams.card.file.info');
  });

  describe('on the sample organization', () => {
    let t: { server: RunningServer; connector: StandInConnector; tenant: string };
    beforeEach(async () => {
      t = await start(SAMPLE);
    });

    const anna = person(SAMPLE, 'anna.bianchi@contoso.com');
    const mario = person(SAMPLE, 'mario.rossi@contoso.com');

    it('says it did not send the file on Decline, replaces the consent card, and a later Allow uploads nothing', async () => {
      const chat = new Chat(t, anna, { id: 'a:anna-personal', conversationType: 'personal' });
      const consent = consentOf((await chat.say('esporta il report di formazione dell’area HR come csv'))[1]);
      expect(consent?.name).toBe('report-formazione_hr_2026-11-22.csv');
      const declined = await chat.answer('decline', consent?.content.declineContext);
      expect(declined.map((r) => r.method)).toEqual(['PUT', 'POST']);
      expect(declined[0]?.replyToActivityId).toBe('consent-card');
      expect(texts(declined.slice(0, 1))).toContain('Non inviato: hai rifiutato report-formazione_hr_2026-11-22.csv');
      expect(declined[1]?.activity.text).toBe('Va bene, non ho mandato **report-formazione_hr_2026-11-22.csv**.');
      const session = uploads.session();
      expect(texts(await chat.answer('accept', consent?.content.acceptContext, session))).toContain('Questa offerta è stata rifiutata');
      expect(session.requests).toEqual([]);
      expect(await new AuditLog(storage).between('2026-01-01', '2026-12-31')).toEqual([]);
    });

    it('uploads nothing when someone else replays the Allow, and still serves the asker', async () => {
      const annaChat = new Chat(t, anna, { id: 'a:anna-personal', conversationType: 'personal' });
      const consent = consentOf((await annaChat.say('proof of delivery for all workspaces'))[1]);
      const marioChat = new Chat(t, mario, { id: 'a:mario-personal', conversationType: 'personal' });
      const stolen = uploads.session();
      expect(texts(await marioChat.answer('accept', consent?.content.acceptContext, stolen))).toContain('This file was offered to someone else, so I sent nothing.');
      // even in the asker's own chat
      const inAnnasChat = new Chat(t, mario, annaChat.conversation);
      expect(texts(await inAnnasChat.answer('accept', consent?.content.acceptContext, stolen))).toContain('offered to someone else');
      expect(stolen.requests).toEqual([]);
      const mine = uploads.session();
      expect(texts(await annaChat.answer('accept', consent?.content.acceptContext, mine))).toContain('file.info');
      expect(mine.complete).toBe(true);
    });

    it('uploads nothing for an offer more than an hour old', async () => {
      const chat = new Chat(t, anna, { id: 'a:anna-personal', conversationType: 'personal' });
      const consent = consentOf((await chat.say('delivery report'))[1]);
      jest.setSystemTime(NOW.getTime() + HOUR + 60_000);
      const session = uploads.session();
      const answered = await chat.answer('accept', consent?.content.acceptContext, session);
      expect(texts(answered)).toContain('This offer is more than an hour old, so I sent nothing.');
      expect(texts(answered)).toContain('Not sent: this offer for proof-of-delivery_contoso-italia_2025-11-23_2026-11-22.xlsx expired.');
      expect(session.requests).toEqual([]);
    });

    it('uploads nothing for an altered context', async () => {
      const chat = new Chat(t, anna, { id: 'a:anna-personal', conversationType: 'personal' });
      const consent = consentOf((await chat.say('delivery report'))[1]);
      const { exportId } = consent?.content.acceptContext as { exportId: string };
      const session = uploads.session();
      for (const context of [
        { exportId: '0f5e2d7c-1b4a-4c3d-9e8f-7a6b5c4d3e2f' },
        { exportId: '../../approvals/request/x' },
        { exportId, workspace: 'all' },
        { exportId, userId: 'u-mario-rossi' },
        exportId,
        undefined,
      ]) {
        expect(texts(await chat.answer('accept', context, session))).toContain("I can't find this offer");
      }
      expect(session.requests).toEqual([]);
      // the offer itself is untouched
      expect(texts(await chat.answer('accept', consent?.content.acceptContext, session))).toContain('file.info');
    });

    it('says nothing of the report in a channel, and offers it in a personal chat it opens', async () => {
      const channel = new Chat(t, mario, { id: '19:finance-channel@thread.tacv2;messageid=1', conversationType: 'channel' });
      const inChannel = (await channel.say('<at>Activity Bot</at> proof of delivery since July')).filter((r) => r.conversationId === channel.conversation.id);
      expect(inChannel).toHaveLength(1);
      expect(inChannel[0]?.activity.text).toBe('I sent you the report privately, in our personal chat.');
      expect(inChannel[0]?.activity.attachments ?? []).toEqual([]);
      // a chat opened through the connector, with the summary and the consent card
      expect(connector.created).toEqual([expect.objectContaining({ members: [expect.objectContaining({ id: mario.aadObjectId })], tenantId: t.tenant })]);
      const privately = connector.received.filter((r) => r.conversationId === connector.created[0]?.id);
      expect(privately).toHaveLength(2);
      expect(texts(privately.slice(0, 1))).toContain('1 Jul 2026 – 22 Nov 2026');
      const consent = consentOf(privately[1]);
      expect(consent?.name).toBe('proof-of-delivery_finance_2026-07-01_2026-11-22.xlsx');
      // nothing in the channel but that one line
      expect(connector.received.filter((r) => r.conversationId.startsWith('19:'))).toHaveLength(1);

      const personal = new Chat(t, mario, { id: connector.created[0]!.id, conversationType: 'personal' });
      const session = uploads.session();
      await personal.answer('accept', consent?.content.acceptContext, session);
      expect(session.complete).toBe(true);
    });

    it('offers a report asked in a group chat in the personal chat the asker already has', async () => {
      const personal = new Chat(t, anna, { id: 'a:anna-personal', conversationType: 'personal' });
      await personal.say('help');
      const group = new Chat(t, anna, { id: '19:group-chat@thread.v2', conversationType: 'groupChat' });
      const inGroup = (await group.say('training report for all workspaces')).filter((r) => r.conversationId === group.conversation.id);
      expect(inGroup.map((r) => r.activity.text)).toEqual(['I sent you the report privately, in our personal chat.']);
      expect(connector.created).toEqual([]);
      const privately = connector.received.filter((r) => r.conversationId === 'a:anna-personal').slice(1);
      expect(privately).toHaveLength(2);
      expect(consentOf(privately[1])?.name).toBe('training-report_all-workspaces_2026-11-22.xlsx');
    });

    it('refuses in the channel, without offering anything, someone without the role', async () => {
      const marco = { id: '29:marco', name: 'Marco Bruno', aadObjectId: '' };
      const members = await startStandInConnector({ '29:marco': { email: 'marco.bruno@contoso.com' } });
      try {
        const chat = new Chat({ ...t, connector: members }, marco, { id: '19:finance-channel@thread.tacv2', conversationType: 'channel' });
        const answered = await chat.say('proof of delivery');
        expect(texts(answered)).toContain('You need the Customer Activity role');
        expect(consentOf(answered[0])).toBeUndefined();
        expect(members.created).toEqual([]);
      } finally {
        await members.close();
      }
    });
  });
});
