import { ROLE_LABELS } from '../domain/vocabulary';
import { formatDate, formatNumber } from '../i18n/format';
import type { AccountTeamResult } from '../queries/account-team';
import type { AdditionalCasesResult } from '../queries/additional-cases';
import type { CasesResult } from '../queries/cases';
import type { ContractsResult } from '../queries/contracts';
import type { WorkspacesResult } from '../queries/workspaces';
import { dataAsOf, pagingOf, scopeName, type CardContext } from './card-context';
import { listCard } from './list-card';
import { VERBS } from './verbs';
import type { CardAttachment } from './render-card';

export function casesCard(c: CardContext, r: CasesResult): CardAttachment {
  return listCard({
    title: c.t('answers.cases.title', { scope: scopeName(c, r.scope) }),
    items: r.cases.map((x) => ({
      title: x.title,
      subtitle: c.t('answers.cases.line', {
        id: x.id,
        type: c.t(`answers.cases.types.${x.type}`),
        status: c.t(`answers.cases.statuses.${x.status}`),
        date: formatDate(c.locale, x.createdAt.slice(0, 10)),
      }),
      value: c.t('answers.cases.severity', { severity: x.severity }),
      ...(x.status === 'open' && x.severity === 'A' ? { color: 'Attention' as const } : {}),
    })),
    empty: c.t('answers.cases.empty'),
    footer: dataAsOf(c),
    paging: pagingOf(c, VERBS.cases, { workspace: r.scope.id, ...(r.status ? { status: r.status } : {}) }),
  });
}

const SERVICES_SHOWN = 8;

export function additionalCasesCard(c: CardContext, r: AdditionalCasesResult): CardAttachment {
  const hidden = r.total - r.cases.length;
  const shown = r.byService.slice(0, SERVICES_SHOWN);
  return listCard({
    title: c.t('answers.additional.title', { scope: scopeName(c, r.scope) }),
    subtitle: c.t('answers.additional.subtitle', { total: formatNumber(c.locale, r.total), count: r.total }),
    table: {
      headers: [c.t('answers.additional.service'), c.t('answers.additional.count')],
      rows: shown.map((s) => ({
        label:
          s.service === null
            ? c.t('answers.additional.noService')
            : s.name
              ? `${s.name} (${s.service})`
              : c.t('answers.additional.byService', { service: s.service }),
        value: formatNumber(c.locale, s.count),
      })),
      ...(r.byService.length > shown.length ? { more: c.t('answers.additional.moreServices', { count: r.byService.length - shown.length }) } : {}),
    },
    items: [
      ...r.cases.map((x) => ({ title: `${x.id} · ${x.title}`, subtitle: c.t(`reasons.${x.reason}`) })),
      ...(hidden > 0 ? [{ title: c.t('answers.additional.hidden', { count: hidden }) }] : []),
    ],
    footer: dataAsOf(c),
    paging: pagingOf(c, VERBS.additionalCases, { workspace: r.scope.id }),
  });
}

export function contractsCard(c: CardContext, r: ContractsResult): CardAttachment {
  return listCard({
    title: c.t('answers.contracts.title', { scope: scopeName(c, r.scope) }),
    items: r.contracts.map((x) => ({
      title: x.number,
      subtitle: c.t('answers.contracts.line', {
        type: x.type,
        start: formatDate(c.locale, x.startDate),
        end: formatDate(c.locale, x.endDate),
      }),
      value: x.active
        ? c.t('answers.contracts.active', { count: x.daysLeft })
        : c.t(x.daysLeft < 0 ? 'answers.contracts.ended' : 'answers.contracts.notStarted'),
      color: x.active ? (x.daysLeft <= 90 ? 'Warning' : 'Good') : 'Default',
    })),
    empty: c.t('answers.contracts.empty'),
    footer: dataAsOf(c),
    paging: pagingOf(c, VERBS.contracts, { workspace: r.scope.id }),
  });
}

export function accountTeamCard(c: CardContext, r: AccountTeamResult): CardAttachment {
  return listCard({
    title: c.t('answers.accountTeam.title', { scope: scopeName(c, r.scope) }),
    items: r.team.map((m) => ({
      title: `[${m.name}](mailto:${m.email})`,
      subtitle: `${c.t(`answers.accountTeam.${m.role}`)} · ${c.t('answers.accountTeam.contracts', { numbers: m.contracts.join(', ') })}`,
    })),
    empty: c.t('answers.accountTeam.empty'),
    paging: pagingOf(c, VERBS.accountTeam, { workspace: r.scope.id }),
  });
}

export function workspacesCard(c: CardContext, r: WorkspacesResult, current?: string): CardAttachment {
  return listCard({
    title: c.t('workspaces.heading'),
    subtitle: r.workspaces.length > 1 ? c.t('workspaces.switchHint') : undefined,
    items: r.workspaces.map((w) => ({
      title: [w.name, w.isDefault ? c.t('workspaces.default') : '', w.id === current ? c.t('workspaces.current') : '']
        .filter(Boolean)
        .join(' · '),
      subtitle: w.roles.map((role) => ROLE_LABELS[role][c.locale]).join(', ') || c.t('workspaces.noRole'),
      ...(w.id === current ? { value: '✓', color: 'Good' as const } : {}),
      action: { verb: VERBS.switchWorkspace, data: { workspace: w.id, locale: c.locale } },
    })),
    empty: c.t('workspaces.none'),
    paging: pagingOf(c, VERBS.workspaces, {}),
  });
}
