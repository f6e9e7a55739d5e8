import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { reportCommand } from '../../src/cli/report';
import { canSeeActivity, rolesIn, visibleWorkspaces } from '../../src/domain/access';
import { canSeeCase } from '../../src/domain/case-visibility';
import { OrgIndex } from '../../src/domain/org-index';
import type { User, Workspace } from '../../src/domain/records';
import { CATEGORY_LABELS, ROLE_LABELS, UNIT_LABELS } from '../../src/domain/vocabulary';
import { FileDataSource } from '../../src/data/file-source';
import { generateDataset } from '../../src/data/generator';
import { REPORT_LABELS } from '../../src/reports/labels';
import { writeXlsx } from '../../src/reports/xlsx-writer';
import { xlsxText } from './read-back';

// Proof of isolation for the files people take away: over generated organizations, random users,
// scopes, reports, formats and languages, no id, name, number or description that only workspaces
// the report may not cover hold appears anywhere in the file (every part of an XLSX package), and
// no case the user may not see is named (rule 4). A refusal writes no file at all.

const TODAY = '2026-11-22';
const root = mkdtempSync(path.join(tmpdir(), 'report-isolation-'));
const orgs: { dir: string; org: OrgIndex }[] = [];
let markup = new Set<string>();

const tokensIn = (text: string): Set<string> => new Set(text.split(/[^\p{L}\p{N}_.-]+/u).filter(Boolean));
const addTokens = (into: Set<string>, ...texts: (string | undefined)[]): void => {
  for (const t of texts) if (t !== undefined) for (const token of tokensIn(t)) into.add(token);
};

beforeAll(async () => {
  for (const seed of [11, 22, 33]) {
    const dir = path.join(root, `org-${seed}`);
    await generateDataset({ seed, workspaces: 7, contracts: 14, consumption: 900, cases: 150 }, dir);
    orgs.push({ dir, org: new OrgIndex(await new FileDataSource(dir).load()) });
  }
  // what every XLSX package says whatever its data (part names, XML, properties): not a secret
  const empty = path.join(root, 'empty.xlsx');
  await writeXlsx(createWriteStream(empty), { sheetName: 'x', table: { columns: [], rowCount: 0, row: () => [] } });
  markup = tokensIn(await xlsxText(empty));
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The fixed words of the files and messages (headers, labels, categories, units, roles), in both languages: not secrets. */
const vocabulary = new Set<string>();
for (const labels of Object.values(REPORT_LABELS)) addTokens(vocabulary, ...Object.values(labels).flatMap((v: string | readonly string[]) => v));
for (const table of [CATEGORY_LABELS, UNIT_LABELS, ROLE_LABELS]) for (const byLocale of Object.values(table)) addTokens(vocabulary, byLocale.en, byLocale.it);

/** Rule 13, said again here: admins and learning managers of W export W's training records. */
const canExport = (org: OrgIndex, user: User, w: Workspace): boolean =>
  rolesIn(org, user, w.id).some((r) => r === 'customer-admin' || r === 'workspace-admin' || r === 'learning-manager');

/** The workspaces a report may cover, worked out from the rules rather than from the code under test. */
function covered(org: OrgIndex, user: User, scope: string | undefined, allowed: (w: Workspace) => boolean): Workspace[] {
  const visible = visibleWorkspaces(org, user);
  if (scope === 'all') return visible.filter(allowed);
  const target = scope === undefined ? (visible.find((w) => w.isDefault) ?? visible[0]) : visible.find((w) => w.id === scope || w.name === scope);
  return target && allowed(target) ? [target] : [];
}

/**
 * Tokens only what the report may not cover holds, and the cases (rule 4) the user may not see:
 * `names` (ids, numbers, names) and `words` (the free text of descriptions and courses).
 */
function secrets(org: OrgIndex, user: User, open: readonly Workspace[], report: 'delivery' | 'training'): { names: Set<string>; words: Set<string> } {
  const hidden = new Set<string>();
  const hiddenWords = new Set<string>();
  const shown = new Set<string>([...vocabulary, ...markup]);
  addTokens(shown, org.organization.name, user.displayName, user.email);
  const openIds = new Set(open.map((w) => w.id));
  const openContracts = new Set(report === 'delivery' ? open.flatMap((w) => w.contractIds) : []);
  for (const w of org.dataset.workspaces) addTokens(openIds.has(w.id) ? shown : hidden, w.id, w.name);
  for (const c of org.dataset.contracts) {
    const side = openContracts.has(c.id) ? shown : hidden;
    addTokens(side, c.id, c.number);
    for (const p of org.packagesOf(c.id)) {
      addTokens(side, p.id, p.name);
      for (const e of org.entitlementsOf(p.id)) {
        addTokens(side, e.id, e.name);
        for (const r of org.ledgerOf(e.id).records) {
          const supportCase = r.caseId === undefined ? undefined : org.cases.get(r.caseId);
          const withheld = supportCase !== undefined && !canSeeCase(org, user, supportCase);
          const recordSide = side === shown && !withheld ? shown : hidden;
          addTokens(recordSide, r.id, r.caseId);
          addTokens(recordSide === shown ? shown : hiddenWords, r.description);
        }
      }
    }
  }
  for (const k of org.dataset.cases) addTokens(openIds.has(k.workspaceId) && canSeeCase(org, user, k) ? shown : hidden, k.id);
  for (const t of org.dataset.training) {
    const person = org.users.get(t.userId);
    const exported = report === 'training' && openIds.has(t.workspaceId);
    addTokens(exported ? shown : hidden, t.id, person?.email);
    addTokens(exported ? shown : hiddenWords, t.course, person?.displayName);
  }
  for (const set of [hidden, hiddenWords]) {
    for (const token of shown) set.delete(token);
    for (const token of set) if (token.length < 3) set.delete(token); // "IT", "HR": too short to tell
  }
  return { names: hidden, words: hiddenWords };
}

async function run(args: string[]): Promise<{ code: number; stdout: string }> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    return { code: await reportCommand(args, new Date('2026-11-22T10:00:00Z')), stdout: lines.join('') };
  } finally {
    spy.mockRestore();
  }
}

let runs = 0;

describe('isolation of report files', () => {
  it('never puts in a file what only workspaces the report may not cover hold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(2),
        fc.nat(),
        fc.nat(),
        fc.constantFrom<'delivery' | 'training'>('delivery', 'training'),
        fc.constantFrom<'csv' | 'xlsx'>('csv', 'xlsx'),
        fc.constantFrom<'en' | 'it'>('en', 'it'),
        fc.boolean(),
        async (orgPick, userPick, scopePick, report, format, locale, ever) => {
          const { dir, org } = orgs[orgPick]!;
          const user = org.dataset.users[userPick % org.dataset.users.length]!;
          const all = org.dataset.workspaces;
          const scopes = ['all', undefined, ...all.map((w) => w.id), ...all.map((w) => w.name)];
          const scope = scopes[scopePick % scopes.length];
          const allowed = report === 'delivery' ? (w: Workspace) => canSeeActivity(org, user, w.id) : (w: Workspace) => canExport(org, user, w);
          const open = covered(org, user, scope, allowed);
          const hidden = secrets(org, user, open, report);

          runs += 1;
          const file = path.join(root, `run-${runs}.${format}`);
          const period = report === 'delivery' && ever ? ['--since', '2000-01-01'] : [];
          const { code, stdout } = await run([
            '--data', dir, '--today', TODAY, '--as', user.email, ...(scope === undefined ? [] : ['--workspace', scope]),
            report, '--format', format, '--out', file, '--locale', locale, ...period,
          ]);
          const typed = tokensIn(scope ?? '');
          const leakedIn = (text: string, sets: Set<string>[]): string[] => [...tokensIn(text)].filter((t) => sets.some((s) => s.has(t)) && !typed.has(t));
          // what it prints (a result line or an error message in plain words) names nothing hidden
          expect({ user: user.id, scope, report, leaked: leakedIn(stdout, [hidden.names]) }).toEqual({ user: user.id, scope, report, leaked: [] });
          if (code !== 0) {
            expect(existsSync(file)).toBe(false); // refused or not found: no file, not even an empty one
            expect(open).toEqual([]); // and only when the rules give the report nothing to cover
            return;
          }
          expect(open.length).toBeGreaterThan(0);
          const content = format === 'csv' ? readFileSync(file, 'utf8') : await xlsxText(file);
          expect({ user: user.id, scope, report, format, leaked: leakedIn(content, [hidden.names, hidden.words]) }).toEqual({ user: user.id, scope, report, format, leaked: [] });
          rmSync(file);
        },
      ),
      { numRuns: 150, seed: 20261122 },
    );
  });
});
