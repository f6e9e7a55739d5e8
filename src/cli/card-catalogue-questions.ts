import { CATEGORY_IDS } from '../domain/vocabulary';

/** One thing a user says to the bot, in both languages; `kind` groups the answers in the gallery. */
export interface CatalogueQuestion {
  /** Stable and file-name safe: part of every card id. */
  key: string;
  kind: string;
  en: string;
  it: string;
}

/** Installing the bot: a conversationUpdate that adds it (the welcome card), not a message. */
export const WELCOME = { key: 'welcome', kind: 'welcome' } as const;

const ask = (key: string, kind: string, en: string, it: string): CatalogueQuestion => ({ key, kind, en, it });

// Category ids are short commands in both languages ("residuo workshops"); the sentences of the
// help card are asked as well, so both routes into the NLU are seen.
const remainingPerCategory = CATEGORY_IDS.map((id) => ask(`remaining-${id}`, 'remaining', `remaining ${id}`, `residuo ${id}`));

/**
 * What the catalogue asks, in order, in one conversation per user and language. The order matters:
 * the follow-up re-asks the question before it, and the switch to "all" is remembered for the
 * questions after it.
 */
export const QUESTIONS: readonly CatalogueQuestion[] = [
  ask('help', 'help', 'help', 'aiuto'),
  ask('workspaces', 'workspaces', 'which workspaces can I see?', 'a quali aree di lavoro ho accesso?'),
  ask('contracts', 'contracts', 'when does the contract end?', 'quando scade il contratto?'),
  ask('summary', 'summary', 'show usage overview', 'riepilogo delle attività'),
  ask('remaining', 'remaining', 'how many proactive credits are left?', 'quanti crediti proattivi ci restano?'),
  ask('follow-up', 'remaining', 'and for workshops?', 'e per i workshop?'),
  ...remainingPerCategory,
  ask('packages', 'packages', 'packages', 'pacchetti'),
  ask('packages-active', 'packages', 'list active add-on packages', 'mostra i pacchetti aggiuntivi attivi'),
  ask('packages-inactive', 'packages', 'packages inactive', 'pacchetti inattivi'),
  ask('expiring-7d', 'expiring', 'expiring 7d', 'scadenze 7gg'),
  ask('expiring-30d', 'expiring', 'expiring 30d', 'scadenze 30gg'),
  ask('expiring-90d', 'expiring', 'what expires in the next 90 days?', 'cosa scade nei prossimi 90 giorni?'),
  ask('expiring-3m', 'expiring', 'what expires in the next 3 months?', 'cosa scade nei prossimi 3 mesi?'),
  ask('history-workshops', 'history', 'workshops consumed since January', 'dettaglio dei workshop consumati da gennaio'),
  ask('history-proactive-credits', 'history', 'history proactive-credits', 'storico proactive-credits'),
  ask('cases', 'cases', 'cases', 'casi'),
  ask('cases-open', 'cases', 'my open support requests', 'le mie richieste di supporto aperte'),
  ask('cases-closed', 'cases', 'cases closed', 'casi chiusi'),
  ask('additional-cases', 'additional-cases', 'show additional cases', 'mostra i casi aggiuntivi'),
  ask('account-team', 'account-team', 'who is my CSAM?', 'chi è il mio CSAM?'),
  ask('not-understood', 'not-understood', 'what is the weather in Rome?', 'che tempo fa a Roma?'),
  ask('bad-argument', 'bad-argument', 'expiring 60x', 'scadenze 60x'),
  ask('unknown-workspace', 'unknown-workspace', 'summary in Marketing', "riepilogo nell'area Marketing"),
  ask('scope-all', 'scope-all', 'use all workspaces', 'passa a tutte le aree'),
  ask('all-summary', 'summary', 'show usage overview', 'riepilogo delle attività'),
  ask('all-expiring-90d', 'expiring', 'expiring 90d', 'scadenze 90gg'),
  ask('all-packages', 'packages', 'packages', 'pacchetti'),
  ask('all-cases', 'cases', 'cases', 'casi'),
  ask('all-additional-cases', 'additional-cases', 'additional cases', 'casi aggiuntivi'),
  ask('all-account-team', 'account-team', 'account team', "team dell'account"),
  ask('grant-role', 'delegation', 'grant learning manager to marco.bruno@contoso.com', "assegna il ruolo responsabile dell'apprendimento a marco.bruno@contoso.com"),
  ask('invite', 'delegation', 'invite davide.conti@contoso.com', 'invita davide.conti@contoso.com'),
  ask('audit', 'audit', 'who granted roles this month?', 'chi ha concesso ruoli questo mese?'),
];
