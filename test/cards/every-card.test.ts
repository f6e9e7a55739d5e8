import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CatalogueEntry, CatalogueFailure } from '../../src/cli/card-catalogue';
import { cardBytes, cardsOf, clickAnswer, conversationAs } from '../../src/cli/card-catalogue';
import { executeActionsOf } from '../../src/cli/card-catalogue-actions';
import { listedCount, offersMore, visibleTexts } from '../../src/cli/card-catalogue-reading';
import { FileDataSource } from '../../src/data/file-source';
import { generateDataset, GENERATOR_TODAY } from '../../src/data/generator';
import { OrgIndex } from '../../src/domain/org-index';
import { formatDate } from '../../src/i18n/format';
import { translator } from '../../src/i18n/translate';
import { additionalCasesQuery } from '../../src/queries/additional-cases';
import { casesQuery } from '../../src/queries/cases';
import { expiringQuery } from '../../src/queries/expiring';
import { historyQuery } from '../../src/queries/history';
import { packagesQuery } from '../../src/queries/packages';
import type { QueryContext } from '../../src/queries/query-context';
import { remainingQuery } from '../../src/queries/remaining';
import { summaryQuery } from '../../src/queries/summary';
import { cardProblems } from './validate-card';

type Json = Record<string, unknown>;

// Teams refuses a message whose payload passes about 28 KB; the card is nearly all of it.
const TEAMS_LIMIT = 28 * 1024;
const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The catalogue of the sample organization, built before jest collects the tests (one test per
 * card needs the list at collection time, and the bot answers asynchronously): the real bot, in a
 * child process, through LocalConversation, with whatever templates are in cards/ right now.
 */
function sampleCatalogue(): { entries: CatalogueEntry[]; failures: CatalogueFailure[] } {
  const script = path.join(ROOT, 'src', 'cli', 'card-catalogue-dump.ts');
  const out = execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  return JSON.parse(out) as { entries: CatalogueEntry[]; failures: CatalogueFailure[] };
}

const catalogue = sampleCatalogue();
const cards = catalogue.entries.map((e) => [e.id, e] as const);

function imagesOf(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((n) => imagesOf(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (o.type === 'Image') out.push(o);
    Object.values(o).forEach((v) => imagesOf(v, out));
  }
  return out;
}

describe('the catalogue of the sample organization', () => {
  const answers = ['welcome', 'help', 'workspaces', 'contracts', 'summary', 'remaining', 'entitlements', 'packages', 'expiring', 'history']
    .concat(['cases', 'additional-cases', 'account-team', 'not-understood', 'delegation', 'audit'])
    .flatMap((kind) => (['it-IT', 'en-US'] as const).map((locale) => [kind, locale] as const));

  it.each(answers)('holds a %s card in %s', (kind, locale) => {
    expect(catalogue.entries.filter((e) => e.kind === kind && e.locale === locale).length).toBeGreaterThan(0);
  });

  it('got an answer to every question and every click (no template or handler threw)', () => {
    expect(catalogue.failures.map((f) => `${f.id}: ${f.message}`)).toEqual([]);
  });

  it('holds the second page of a history, reached by its button', () => {
    expect(catalogue.entries.some((e) => e.kind === 'history' && e.action?.data.page === '2')).toBe(true);
  });

  it('has a stable, file-name safe, unique id for every card', () => {
    const ids = catalogue.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^(it|en)--[a-z0-9-]+$/.test(id))).toEqual([]);
  });
});

describe('every card of the sample organization', () => {
  it.each(cards)('%s: the Adaptive Cards SDK parses and validates it, nothing left unexpanded', (_id, entry) => {
    expect(cardProblems(entry.content)).toEqual([]);
  });

  it.each(cards)('%s: fits the 28 KB Teams allows', (_id, entry) => {
    expect(cardBytes(entry.content)).toBeLessThanOrEqual(TEAMS_LIMIT);
  });

  it.each(cards)('%s: can be read aloud (speak) or labels every image (altText)', (_id, entry) => {
    const speaks = typeof entry.content.speak === 'string' && entry.content.speak.trim() !== '';
    const unlabelled = imagesOf(entry.content.body).filter((i) => typeof i.altText !== 'string' || i.altText.trim() === '');
    if (!speaks) expect(unlabelled.map((i) => i.url)).toEqual([]);
  });
});

// ---- A customer admin of a large organization, on all workspaces ----

interface Expected {
  items: { key?: string; label: string }[];
  /** How many the answer holds in all (more than `items` when the query itself pages). */
  total: number;
}

interface LargeAnswer {
  ask: string;
  /** For answers reached by a click: which button of the typed answer to click. */
  click?: (org: OrgIndex) => (actions: { verb: string; data: Json }[]) => { verb: string; data: Json } | undefined;
  expected: (ctx: QueryContext, clicked?: Json) => Expected;
}

const all = <T extends { label: string; key?: string }>(items: T[]): Expected => ({ items, total: items.length });
const t = translator('en');

const LARGE: Readonly<Record<string, LargeAnswer>> = {
  summary: {
    ask: 'show usage overview',
    expected: (ctx) => all(summaryQuery(ctx, {}).groups.map((g) => ({ label: t(`groups.${g.group}`) }))),
  },
  expiring: {
    ask: 'expiring 90d',
    expected: (ctx) => all(expiringQuery(ctx, { within: 'P90D' }).packages.map((p) => ({ label: p.name }))),
  },
  cases: {
    ask: 'cases',
    expected: (ctx) => all(casesQuery(ctx, {}).cases.map((c) => ({ key: c.id, label: c.title }))),
  },
  'additional-cases': {
    ask: 'additional cases',
    expected: (ctx) => all(additionalCasesQuery(ctx).cases.map((c) => ({ key: c.id, label: c.title }))),
  },
  remaining: {
    ask: 'remaining proactive-credits',
    expected: (ctx) => all(remainingQuery(ctx, { category: 'proactive-credits' }).entitlements.map((e) => ({ label: e.name }))),
  },
  packages: {
    ask: 'packages',
    expected: (ctx) => all(packagesQuery(ctx, {}).packages.flatMap((p) => [{ label: p.name }, ...p.entitlements.map((e) => ({ label: e.name }))])),
  },
  history: {
    ask: 'history proactive-credits',
    // the entitlement with the longest history, so that it spans pages
    click: (org) => (actions) =>
      actions
        .filter((a) => a.verb === 'history' && typeof a.data.entitlementId === 'string')
        .sort((a, b) => org.ledgerOf(String(b.data.entitlementId)).records.length - org.ledgerOf(String(a.data.entitlementId)).records.length)[0],
    expected: (ctx, clicked) => {
      const r = historyQuery(ctx, { entitlement: String(clicked?.entitlementId) });
      return { items: r.items.map((i) => ({ label: formatDate('en', i.date) })), total: r.totalItems };
    },
  },
};

describe('the cards of a large organization (30 workspaces, 300 contracts, 30,000 consumption records, 3,000 cases)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'every-card-'));
  const answered = new Map<string, { card: Json; expected: Expected }>();

  beforeAll(async () => {
    await generateDataset({ seed: 11, workspaces: 30, contracts: 300, consumption: 30_000, cases: 3_000 }, dir);
    const org = new OrgIndex(await new FileDataSource(dir).load());
    const admin = org.dataset.users.find((u) => u.customerAdmin);
    if (!admin) throw new Error('the generated organization has no customer admin');
    const chat = conversationAs(org, admin, 'en-US', GENERATOR_TODAY);
    await chat.send('use all workspaces');
    const ctx: QueryContext = { org, user: admin, today: GENERATOR_TODAY, workspace: 'all' };
    for (const [kind, answer] of Object.entries(LARGE)) {
      let card = cardsOf(await chat.send(answer.ask))[0];
      let clicked: Json | undefined;
      if (card && answer.click) {
        const action = answer.click(org)(executeActionsOf(card));
        clicked = action?.data;
        card = action ? clickAnswer((await chat.execute(action.verb, action.data)).response).card : undefined;
      }
      if (card) answered.set(kind, { card, expected: answer.expected(ctx, clicked) });
    }
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const kinds = Object.keys(LARGE);

  it.each(kinds)('%s: answers with a card', (kind) => {
    expect(answered.get(kind)?.card).toBeDefined();
  });

  it.each(kinds)('%s: fits the 28 KB Teams allows', (kind) => {
    const { card } = answered.get(kind) ?? { card: {} };
    expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_LIMIT);
  });

  it.each(kinds)('%s: lists every item of the answer, or offers the next page', (kind) => {
    const got = answered.get(kind);
    if (!got) throw new Error(`no ${kind} card`);
    const listed = listedCount(visibleTexts(got.card), got.expected.items);
    if (listed < got.expected.total && !offersMore(got.card)) {
      throw new Error(`the ${kind} card lists ${listed} of ${got.expected.total} items and offers no next page or "more": the rest is silently cut`);
    }
    if (got.expected.total > 0 && listed === 0) {
      throw new Error(`the ${kind} card shows none of the ${got.expected.total} items it answers with`);
    }
  });
});
