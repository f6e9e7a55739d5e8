import type { CategoryId, Locale, RoleId } from './vocabulary';

// What people call the categories, roles and statuses of domain.md, on top of the display labels
// of vocabulary.ts (which are understood too). Pure data: the NLU matches these, the cards may show
// the first one as a short name. Plurals and inflections are matched by stem, typos by the speller.

export const CATEGORY_SYNONYMS: Readonly<Record<CategoryId, Record<Locale, readonly string[]>>> = {
  'proactive-credits': {
    // "proactive" alone: the credits, the proactive currency ("proactive services" is matched whole first)
    en: ['proactive credits', 'pro-active credits', 'proactive credit balance', 'credits', 'proactive'],
    it: ['crediti proattivi', 'crediti pro-attivi', 'credito proattivo', 'crediti', 'proattivi'],
  },
  workshops: {
    en: ['workshops', 'workshop days', 'proactive workshops'],
    it: ['workshop', 'giornate di workshop', 'workshop proattivi'],
  },
  dse: {
    en: ['DSE', 'designated support engineer', 'designated support engineering', 'designated engineer', 'DSE hours'],
    it: ['DSE', 'ingegnere di supporto dedicato', 'ingegnere dedicato', 'ore DSE', 'ore di DSE'],
  },
  'proactive-services': {
    en: ['proactive services', 'proactive service hours', 'proactive hours', 'hours delivered', 'delivered hours'],
    it: ['servizi proattivi', 'servizio proattivo', 'ore proattive', 'ore consegnate', 'ore erogate'],
  },
  'reactive-support': {
    en: ['reactive support', 'reactive', 'reactive hours', 'problem resolution', 'problem resolution support', 'PRS', 'break-fix', 'break fix'],
    it: ['supporto reattivo', 'reattivo', 'ore reattive', 'risoluzione dei problemi', 'risoluzione problemi', 'assistenza reattiva'],
  },
  'advisory-support': {
    en: ['advisory support', 'advisory', 'advisory hours', 'consultative support'],
    it: ['supporto consultivo', 'consulenza', 'ore di consulenza', 'supporto advisory', 'advisory'],
  },
  'on-demand-education': {
    en: ['on-demand education', 'on-demand learning', 'on-demand training', 'ODE', 'e-learning', 'online courses'],
    it: ['formazione on demand', 'formazione su richiesta', 'corsi on demand', 'corsi online', 'e-learning'],
  },
  'support-contacts': {
    en: ['support contacts', 'support contact seats', 'named contacts', 'contact seats'],
    it: ['contatti di supporto', 'contatti del supporto', 'contatti nominativi', 'referenti di supporto'],
  },
  'on-demand-assessments': {
    en: ['on-demand assessments', 'assessments', 'ODA', 'health checks'],
    it: ['valutazioni on demand', 'valutazioni', 'assessment', 'assessment on demand'],
  },
};

export const ROLE_SYNONYMS: Readonly<Record<RoleId, Record<Locale, readonly string[]>>> = {
  'customer-admin': {
    en: ['customer admin', 'customer administrator', 'organization admin', 'org admin'],
    it: ['amministratore del cliente', 'amministratore cliente', "amministratore dell'organizzazione", 'admin del cliente'],
  },
  'workspace-admin': {
    en: ['workspace admin', 'workspace administrator', 'admin of the workspace'],
    it: ["amministratore dell'area di lavoro", "amministratore dell'area", 'amministratore del workspace', "admin dell'area"],
  },
  'customer-activity': {
    en: ['customer activity', 'customer activities'],
    it: ['attività del cliente', 'attività cliente', 'attività dei clienti'],
  },
  'view-all-support-requests': {
    en: ['view all support requests', 'view all support request', 'view all requests', 'see all support requests', 'view all cases'],
    it: ['visualizza tutte le richieste di supporto', 'visualizzare tutte le richieste di supporto', 'vedere tutte le richieste di supporto', 'visualizza tutte le richieste', 'visualizza tutti i casi'],
  },
  'learning-manager': {
    en: ['learning manager', 'training manager'],
    it: ["responsabile dell'apprendimento", 'responsabile apprendimento', 'responsabile della formazione', 'responsabile formazione'],
  },
};

export type StatusId = 'active' | 'inactive' | 'open' | 'closed';

export const STATUS_SYNONYMS: Readonly<Record<StatusId, Record<Locale, readonly string[]>>> = {
  active: { en: ['active', 'current', 'live'], it: ['attivo', 'attivi', 'attiva', 'attive', 'in corso', 'vigenti'] },
  inactive: { en: ['inactive', 'not active', 'expired', 'disabled'], it: ['inattivo', 'inattivi', 'inattiva', 'inattive', 'non attivi', 'non attive', 'scaduti', 'scadute'] },
  open: { en: ['open', 'opened', 'ongoing', 'pending', 'unresolved'], it: ['aperto', 'aperti', 'aperta', 'aperte', 'in lavorazione', 'pendenti'] },
  closed: { en: ['closed', 'resolved', 'solved', 'completed'], it: ['chiuso', 'chiusi', 'chiusa', 'chiuse', 'risolti', 'risolte'] },
};
