import { personalChatId } from '../../../src/cli/playground-users';
import type { OrgIndex } from '../../../src/domain/org-index';
import type { User } from '../../../src/domain/records';
import { dueThreshold } from '../../../src/domain/reminder-schedule';
import { CATEGORY_LABELS, ROLE_LABELS, type Locale } from '../../../src/domain/vocabulary';
import { formatDate, formatNumber } from '../../../src/i18n/format';
import { translator, type Translate } from '../../../src/i18n/translate';
import { expiringQuery } from '../../../src/queries/expiring';
import { historyQuery } from '../../../src/queries/history';
import { remainingQuery } from '../../../src/queries/remaining';
import { resolveScope, type ScopeInfo } from '../../../src/queries/scope';
import { SAMPLE_TODAY } from '../../support/sample-org';

// What the person should see at each step, from the sample data through the query layer (numbers)
// and the bot's catalogs (words): nothing here is a copy of a number or a sentence.

/** Giulia Verdi: Customer Activity in Contoso Italia and Finance, only view-all in Sales. */
export const REQUESTER = 'giulia.verdi@contoso.com';
/** Anna Bianchi, the customer admin: approves the request and runs the reminders. */
export const ADMIN = 'anna.bianchi@contoso.com';
/** The workspace where the requester lacks the role. */
export const REFUSED_WORKSPACE = 'Sales';
export const THRESHOLDS = [90, 30, 7];

/** What the person types, in each language (the help card's own examples where there is one). */
export const WORDS: Readonly<Record<Locale, Readonly<Record<'help' | 'credits' | 'creditsThere' | 'expiring' | 'subscribe' | 'run', string>>>> = {
  en: {
    help: 'help',
    credits: 'how many proactive credits are left?',
    creditsThere: `how many proactive credits are left in ${REFUSED_WORKSPACE}?`,
    expiring: 'what expires in the next 3 months?',
    subscribe: 'remind this channel 90, 30 and 7 days before expiry',
    run: 'reminders run',
  },
  it: {
    help: 'aiuto',
    credits: 'quanti crediti proattivi ci restano?',
    creditsThere: `quanti crediti proattivi restano in ${REFUSED_WORKSPACE}?`,
    expiring: 'cosa scade nei prossimi 3 mesi?',
    subscribe: 'avvisa questo canale 90, 30 e 7 giorni prima delle scadenze',
    run: 'esegui promemoria',
  },
};

/** The part of a sentence before its first parameter: for texts with a date or time of the run. */
export const prefixOf = (t: Translate, key: string, params: Record<string, unknown>, cut: string): string => {
  const whole = t(key, { ...params, [cut]: '\u0000' });
  return whole.slice(0, whole.indexOf('\u0000')).trim();
};

/** The journeys ask about one workspace at a time. */
const scopeName = (scope: ScopeInfo): string => ('name' in scope ? scope.name : scope.id);

export interface Expected {
  locale: Locale;
  t: Translate;
  requester: User;
  admin: User;
  /** Ids in the Playground (29:<user id>) and the admin's personal chat there. */
  adminId: string;
  adminChat: string;
  n: (value: number) => string;
  credits: ReturnType<typeof remainingQuery>;
  creditsTitle: string;
  history: { first: ReturnType<typeof historyQuery>; second: ReturnType<typeof historyQuery> };
  expiring: ReturnType<typeof expiringQuery>;
  expiringTitle: string;
  role: string;
  refusedWorkspaceId: string;
  creditsThere: ReturnType<typeof remainingQuery>;
  creditsThereTitle: string;
  subscribedWorkspace: { id: string; name: string };
  reminders: ReturnType<typeof expiringQuery>['packages'];
  daysLeft: (days: number) => string;
}

export function expected(org: OrgIndex, locale: Locale): Expected {
  const t = translator(locale);
  const requester = org.userByEmail(REQUESTER)!;
  const admin = org.userByEmail(ADMIN)!;
  const ctx = (user: User, workspace?: string) => ({ org, user, today: SAMPLE_TODAY, ...(workspace ? { workspace } : {}) });
  const category = CATEGORY_LABELS['proactive-credits'][locale];

  const credits = remainingQuery(ctx(requester), { category: 'proactive-credits' });
  const entitlement = credits.entitlements[0]!;
  const history = {
    first: historyQuery(ctx(requester, credits.scope.id), { entitlement: entitlement.id }),
    second: historyQuery(ctx(requester, credits.scope.id), { entitlement: entitlement.id, page: '2' }),
  };
  const expiring = expiringQuery(ctx(requester), { within: 'P3M' });

  const refused = [...org.workspaces.values()].find((w) => w.name === REFUSED_WORKSPACE)!;
  // once approved the requester sees what an admin of the workspace sees: totals count every record
  const creditsThere = remainingQuery(ctx(admin, refused.id), { category: 'proactive-credits' });

  const scope = resolveScope(org, requester, undefined);
  if (scope.kind !== 'workspace') throw new Error('the requester has no default workspace');
  const reminders = expiringQuery(ctx(requester, scope.workspace.id), { within: `P${Math.max(...THRESHOLDS)}D` }).packages.filter(
    (p) => dueThreshold(p.daysLeft, THRESHOLDS, []) !== undefined,
  );

  return {
    locale,
    t,
    requester,
    admin,
    adminId: `29:${admin.id}`,
    adminChat: personalChatId(admin.id),
    n: (value) => formatNumber(locale, value),
    credits,
    creditsTitle: t('answers.remaining.title', { category, scope: scopeName(credits.scope) }),
    history,
    expiring,
    expiringTitle: t('answers.expiring.title', { date: formatDate(locale, expiring.until), scope: scopeName(expiring.scope) }),
    role: ROLE_LABELS['customer-activity'][locale],
    refusedWorkspaceId: refused.id,
    creditsThere,
    creditsThereTitle: t('answers.remaining.title', { category, scope: scopeName(creditsThere.scope) }),
    subscribedWorkspace: { id: scope.workspace.id, name: scope.workspace.name },
    reminders,
    daysLeft: (days) => (days === 0 ? t('answers.expiring.today') : t('answers.expiring.days', { count: days })),
  };
}
