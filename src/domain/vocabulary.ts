// The words of domain.md in one table: the NLU, the cards and the messages all read from here,
// so the bot says the same words it understands.

export const ROLE_IDS = [
  'customer-admin',
  'workspace-admin',
  'customer-activity',
  'view-all-support-requests',
  'learning-manager',
] as const;
export type RoleId = (typeof ROLE_IDS)[number];

export const isRoleId = (v: unknown): v is RoleId => typeof v === 'string' && (ROLE_IDS as readonly string[]).includes(v);

/** Roles a workspace membership can carry (customer admin is a user flag, workspace admin a workspace list). */
export const DELEGABLE_ROLE_IDS = ['customer-activity', 'view-all-support-requests', 'learning-manager'] as const;
export type DelegableRoleId = (typeof DELEGABLE_ROLE_IDS)[number];

export const isDelegableRoleId = (v: unknown): v is DelegableRoleId =>
  typeof v === 'string' && (DELEGABLE_ROLE_IDS as readonly string[]).includes(v);

export const SUMMARY_GROUPS = [
  'integrated-proactive',
  'support-as-needed',
  'on-demand-education',
  'support-contacts',
  'on-demand-assessments',
] as const;
export type SummaryGroup = (typeof SUMMARY_GROUPS)[number];

export const CATEGORY_IDS = [
  'proactive-credits',
  'workshops',
  'dse',
  'proactive-services',
  'reactive-support',
  'advisory-support',
  'on-demand-education',
  'support-contacts',
  'on-demand-assessments',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

export const CATEGORY_GROUP: Readonly<Record<CategoryId, SummaryGroup>> = {
  'proactive-credits': 'integrated-proactive',
  workshops: 'integrated-proactive',
  dse: 'integrated-proactive',
  'proactive-services': 'integrated-proactive',
  'reactive-support': 'support-as-needed',
  'advisory-support': 'support-as-needed',
  'on-demand-education': 'on-demand-education',
  'support-contacts': 'support-contacts',
  'on-demand-assessments': 'on-demand-assessments',
};

export const UNITS = ['credits', 'hours', 'count', 'seats'] as const;
export type Unit = (typeof UNITS)[number];

export const LOCALES = ['en', 'it'] as const;
export type Locale = (typeof LOCALES)[number];

/** Display names per locale; the NLU adds its synonyms on top of these. */
export const ROLE_LABELS: Readonly<Record<RoleId, Record<Locale, string>>> = {
  'customer-admin': { en: 'Customer Admin', it: 'Amministratore del cliente' },
  'workspace-admin': { en: 'Workspace Admin', it: "Amministratore dell'area di lavoro" },
  'customer-activity': { en: 'Customer Activity', it: 'Attività del cliente' },
  'view-all-support-requests': {
    en: 'View All Support Requests',
    it: 'Visualizza tutte le richieste di supporto',
  },
  'learning-manager': { en: 'Learning Manager', it: "Responsabile dell'apprendimento" },
};

export const CATEGORY_LABELS: Readonly<Record<CategoryId, Record<Locale, string>>> = {
  'proactive-credits': { en: 'Proactive credits', it: 'Crediti proattivi' },
  workshops: { en: 'Workshops', it: 'Workshop' },
  dse: { en: 'DSE (Designated Support Engineer)', it: 'DSE (Designated Support Engineer)' },
  'proactive-services': { en: 'Proactive services (hours delivered)', it: 'Servizi proattivi (ore consegnate)' },
  'reactive-support': { en: 'Reactive support / problem resolution', it: 'Supporto reattivo / risoluzione dei problemi' },
  'advisory-support': { en: 'Advisory support', it: 'Supporto consultivo' },
  'on-demand-education': { en: 'On-demand education', it: 'Formazione on demand' },
  'support-contacts': { en: 'Support contacts', it: 'Contatti di supporto' },
  'on-demand-assessments': { en: 'On-demand assessments', it: 'Valutazioni on demand' },
};

export const UNIT_LABELS: Readonly<Record<Unit, Record<Locale, string>>> = {
  credits: { en: 'credits', it: 'crediti' },
  hours: { en: 'hours', it: 'ore' },
  count: { en: 'count', it: 'numero' },
  seats: { en: 'seats', it: 'posti' },
};
