import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { accountTeamCard, additionalCasesCard, casesCard, contractsCard, workspacesCard } from '../../src/cards/people-cards';
import { expiringCard, historyCard, packagesCard, remainingCard, summaryCard } from '../../src/cards/activity-cards';
import { cardContext } from '../../src/cards/card-context';
import { canSeeActivity, visibleWorkspaces } from '../../src/domain/access';
import { AppError } from '../../src/domain/errors';
import { OrgIndex } from '../../src/domain/org-index';
import { errorMessage } from '../../src/i18n/error-message';
import { FileDataSource } from '../../src/data/file-source';
import { generateDataset } from '../../src/data/generator';
import { runQuery } from '../../src/queries/registry';

// Proof of isolation: over generated organizations, random users, scopes and queries, nothing a
// user receives (result, refusal or card) carries an id, name or number that only a workspace
// they may not see holds.

const TODAY = '2026-11-22';
const dirs: string[] = [];
const orgs: OrgIndex[] = [];

beforeAll(async () => {
  for (const seed of [11, 22, 33]) {
    const dir = mkdtempSync(path.join(tmpdir(), 'isolation-'));
    dirs.push(dir);
    await generateDataset({ seed, workspaces: 7, contracts: 14, consumption: 900, cases: 150 }, dir);
    orgs.push(new OrgIndex(await new FileDataSource(dir).load()));
  }
}, 60_000);

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Tokens (ids, numbers, unique names) of the given contracts and workspaces, minus those shared with the allowed side. */
function secrets(org: OrgIndex, hiddenWorkspaces: Set<string>, hiddenContracts: Set<string>): Set<string> {
  const hidden = new Set<string>();
  const open = new Set<string>();
  for (const w of org.dataset.workspaces) {
    const bucket = hiddenWorkspaces.has(w.id) ? hidden : open;
    bucket.add(w.id);
    bucket.add(w.name);
  }
  for (const c of org.dataset.contracts) {
    const bucket = hiddenContracts.has(c.id) ? hidden : open;
    bucket.add(c.id);
    bucket.add(c.number);
    for (const p of org.packagesOf(c.id)) {
      bucket.add(p.id);
      for (const e of org.entitlementsOf(p.id)) {
        bucket.add(e.id);
        for (const r of org.ledgerOf(e.id).records) bucket.add(r.id);
      }
    }
  }
  for (const k of org.dataset.cases) (hiddenWorkspaces.has(k.workspaceId) ? hidden : open).add(k.id);
  for (const t of org.dataset.training) (hiddenWorkspaces.has(t.workspaceId) ? hidden : open).add(t.id);
  for (const token of open) hidden.delete(token);
  return hidden;
}

const ACTIVITY = ['contracts', 'summary', 'remaining', 'packages', 'expiring', 'history', 'additional-cases', 'account-team'];
const OTHER = ['workspaces', 'cases', 'training-report'];

function card(name: string, result: unknown, locale: 'en' | 'it'): object | undefined {
  const c = cardContext(locale, TODAY);
  const cards: Record<string, (r: never) => { content: object }> = {
    workspaces: (r) => workspacesCard(c, r),
    contracts: (r) => contractsCard(c, r),
    summary: (r) => summaryCard(c, r),
    remaining: (r) => remainingCard(c, r),
    packages: (r) => packagesCard(c, r),
    expiring: (r) => expiringCard(c, r),
    history: (r) => historyCard(c, r),
    cases: (r) => casesCard(c, r),
    'additional-cases': (r) => additionalCasesCard(c, r),
    'account-team': (r) => accountTeamCard(c, r),
  };
  return cards[name]?.(result as never).content;
}

// Card vocabulary ("Default", "Bolder"…) lives under layout keys; what a person reads or a click sends lives here.
const SHOWN_KEYS = new Set(['text', 'title', 'speak', 'value', 'altText', 'url', 'data', 'fallbackText']);
function shownText(card: unknown, key = 'text'): string {
  if (typeof card === 'string') return SHOWN_KEYS.has(key) ? card : '';
  if (Array.isArray(card)) return card.map((c) => shownText(c, key)).join(' ');
  if (card && typeof card === 'object') {
    return Object.entries(card)
      .map(([k, v]) => shownText(v, key === 'data' ? 'data' : /^\d+$/.test(k) ? key : k))
      .join(' ');
  }
  return typeof card === 'number' && SHOWN_KEYS.has(key) ? String(card) : '';
}

const tokensIn = (text: string): Set<string> => new Set(text.split(/[^\p{L}\p{N}_.-]+/u).filter(Boolean));

describe('isolation', () => {
  it('never shows a user what only workspaces they may not see hold', () => {
    fc.assert(
      fc.property(
        fc.nat(2),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...ACTIVITY, ...OTHER),
        fc.nat(),
        fc.constantFrom<'en' | 'it'>('en', 'it'),
        (orgPick, userPick, scopePick, name, argPick, locale) => {
          const org = orgs[orgPick] as OrgIndex;
          const users = org.dataset.users;
          const user = users[userPick % users.length]!;
          const all = org.dataset.workspaces;
          const scopes = ['all', undefined, ...all.map((w) => w.id), ...all.map((w) => w.name)];
          const workspace = scopes[scopePick % scopes.length];
          const entitlements = org.dataset.entitlements;
          const categories = ['proactive-credits', 'workshops', 'reactive-support'];
          const flags: Record<string, string> =
            name === 'history'
              ? { entitlement: entitlements[argPick % entitlements.length]!.id }
              : name === 'remaining'
                ? { category: categories[argPick % categories.length]! }
                : {};

          const visible = new Set(visibleWorkspaces(org, user).map((w) => w.id));
          const allowed = new Set([...visible].filter((id) => canSeeActivity(org, user, id)));
          const hiddenWorkspaces = new Set(all.filter((w) => !visible.has(w.id)).map((w) => w.id));
          const openContracts = new Set(all.filter((w) => (ACTIVITY.includes(name) ? allowed : visible).has(w.id)).flatMap((w) => w.contractIds));
          const hiddenContracts = new Set(org.dataset.contracts.filter((c) => !openContracts.has(c.id)).map((c) => c.id));
          const forbidden = secrets(org, hiddenWorkspaces, hiddenContracts);

          let shown: string;
          try {
            const result = runQuery(name, { org, user, today: TODAY, workspace }, flags);
            shown = `${JSON.stringify(result)} ${shownText(card(name, result, locale) ?? {}, 'body')}`;
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            shown = JSON.stringify(e.params) + errorMessage(e, locale);
          }
          // what the user typed may be echoed ("no workspace called X"): that reveals nothing
          const typed = tokensIn([workspace ?? '', ...Object.values(flags)].join(' '));
          const leaked = [...tokensIn(shown)].filter((t) => forbidden.has(t) && !typed.has(t));
          expect({ user: user.id, workspace, name, leaked, shown: shown.slice(0, 400) }).toEqual({ user: user.id, workspace, name, leaked: [], shown: shown.slice(0, 400) });
        },
      ),
      { numRuns: 400, seed: 20261122 },
    );
  });

  it('counts each contract once on "all" and keeps group totals equal to their entitlements', () => {
    fc.assert(
      fc.property(fc.nat(2), fc.nat(), (orgPick, userPick) => {
        const org = orgs[orgPick] as OrgIndex;
        const user = org.dataset.users[userPick % org.dataset.users.length]!;
        let summary: { contractIds: string[]; groups: { purchased: number; consumed: number; entitlementIds: string[] }[] };
        try {
          summary = runQuery('summary', { org, user, today: TODAY, workspace: 'all' }) as typeof summary;
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          return;
        }
        expect(new Set(summary.contractIds).size).toBe(summary.contractIds.length);
        const ids = summary.groups.flatMap((g) => g.entitlementIds);
        expect(new Set(ids).size).toBe(ids.length);
        for (const g of summary.groups) {
          const members = g.entitlementIds.map((id) => org.entitlements.get(id)!);
          const purchased = members.reduce((a, e) => a + (e.purchased ?? 0), 0);
          const consumed = members.reduce((a, e) => a + org.ledgerOf(e.id).records.reduce((s, r) => s + r.quantity, 0), 0);
          expect(g.purchased).toBeCloseTo(purchased, 6);
          expect(g.consumed).toBeCloseTo(consumed, 6);
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
