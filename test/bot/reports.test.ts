import { ActivityTypes, type Activity } from 'botbuilder';
import { AuditLog } from '../../src/audit/audit-log';
import { createBot } from '../../src/bot/create-bot';
import { LocalConversation } from '../../src/bot/local-conversation';
import { OrgIndex } from '../../src/domain/org-index';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { cardProblems } from '../cards/validate-card';
import { startUploadSessionStandIn, type StandInSession, type UploadSessionStandIn } from '../server/helpers/upload-session-stand-in';
import { SAMPLE_TODAY, sampleOrg } from '../support/sample-org';
import { conversationAs, readable, recordingNotifier } from '../support/sample-bot';

// The report flow in the bot (issue 12): the answer in each language, refusals, rights that change
// between the offer and the Allow, an upload that fails, and export entries on the audit card.

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let org: OrgIndex;
let uploads: UploadSessionStandIn;
beforeAll(async () => {
  org = await sampleOrg();
  uploads = await startUploadSessionStandIn();
});
afterAll(() => uploads.close());

type Attachment = { contentType: string; name?: string; content: Record<string, unknown> };
const attachmentsOf = (replies: Partial<Activity>[]) => replies.flatMap((r) => (r.attachments ?? []) as Attachment[]);
const consentOf = (replies: Partial<Activity>[]) => attachmentsOf(replies).find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
const adaptiveOf = (replies: Partial<Activity>[]) => attachmentsOf(replies).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');

/** Allow or Decline as Teams sends it; the replies the bot sent in that turn. */
async function answer(chat: LocalConversation, action: 'accept' | 'decline', context: unknown, session?: StandInSession): Promise<Partial<Activity>[]> {
  const replies = await chat.turn({
    type: ActivityTypes.Invoke,
    name: 'fileConsent/invoke',
    replyToId: 'consent-card',
    value: {
      type: 'fileUpload',
      action,
      context,
      ...(session ? { uploadInfo: { name: 'pod.xlsx', uploadUrl: session.url, contentUrl: 'https://contoso-my.sharepoint.com/pod.xlsx', uniqueId: 'u-1', fileType: 'xlsx' } } : {}),
    },
  });
  return replies.filter((r) => r.type !== 'invokeResponse');
}

describe('a report asked in personal chat', () => {
  it('answers in Italian with a valid summary card and a consent card named in Italian', async () => {
    const giulia = conversationAs(org, 'giulia.verdi@contoso.com', 'it-IT');
    const replies = await giulia.send('report di consegna del terzo trimestre');
    const [summary] = adaptiveOf(replies);
    expect(cardProblems(summary!.content)).toEqual([]);
    const text = readable(replies);
    expect(text).toContain('Prova di consegna');
    expect(text).toContain('1 lug 2026 – 30 set 2026');
    expect(text).toContain('Erogato nel periodo');
    const consent = consentOf(replies);
    expect(consent?.name).toBe('prova-di-consegna_contoso-italia_2026-07-01_2026-09-30.xlsx');
    expect(consent?.content.description).toMatch(/^Prova di consegna · Contoso Italia · 1 lug 2026 – 30 set 2026 · \d+ righe$/);
  });

  it('answers in English, in CSV when asked, with totals per unit', async () => {
    const anna = conversationAs(org, 'anna.bianchi@contoso.com');
    const replies = await anna.send('proof of delivery for all workspaces since July as csv');
    expect(readable(replies)).toMatch(/Credits \| [\d,.]+ · \d+ rows/);
    expect(consentOf(replies)?.name).toBe('proof-of-delivery_all-workspaces_2026-07-01_2026-11-22.csv');
  });

  it('refuses, and offers nothing, without the role the report needs', async () => {
    const giulia = conversationAs(org, 'giulia.verdi@contoso.com');
    const replies = await giulia.send('export the training report');
    expect(readable(replies)).toContain('Learning Manager');
    expect(consentOf(replies)).toBeUndefined();
  });

  it('offers the training report to a learning manager', async () => {
    const chiara = conversationAs(org, 'chiara.ricci@contoso.com');
    const replies = await chiara.send('training report');
    expect(readable(replies)).toContain('Training report');
    expect(consentOf(replies)?.name).toBe(`training-report_hr_${SAMPLE_TODAY}.xlsx`);
  });

  it('never answers a channel with the report: the offer goes to the personal chat', async () => {
    const { notifier, sent, opened } = recordingNotifier();
    const user = org.userByEmail('mario.rossi@contoso.com')!;
    const bot = createBot({ org: () => org, storage: new MemoryStorage(), today: () => SAMPLE_TODAY, logger: silent, notifier }, () => Promise.resolve(user.email));
    const channel = new LocalConversation(bot, { user, locale: 'en-US', conversationType: 'channel', conversationId: '19:finance' });
    const replies = await channel.send('delivery report');
    expect(replies.map((r) => r.text)).toEqual(['I sent you the report privately, in our personal chat.']);
    expect(attachmentsOf(replies)).toEqual([]);
    expect(opened).toEqual([user.aadObjectId]);
    expect(consentOf(sent.map((s) => s.activity))?.name).toBe('proof-of-delivery_finance_2025-11-23_2026-11-22.xlsx');
  });

  it('answers a "did you mean" button with the summary in place of the card, and the consent card after it', async () => {
    const { notifier, sent } = recordingNotifier();
    const mario = conversationAs(org, 'mario.rossi@contoso.com', 'en-US', new MemoryStorage(), notifier);
    const { response } = await mario.execute('ask', { intent: 'report.delivery', entities: { workspace: 'Finance', format: 'csv' }, locale: 'en' });
    const card = (response as { value: Record<string, unknown> }).value;
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('Proof of delivery');
    expect(sent.map((s) => s.conversationId)).toEqual(['local-u-mario-rossi']);
    expect(consentOf(sent.map((s) => s.activity))?.name).toBe('proof-of-delivery_finance_2025-11-23_2026-11-22.csv');
  });
});

describe('the Allow on a consent card', () => {
  it('uploads nothing when the asker lost the role since the offer', async () => {
    let current = org;
    const storage = new MemoryStorage();
    const user = org.userByEmail('giulia.verdi@contoso.com')!;
    const bot = createBot({ org: () => current, storage, today: () => SAMPLE_TODAY, logger: silent }, () => Promise.resolve(user.email));
    const chat = new LocalConversation(bot, { user, locale: 'en-US' });
    const consent = consentOf(await chat.send('proof of delivery in Finance'));
    expect(consent?.name).toBe('proof-of-delivery_finance_2025-11-23_2026-11-22.xlsx');
    // Finance takes the Customer Activity role away from her
    const dataset = org.dataset;
    current = new OrgIndex({
      ...dataset,
      memberships: dataset.memberships.map((m) => (m.userId === user.id && m.workspaceId === 'ws-finance' ? { ...m, roles: [] } : m)),
    });
    const session = uploads.session();
    const replies = await answer(chat, 'accept', consent?.content.acceptContext, session);
    expect(readable(replies)).toContain('Your access changed after I offered this file, so I sent nothing. You need the Customer Activity role in the workspace Finance');
    expect(session.requests).toEqual([]);
    expect(await new AuditLog(storage).between('2000-01-01', '2100-12-31')).toEqual([]);
  });

  it('says so when the upload fails, and that offer cannot be used again', async () => {
    const anna = conversationAs(org, 'anna.bianchi@contoso.com');
    const consent = consentOf(await anna.send('delivery report'));
    const gone = uploads.session();
    gone.faults.set(1, { status: 404 });
    expect(readable(await answer(anna, 'accept', consent?.content.acceptContext, gone))).toContain("I couldn't put the file in your OneDrive, so nothing was sent.");
    const session = uploads.session();
    expect(readable(await answer(anna, 'accept', consent?.content.acceptContext, session))).toContain('This upload did not work, so I sent nothing.');
    expect(session.requests).toEqual([]);
  });

  it('never uploads to an address that is not an upload session', async () => {
    const anna = conversationAs(org, 'anna.bianchi@contoso.com');
    const consent = consentOf(await anna.send('delivery report'));
    const replies = await anna.turn({
      type: ActivityTypes.Invoke,
      name: 'fileConsent/invoke',
      value: {
        type: 'fileUpload',
        action: 'accept',
        context: consent?.content.acceptContext,
        uploadInfo: { name: 'x', uploadUrl: 'http://169.254.169.254/latest', contentUrl: 'x', uniqueId: 'x', fileType: 'x' },
      },
    });
    expect(readable(replies)).toContain("I couldn't put the file in your OneDrive");
    // the offer is still open for a real Allow
    const session = uploads.session();
    expect(readable(await answer(anna, 'accept', consent?.content.acceptContext, session))).toContain('Here is **pod.xlsx**');
    expect(session.complete).toBe(true);
  });
});

describe('exports on the audit card', () => {
  const exported = (workspaceId: string, rows: number) => ({
    id: `offer-1:${workspaceId}`,
    at: `${SAMPLE_TODAY}T09:00:00.000Z`,
    action: 'report.exported' as const,
    actorId: 'u-anna-bianchi',
    subjectId: 'u-anna-bianchi',
    workspaceId,
    report: { name: 'delivery' as const, format: 'xlsx' as const, scope: 'all', since: '2026-07-01', until: SAMPLE_TODAY, rows, fileName: 'pod.xlsx' },
  });

  it.each([
    ['en-US', 'audit', 'Anna Bianchi exported the proof of delivery (all their workspaces · 1 Jul 2026 – 22 Nov 2026 · 24 rows · XLSX)'],
    ['it-IT', 'registro', 'Anna Bianchi ha esportato la prova di consegna (tutte le sue aree · 1 lug 2026 – 22 nov 2026 · 24 righe · XLSX)'],
  ])('are worded in %s, and each admin sees only their workspaces', async (locale, ask, line) => {
    const storage = new MemoryStorage();
    const audit = new AuditLog(storage);
    await audit.append(exported('ws-finance', 24));
    await audit.append(exported('ws-sales', 7));
    const mario = conversationAs(org, 'mario.rossi@contoso.com', locale, storage);
    const replies = await mario.send(ask);
    expect(cardProblems(adaptiveOf(replies)[0]!.content)).toEqual([]);
    expect(readable(replies)).toContain(line);
    expect(readable(replies)).not.toMatch(/\b7 (rows|righe)\b/);
  });
});
