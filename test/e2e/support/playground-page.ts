import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../src/cli/chromium';
import { PLAYGROUND_BOT } from '../../../src/cli/playground-users';

// The Agents Playground's web page in Debian's Chromium, as the person in front of it uses it:
// pick a conversation, type, click. Selectors are the page's roles and labels and the Adaptive
// Cards renderer's classes; waits are for what appears on the page, never for time.

export const CHROMIUM = CHROMIUM_PATH;
export const VIEWPORT = { width: 1280, height: 900 };

/** The little of the DOM that settleInView uses (the project's TypeScript has no DOM types). */
interface InPage {
  getBoundingClientRect(): { top: number };
  scrollIntoView(options: { block: 'start' | 'center' }): void;
}

/**
 * Runs in the page: scrolls the element into view and resolves once it stayed put for a few
 * frames, as the chat also scrolls itself to its newest message and would move the picture.
 */
function settleInView(element: InPage, block: 'start' | 'center'): Promise<void> {
  const frames = globalThis as unknown as { requestAnimationFrame(callback: () => void): number };
  return new Promise((resolve) => {
    let last: number | undefined;
    let still = 0;
    let count = 0;
    const tick = (): void => {
      const top = Math.round(element.getBoundingClientRect().top);
      if (top === last) still += 1;
      else {
        still = 0;
        element.scrollIntoView({ block });
      }
      last = Math.round(element.getBoundingClientRect().top);
      count += 1;
      if (still >= 5 || count > 600) resolve();
      else frames.requestAnimationFrame(tick);
    };
    tick();
  });
}

export class PlaygroundPage {
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly profile: string,
  ) {}

  /** A new Chromium with an empty profile; nothing but 127.0.0.1 is reachable. */
  static async launch(): Promise<PlaygroundPage> {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-color-emoji (.ci/run does), or set CHROMIUM_PATH`);
    const profile = mkdtempSync(path.join(tmpdir(), 'e2e-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: VIEWPORT,
      deviceScaleFactor: 1,
      locale: 'en-US',
    });
    // the page asks a CDN for fonts and animations: refused at once rather than left to time out
    await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    return new PlaygroundPage(page, context, profile);
  }

  /** Opens the Playground as `userName` and waits for the bot's welcome in the personal chat. */
  async open(base: string, userName: string, welcome: string): Promise<void> {
    await this.page.goto(`${base}/`, { waitUntil: 'commit' });
    // the page starts with a placeholder user and chat: ready once the configured user is shown
    await this.page.getByRole('img', { name: userName, exact: true }).first().waitFor();
    await this.openConversation('Personal Chat');
    await this.cards().filter({ hasText: welcome }).first().waitFor();
    await this.page.getByTitle('Toggle Log Panel').click(); // the log panel is for developers
    await this.page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height / 2); // no hover left on the toggle
  }

  async openConversation(name: string): Promise<void> {
    await this.page.getByRole('treeitem', { name }).first().click(); // channels are named "<team> - <channel>"
  }

  cards(): Locator {
    return this.page.locator('.ac-adaptiveCard');
  }

  /** Runs `act` and resolves with the card containing `text` that it made appear. */
  async newCard(text: string, act: () => Promise<void>): Promise<Locator> {
    const matching = this.cards().filter({ hasText: text });
    const before = await matching.count();
    await act();
    const card = matching.nth(before);
    await card.waitFor();
    return card;
  }

  /** Types a message in the chat open on the page and sends it with Enter. */
  async send(text: string): Promise<void> {
    const box = this.page.getByRole('textbox');
    await box.fill(text);
    await box.press('Enter');
  }

  /** A new post in the channel open on the page, @mentioning the bot as Teams requires. */
  async post(text: string): Promise<void> {
    const post = this.page.getByRole('button', { name: 'Post', exact: true });
    await post.waitFor();
    const box = this.page.getByRole('textbox').first(); // "Start a new post"; the others answer threads
    await box.click();
    await this.page.keyboard.type(`@${PLAYGROUND_BOT.name.slice(0, 3)}`);
    await this.page.getByRole('listbox', { name: 'Typeahead menu' }).getByRole('menuitem', { name: PLAYGROUND_BOT.name }).click();
    await this.page.keyboard.type(` ${text}`);
    await post.click();
  }

  /** The channel post whose text contains `text`, with the bot's answers in its thread. */
  postWith(text: string): Locator {
    return this.page.getByRole('group').filter({ hasText: text }).first();
  }

  /** A picture of the page with `focus` in view: what the person sees at this step. */
  async screenshot(file: string, focus?: Locator): Promise<void> {
    if (focus) {
      // a card taller than the window shows its top, a shorter one shows whole
      const tall = ((await focus.boundingBox())?.height ?? 0) > VIEWPORT.height - 120;
      const block: 'start' | 'center' = tall ? 'start' : 'center';
      await focus.evaluate(settleInView, block);
    }
    await this.page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    rmSync(this.profile, { recursive: true, force: true });
  }
}
