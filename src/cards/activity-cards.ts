import { CATEGORY_LABELS, UNIT_LABELS } from '../domain/vocabulary';
import { formatDate, formatMonth, formatNumber, formatQuantity } from '../i18n/format';
import type { ExpiringResult } from '../queries/expiring';
import type { HistoryResult } from '../queries/history';
import type { PackagesResult } from '../queries/packages';
import type { RemainingResult } from '../queries/remaining';
import type { SummaryResult } from '../queries/summary';
import { dataAsOf, lapseHeadline, pagingOf, scopeName, usageLine, type CardContext } from './card-context';
import { listCard, type ListItem } from './list-card';
import { renderCard, type CardAttachment } from './render-card';
import { ANY_STATUS, VERBS } from './verbs';

const BAR_SEGMENTS = 20;

export function summaryCard(c: CardContext, r: SummaryResult): CardAttachment {
  const lines = r.groups.map((g) => {
    const label = `${c.t(`groups.${g.group}`)} (${UNIT_LABELS[g.unit][c.locale]})`;
    const percent = g.purchased > 0 ? Math.round((g.consumed / g.purchased) * 100) : 0;
    const overage = g.remaining < 0;
    // a bar of 20 segments as text: thin in every client, and the numbers beside it say the same
    const used = Math.min(BAR_SEGMENTS, Math.round((Math.min(100, percent) / 100) * BAR_SEGMENTS));
    return {
      ...usageLine(c, g),
      title: label,
      usage: `${usageLine(c, g).subtitle ?? ''} · ${c.t('answers.summary.percentUsed', { percent: formatNumber(c.locale, percent) })}`,
      percent,
      bar: { used: '▰'.repeat(used), rest: '▱'.repeat(BAR_SEGMENTS - used) },
      barColor: overage ? 'Attention' : 'Accent',
      action: { verb: VERBS.entitlements, data: { group: g.group, unit: g.unit, workspace: r.scope.id, locale: c.locale } },
    };
  });
  const title = c.t('answers.summary.title', { scope: scopeName(c, r.scope) });
  const headline = lapseHeadline(c, r.lapse ? [r.lapse] : []);
  return renderCard('summary', {
    title,
    headline,
    chart: {
      title: c.t('answers.summary.chartTitle'),
      data: lines.map((l) => ({ x: l.title, y: l.percent })),
      fallback: c.t('answers.summary.chartFallback', { lines: lines.map((l) => `${l.title} ${formatNumber(c.locale, l.percent)}%`).join(' · ') }),
    },
    lines,
    empty: c.t('answers.summary.empty'),
    footer: dataAsOf(c),
    refresh: { title: c.t('answers.summary.refresh'), verb: VERBS.summary, data: { workspace: r.scope.id, locale: c.locale } },
    speak: [title, headline, ...lines.map((l) => `${l.title}: ${l.value ?? ''}`)].filter(Boolean).join('. '),
  });
}

export function remainingCard(c: CardContext, r: RemainingResult): CardAttachment {
  const category = r.category ? CATEGORY_LABELS[r.category][c.locale] : c.t(`groups.${r.group ?? 'integrated-proactive'}`);
  const items: ListItem[] = r.entitlements.map((e) => {
    const usage = usageLine(c, e);
    const where = c.t('answers.remaining.line', { package: e.packageName, date: formatDate(c.locale, e.packageEndDate) });
    return {
      ...usage,
      title: e.name,
      subtitle: `${usage.subtitle ?? ''}\n${where}`,
      action: { verb: VERBS.history, data: { entitlementId: e.id, workspace: r.scope.id, locale: c.locale } },
    };
  });
  return listCard({
    title: c.t('answers.remaining.title', { category, scope: scopeName(c, r.scope) }),
    headline: lapseHeadline(c, r.entitlements),
    items,
    empty: c.t('answers.remaining.empty', { category }),
    footer: dataAsOf(c),
    paging: pagingOf(c, VERBS.entitlements, {
      workspace: r.scope.id,
      ...(r.category ? { category: r.category } : {}),
      ...(r.group ? { group: r.group } : {}),
    }),
  });
}

export function packagesCard(c: CardContext, r: PackagesResult): CardAttachment {
  const contract = r.contracts.find((x) => x.id === r.contractId)?.number ?? '';
  const items: ListItem[] = r.packages.flatMap((p) => [
    {
      title: p.name,
      subtitle: c.t('answers.packages.line', {
        kind: c.t(`answers.packages.kinds.${p.kind}`),
        status: c.t(`answers.packages.statuses.${p.status}`),
        date: formatDate(c.locale, p.endDate),
        days: formatNumber(c.locale, p.daysLeft),
      }),
    },
    // each entitlement names its package, so that a page starting mid-package still reads right
    ...p.entitlements.map((e) =>
      e.kind === 'benefit'
        ? { title: `· ${e.name}`, subtitle: [p.name, e.description].filter(Boolean).join(' · ') }
        : { ...usageLine(c, e), title: `· ${e.name}`, subtitle: `${p.name} · ${usageLine(c, e).subtitle ?? ''}` },
    ),
  ]);
  const anyStatus = ANY_STATUS;
  return listCard({
    title: c.t('answers.packages.title', { contract }),
    subtitle: scopeName(c, r.scope),
    filters: [
      {
        id: 'contract',
        label: c.t('answers.packages.contractFilter'),
        value: r.contractId ?? '',
        choices: r.contracts.map((x) => ({ title: x.number, value: x.id })),
      },
      {
        id: 'status',
        label: c.t('answers.packages.statusFilter'),
        value: r.status ?? anyStatus,
        choices: [
          { title: c.t('answers.packages.anyStatus'), value: anyStatus },
          { title: c.t('answers.packages.statuses.active'), value: 'active' },
          { title: c.t('answers.packages.statuses.inactive'), value: 'inactive' },
        ],
      },
    ],
    filterAction: { title: c.t('answers.packages.apply'), verb: VERBS.packages, data: { workspace: r.scope.id, locale: c.locale } },
    items,
    empty: c.t('answers.packages.empty'),
    footer: dataAsOf(c),
    paging: pagingOf(c, VERBS.packages, {
      workspace: r.scope.id,
      ...(r.contractId ? { contract: r.contractId } : {}),
      ...(r.status ? { status: r.status } : {}),
      ...(r.packageFilter ? { package: r.packageFilter } : {}),
    }),
  });
}

export function expiringCard(c: CardContext, r: ExpiringResult): CardAttachment {
  const until = formatDate(c.locale, r.until);
  return listCard({
    title: c.t('answers.expiring.title', { date: until, scope: scopeName(c, r.scope) }),
    headline: lapseHeadline(c, r.packages.flatMap((p) => p.entitlements)),
    items: r.packages.map((p) => {
      // urgency in words as well as colour (≤ 30 days, ≤ 90 days, later)
      const urgency = p.daysLeft <= 30 ? c.t('answers.expiring.urgent') : p.daysLeft <= 90 ? c.t('answers.expiring.soon') : undefined;
      const days = p.daysLeft === 0 ? c.t('answers.expiring.today') : c.t('answers.expiring.days', { count: p.daysLeft });
      const lapses = p.entitlements
        .filter((e) => (e.projection?.projectedUnusedAtExpiry ?? 0) > 0)
        .map((e) =>
          // a count has no unit to read "of" after: "Named support contacts: 1 will lapse unused"
          c.t(e.unit === 'count' ? 'answers.expiring.lapseCount' : 'answers.expiring.lapse', {
            unused: formatQuantity(c.locale, e.projection?.projectedUnusedAtExpiry ?? 0, e.unit),
            count: Math.ceil(e.projection?.projectedUnusedAtExpiry ?? 0),
            name: e.name,
          }),
        );
      return {
        title: p.name,
        subtitle: [c.t('answers.expiring.line', { contract: p.contractNumber, date: formatDate(c.locale, p.endDate) }), ...lapses].join('\n'),
        value: urgency ? `${days} · ${urgency}` : days,
        color: p.daysLeft <= 30 ? 'Attention' : p.daysLeft <= 90 ? 'Warning' : 'Default',
      };
    }),
    empty: c.t('answers.expiring.empty', { date: until }),
    footer: dataAsOf(c),
    paging: pagingOf(c, VERBS.expiring, { workspace: r.scope.id, within: r.within }),
  });
}

export function historyCard(c: CardContext, r: HistoryResult): CardAttachment {
  const e = r.entitlement;
  const title = c.t('answers.history.title', { name: e.name });
  const subtitle = c.t('answers.history.subtitle', {
    consumed: formatNumber(c.locale, e.consumed ?? 0),
    purchased: formatQuantity(c.locale, e.purchased ?? 0, e.unit),
    remaining: formatNumber(c.locale, e.remaining ?? 0),
    count: r.totalItems,
  });
  const since = r.since ? formatDate(c.locale, r.since) : undefined;
  const until = r.until ? formatDate(c.locale, r.until) : undefined;
  const period = since && until ? c.t('answers.history.period', { since, until }) : since ? c.t('answers.history.since', { since }) : until ? c.t('answers.history.until', { until }) : undefined;
  const months = r.byMonth.map((m) => ({ x: formatMonth(c.locale, m.month), y: m.quantity }));
  const rows = r.items.map((i) => ({
    date: formatDate(c.locale, i.date),
    quantity: formatQuantity(c.locale, i.quantity, e.unit),
    // rule 4: the row stays, marked, with what it may show
    description: i.restricted ? c.t('answers.history.restrictedCell') : (i.description ?? '—'),
    case: i.restricted ? '—' : (i.caseId ?? '—'),
    restricted: i.restricted,
  }));
  return renderCard('history', {
    title,
    subtitle,
    ...(period ? { period } : {}),
    ...(e.description ? { description: e.description } : {}),
    ...(e.actionUrl ? { actionUrl: e.actionUrl, actionTitle: c.t('answers.history.takeAction') } : {}),
    chart: {
      title: c.t('answers.history.chartTitle'),
      data: months,
      fallback: c.t('answers.history.chartFallback', { months: months.map((m) => `${m.x} ${formatNumber(c.locale, m.y)}`).join(' · ') }),
    },
    headers: {
      date: c.t('answers.history.headers.date'),
      quantity: c.t('answers.history.headers.quantity'),
      description: c.t('answers.history.headers.description'),
      case: c.t('answers.history.headers.case'),
    },
    rows,
    empty: c.t('answers.history.empty'),
    footer: r.pageCount > 1 ? `${c.t('answers.history.page', { page: r.page, pages: r.pageCount })} · ${dataAsOf(c)}` : dataAsOf(c),
    buttons: [
      ...(r.page > 1 ? [{ title: c.t('answers.history.previous'), ...historyPage(c, r, r.page - 1) }] : []),
      ...(r.page < r.pageCount ? [{ title: c.t('answers.history.next'), ...historyPage(c, r, r.page + 1) }] : []),
    ],
    speak: `${title}. ${subtitle}`,
  });
}

/** The same drilldown at another page: the card is replaced in place, not posted again. */
function historyPage(c: CardContext, r: HistoryResult, page: number): { verb: string; data: Record<string, unknown> } {
  const data: Record<string, unknown> = { entitlementId: r.entitlement.id, workspace: r.scope.id, page: String(page), locale: c.locale };
  if (r.since) data.since = r.since;
  if (r.until) data.until = r.until;
  return { verb: VERBS.history, data };
}
