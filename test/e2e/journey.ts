import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { PLAYGROUND_BOT, PLAYGROUND_CONVERSATIONS } from '../../src/cli/playground-users';
import type { Locale } from '../../src/domain/vocabulary';
import { translator } from '../../src/i18n/translate';
import { SAMPLE_DIR, SAMPLE_TODAY, sampleOrg } from '../support/sample-org';
import { ConversationApi } from './support/conversation-api';
import { expected, prefixOf, REFUSED_WORKSPACE, WORDS, type Expected } from './support/expected';
import { startPlayground, type PlaygroundRun } from './support/playground-run';
import { PlaygroundPage } from './support/playground-page';
import { Screens } from './support/screens';

// A working day with the bot, in a browser, in one language: Giulia Verdi (Customer Activity in
// Contoso Italia, not in Sales) in the Agents Playground's page in Chromium; Anna Bianchi, the
// customer admin, in a Playground of her own wired to the same bot and driven through its
// conversation API. Each step checks what Giulia sees and takes a picture of it; a failed step
// keeps its picture and the logs in test-results/e2e/<locale>/ and skips the steps after it.

/** `nn` in the order they appear in the text, each as a whole number (not inside a longer one). */
function numbersInOrder(text: string, numbers: string[]): boolean {
  const pattern = numbers.map((n) => `(?<![\\d.,])${n.replace(/[.,]/g, '\\$&')}(?![\\d]|[.,]\\d)`).join('[^\\n]*?');
  return new RegExp(pattern).test(text);
}

export function describeJourney(locale: Locale): void {
  const words = WORDS[locale];
  const t = translator(locale);

  describe(`a day with the bot in the Agents Playground (${locale})`, () => {
    let x: Expected;
    let work: string;
    let requesterRun: PlaygroundRun | undefined;
    let adminRun: PlaygroundRun | undefined;
    let admin: ConversationApi | undefined;
    let page: PlaygroundPage;
    let screens: Screens;
    let broken: string | undefined;

    /** One step of the journey: skipped after a failure, its picture kept when it fails. */
    const step = (slug: string, title: string, run: () => Promise<void>): void => {
      it(title, async () => {
        if (broken) throw new Error(`not run: the step "${broken}" failed`);
        try {
          await run();
        } catch (error) {
          broken = title;
          await page?.screenshot(screens.failure(slug)).catch(() => undefined);
          throw error;
        }
      });
    };
    const shot = (slug: string, caption: string, focus?: Locator): Promise<void> => page.screenshot(screens.next(slug, caption), focus);

    beforeAll(async () => {
      screens = new Screens(locale);
      x = expected(await sampleOrg(), locale);
      work = mkdtempSync(path.join(tmpdir(), `e2e-${locale}-`));
      const common = { today: SAMPLE_TODAY, data: SAMPLE_DIR, stateDir: path.join(work, 'state') };
      const launched = PlaygroundPage.launch();
      launched.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
      try {
        requesterRun = await startPlayground({ ...common, as: x.requester.email, workDir: path.join(work, 'requester') });
        const bot = requesterRun.bot;
        const adminReady = async (): Promise<void> => {
          adminRun = await startPlayground({ ...common, as: x.admin.email, workDir: path.join(work, 'admin'), bot });
          admin = await ConversationApi.connect(adminRun.base, x.adminId);
          // the admin has talked to the bot before: it can reach her in her personal chat
          const mark = admin.mark();
          await admin.say(x.adminChat, words.help);
          await admin.waitForBot(mark, (m) => m.conversationId === x.adminChat, 'in her personal chat');
        };
        const requesterReady = async (): Promise<void> => {
          page = await launched;
          // the Playground greets in its own locale (en-US) when the page installs the app
          await page.open(requesterRun!.base, x.requester.displayName, translator('en')('help.welcomeTitle'));
        };
        // both settled before a failure is reported: nothing left running into afterAll
        const failed = (await Promise.allSettled([adminReady(), requesterReady()])).find((o) => o.status === 'rejected');
        if (failed) throw failed.reason;
      } catch (error) {
        broken = 'starting the bot, the Playgrounds and Chromium';
        await launched.then((p) => (page ??= p)).catch(() => undefined); // closed in afterAll
        throw error;
      }
    }, 240_000);

    afterAll(async () => {
      screens?.writeIndex();
      if (broken) {
        for (const [who, run] of [['requester', requesterRun], ['admin', adminRun]] as const) {
          for (const log of ['bot.log', 'playground.log', 'playground.out']) {
            const file = run && path.join(run.workDir, log);
            if (file && existsSync(file)) copyFileSync(file, path.join(screens.resultsDir, `${who}-${log}`));
          }
        }
      }
      admin?.close();
      await page?.close();
      await adminRun?.stop();
      await requesterRun?.stop();
      if (work) rmSync(work, { recursive: true, force: true });
    }, 60_000);

    step('help', `"${words.help}": the help card, with quick buttons`, async () => {
      const card = await page.newCard(t('help.title'), () => page.send(words.help));
      const text = await card.innerText();
      expect(text).toContain(t('help.examplesHeading'));
      expect(text).toContain(t('help.items.remaining.example'));
      expect(text).toContain(t('help.items.expiring.example'));
      for (const quick of ['summary', 'expiring', 'workspaces']) await card.getByRole('button', { name: t(`help.items.${quick}.title`) }).waitFor();
      await shot('help', `“${words.help}”: the help card`, card);
    });

    let lineCard: number;
    step('credits', `"${words.credits}": what is left, package by package, with its numbers`, async () => {
      const card = await page.newCard(x.creditsTitle, () => page.send(words.credits));
      const text = await card.innerText();
      expect(x.credits.entitlements.length).toBeGreaterThan(1);
      for (const e of x.credits.entitlements) {
        expect(text).toContain(e.packageName);
        expect(numbersInOrder(text, [x.n(e.consumed ?? 0), x.n(e.purchased ?? 0), x.n(e.remaining ?? 0)])).toBe(true);
      }
      lineCard = (await page.cards().count()) - 1;
      expect(await page.cards().nth(lineCard).innerText()).toContain(x.creditsTitle);
      await shot('credits-left', `“${words.credits}”: what is left, package by package`, card);
    });

    step('history', 'a click on a line turns the card into its history, first page', async () => {
      const { first } = x.history;
      const cards = await page.cards().count();
      await page.cards().nth(lineCard).getByText(x.credits.entitlements[0]!.packageName).first().click();
      const card = page.cards().nth(lineCard).filter({ hasText: t('answers.history.page', { page: x.n(1), pages: x.n(first.pageCount) }) });
      await card.waitFor();
      expect(await page.cards().count()).toBe(cards);
      const text = await card.innerText();
      expect(text).toContain(first.entitlement.name);
      expect(numbersInOrder(text, [x.n(first.entitlement.consumed ?? 0), x.n(first.entitlement.purchased ?? 0), x.n(first.entitlement.remaining ?? 0), x.n(first.totalItems)])).toBe(true);
      expect(first.items.length).toBeGreaterThan(0);
      for (const item of first.items) if (item.description) expect(text).toContain(item.description);
      await card.getByRole('button', { name: t('answers.history.next') }).waitFor();
      await shot('history', `a click on “${x.credits.entitlements[0]!.packageName}”: its consumption, page 1 of ${first.pageCount}`, card);
    });

    step('next-page', `"${t('answers.history.next')}" updates the same card in place`, async () => {
      const { first, second } = x.history;
      const cards = await page.cards().count();
      await page.cards().nth(lineCard).getByRole('button', { name: t('answers.history.next') }).click();
      const card = page.cards().nth(lineCard).filter({ hasText: t('answers.history.page', { page: x.n(2), pages: x.n(second.pageCount) }) });
      await card.waitFor();
      expect(await page.cards().count()).toBe(cards);
      const text = await card.innerText();
      expect(second.items.length).toBeGreaterThan(0);
      for (const item of second.items) if (item.description) expect(text).toContain(item.description);
      for (const item of first.items) if (item.description && !second.items.some((s) => s.description === item.description)) expect(text).not.toContain(item.description);
      await card.getByRole('button', { name: t('answers.history.previous') }).waitFor();
      await shot('history-page-2', `“${t('answers.history.next')}”: the same card, page 2`, card);
    });

    step('expiring', `"${words.expiring}": the packages ending by then, soonest first`, async () => {
      const card = await page.newCard(x.expiringTitle, () => page.send(words.expiring));
      const text = await card.innerText();
      expect(x.expiring.packages.length).toBeGreaterThan(1);
      let at = -1;
      for (const p of x.expiring.packages) {
        const where = text.indexOf(p.name);
        expect(where).toBeGreaterThan(at);
        at = where;
        expect(text).toContain(x.daysLeft(p.daysLeft));
      }
      await shot('expiring', `“${words.expiring}”: what expires by ${x.expiring.until}`, card);
    });

    let requestCard: number;
    let adminMark: number;
    step('refusal', `"${words.creditsThere}", where the role is missing: a refusal with "${t('refusal.request')}"`, async () => {
      const card = await page.newCard(t('refusal.title', { role: x.role }), () => page.send(words.creditsThere));
      expect(await card.innerText()).toContain(t('errors.forbidden.role', { role: x.role, workspace: REFUSED_WORKSPACE }));
      await card.getByRole('button', { name: t('refusal.request') }).waitFor();
      requestCard = (await page.cards().count()) - 1;
      await shot('refusal', `“${words.creditsThere}”: the role is missing there`, card);
    });

    step('request', `"${t('refusal.request')}" turns the refusal into a pending request sent to the admin`, async () => {
      adminMark = admin!.mark();
      await page.cards().nth(requestCard).getByRole('button', { name: t('refusal.request') }).click();
      const card = page.cards().nth(requestCard).filter({ hasText: t('approval.pending', { workspace: REFUSED_WORKSPACE }) });
      await card.waitFor();
      const text = await card.innerText();
      expect(text).toContain(t('approval.title'));
      expect(text).toContain(prefixOf(t, 'approval.sent', {}, 'names'));
      expect(text).toContain(x.admin.displayName);
      await shot('request-pending', `“${t('refusal.request')}”: the request waits for an admin`, card);
    });

    step('approval', 'the admin approves in her own client; the requester\'s card shows "approved"', async () => {
      const approval = await admin!.waitForBot(
        adminMark,
        (m) => m.conversationId === x.adminChat && m.readable.includes(t('approval.title')) && m.readable.includes(x.requester.displayName),
        "with the approval card in the admin's personal chat",
      );
      expect(approval.readable).toContain(t('approval.pending', { workspace: REFUSED_WORKSPACE }));
      const approvedBy = prefixOf(t, 'approval.approved', { name: x.admin.displayName }, 'when');
      expect((await admin!.click(approval, t('approval.approve'))).readable).toContain(approvedBy);
      const card = page.cards().nth(requestCard).filter({ hasText: approvedBy });
      await card.waitFor();
      const told = t('approval.toRequesterApproved', { name: x.admin.displayName, role: x.role, workspace: REFUSED_WORKSPACE });
      await page.page.getByRole('paragraph').filter({ hasText: told }).waitFor(); // the chat, not its preview in the list
      await shot('request-approved', `${x.admin.displayName} approved: the same card now says so`, card);
    });

    step('answers-now', `"${words.creditsThere}" again: now it answers`, async () => {
      const card = await page.newCard(x.creditsThereTitle, () => page.send(words.creditsThere));
      const text = await card.innerText();
      expect(x.creditsThere.entitlements.length).toBeGreaterThan(0);
      for (const e of x.creditsThere.entitlements) {
        expect(text).toContain(e.packageName);
        expect(numbersInOrder(text, [x.n(e.consumed ?? 0), x.n(e.purchased ?? 0), x.n(e.remaining ?? 0)])).toBe(true);
      }
      await shot('answers-now', `“${words.creditsThere}” again: the answer`, card);
    });

    step('subscribe', `"${words.subscribe}" in a channel: a warning, then "${t('reminders.confirm')}"`, async () => {
      await page.openConversation('Contract renewals');
      await page.post(words.subscribe);
      const thread = page.postWith(words.subscribe);
      const confirm = thread.locator('.ac-adaptiveCard').filter({ hasText: t('reminders.confirmTitle', { workspace: x.subscribedWorkspace.name }) });
      await confirm.waitFor();
      await shot('reminders-confirm', `in the channel, “@${PLAYGROUND_BOT.name} ${words.subscribe}”: everyone here will see the packages`, thread);
      await confirm.getByRole('button', { name: t('reminders.confirm') }).click();
      const subscribed = prefixOf(t, 'reminders.subscribed', { workspace: x.subscribedWorkspace.name }, 'days');
      await thread.locator('.ac-adaptiveCard').filter({ hasText: subscribed }).waitFor();
      expect(await thread.innerText()).toContain(x.requester.displayName);
      await shot('reminders-subscribed', `“${t('reminders.confirm')}”: the channel gets renewal reminders`, thread);
    });

    step('reminders-run', `"${words.run}" by the admin posts a reminder card per package due`, async () => {
      expect(x.reminders.length).toBeGreaterThan(0);
      const mark = admin!.mark();
      const sent = await admin!.say(PLAYGROUND_CONVERSATIONS.channel, words.run, { mentionBot: true });
      const done = await admin!.waitForBot(mark, (m) => m.conversationId === sent.postConversationId, "in the admin's thread");
      expect(done.readable).toContain(t('reminders.runDone', { count: 1, queued: x.reminders.length }));
      const posted: Locator[] = [];
      for (const p of x.reminders) {
        const card = page.cards().filter({ hasText: t('reminders.card.title', { name: p.name, when: x.daysLeft(p.daysLeft) }) }).first();
        await card.waitFor();
        const text = await card.innerText();
        expect(text).toContain(p.contractNumber);
        for (const button of ['reminders.card.details', 'reminders.card.snooze', 'reminders.card.handle']) await card.getByRole('button', { name: t(button) }).waitFor();
        posted.push(card);
      }
      // newest posts come first in a channel: the picture starts at the top one
      const tops = await Promise.all(posted.map(async (card) => (await card.boundingBox())?.y ?? 0));
      const top = posted[tops.indexOf(Math.min(...tops))];
      await shot('reminders-posted', `${x.admin.displayName} writes “@${PLAYGROUND_BOT.name} ${words.run}” in the channel: one card per package due`, top);
    });
  });
}
