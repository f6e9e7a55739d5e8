import type { Locale } from '../domain/vocabulary';
import type { EntityKey, Intent } from './nlu-result';

// The short command form of every intent, in both languages: a verb, then arguments in any order
// (entities as the sentences write them). Adding a command is adding a row.

/** The argument a lone word after the verb is taken for ("remaining foo": foo is a bad category). */
export type Slot = 'category' | 'status' | 'duration' | 'days' | 'role' | 'workspace';

export interface CommandSpec {
  intent: Intent;
  verbs: Record<Locale, readonly string[]>;
  slot?: Slot;
  required?: readonly EntityKey[];
  /** Words the arguments may carry besides the global ones ("hours" in "remaining dse hours"). */
  fillers?: readonly string[];
}

const UNITS = ['hours', 'hrs', 'hour', 'credits', 'credit', 'seats', 'days', 'ore', 'crediti', 'posti', 'giorni', 'left', 'remaining', 'residui', 'rimasti', 'restano'];

export const COMMANDS: readonly CommandSpec[] = [
  { intent: 'help', verbs: { en: ['help', 'commands', 'menu'], it: ['aiuto', 'comandi', 'guida'] } },
  {
    intent: 'workspace.list',
    verbs: { en: ['workspaces', 'my workspaces', 'list workspaces', 'workspace list'], it: ['aree', 'aree di lavoro', 'le mie aree', 'elenco aree', 'lista aree'] },
  },
  {
    intent: 'workspace.switch',
    verbs: { en: ['use', 'switch', 'switch to', 'use workspace'], it: ['usa', 'passa', 'passa a', 'usa area', 'vai su'] },
    slot: 'workspace',
    required: ['workspace'],
  },
  { intent: 'contracts.active', verbs: { en: ['contracts', 'contract'], it: ['contratti', 'contratto'] } },
  {
    intent: 'activity.summary',
    verbs: { en: ['summary', 'overview', 'activity summary', 'usage summary'], it: ['riepilogo', 'panoramica', 'riepilogo attivita', 'sommario'] },
  },
  {
    intent: 'entitlement.remaining',
    verbs: { en: ['remaining', 'left', 'balance'], it: ['residuo', 'residui', 'rimanenti', 'restano', 'rimasti', 'saldo'] },
    slot: 'category',
    fillers: UNITS,
  },
  {
    intent: 'packages.list',
    verbs: { en: ['packages', 'package', 'add-ons', 'addons'], it: ['pacchetti', 'pacchetto'] },
    slot: 'status',
    fillers: ['enterprise', 'addon', 'add', 'on', 'aggiuntivi'],
  },
  {
    intent: 'packages.expiring',
    verbs: { en: ['expiring', 'expiry', 'expiries', 'expire'], it: ['scadenze', 'in scadenza', 'scadenza', 'scade'] },
    slot: 'duration',
    fillers: ['within', 'next', 'soon', 'entro', 'prossimi', 'prossime', 'packages', 'pacchetti'],
  },
  {
    intent: 'entitlement.history',
    verbs: { en: ['history', 'drilldown', 'drill down', 'usage'], it: ['storico', 'dettaglio', 'cronologia', 'consumi'] },
    slot: 'category',
    fillers: UNITS,
  },
  {
    intent: 'cases.list',
    verbs: { en: ['cases', 'tickets', 'support requests', 'support cases'], it: ['casi', 'ticket', 'richieste di supporto', 'richieste'] },
    slot: 'status',
  },
  {
    intent: 'cases.additional',
    verbs: { en: ['additional cases', 'extra cases'], it: ['casi aggiuntivi', 'casi extra'] },
  },
  {
    intent: 'training.export',
    verbs: { en: ['training report', 'export training', 'training export', 'learning report'], it: ['report formazione', 'esporta formazione', 'formazione'] },
  },
  {
    intent: 'report.delivery',
    verbs: { en: ['delivery', 'delivery report', 'deliveries', 'pod', 'cpod', 'proof of delivery'], it: ['consegne', 'report consegne', 'report di consegna', 'erogato', 'cpod', 'pod'] },
  },
  { intent: 'role.request', verbs: { en: ['request', 'request role'], it: ['richiedi', 'richiedo', 'richiedi ruolo'] }, slot: 'role', required: ['role'] },
  { intent: 'role.grant', verbs: { en: ['grant', 'assign'], it: ['assegna', 'concedi'] }, slot: 'role', required: ['role', 'user'] },
  { intent: 'role.revoke', verbs: { en: ['revoke'], it: ['revoca', 'togli'] }, slot: 'role', required: ['role', 'user'] },
  { intent: 'member.invite', verbs: { en: ['invite'], it: ['invita'] }, required: ['user'] },
  {
    intent: 'reminders.subscribe',
    verbs: {
      en: ['remind', 'remind me', 'reminders on', 'subscribe', 'reminders subscribe', 'subscribe reminders'],
      it: ['promemoria on', 'avvisami', 'iscrivi', 'attiva promemoria', 'promemoria attiva', 'promemoria iscrivi'],
    },
    slot: 'days',
    fillers: ['at', 'before', 'prima', 'a'],
  },
  {
    intent: 'reminders.unsubscribe',
    verbs: {
      en: ['unsubscribe', 'reminders off', 'stop reminders', 'reminders unsubscribe', 'unsubscribe reminders'],
      it: ['promemoria off', 'disiscrivi', 'disattiva promemoria', 'stop promemoria', 'promemoria disattiva'],
    },
  },
  {
    intent: 'reminders.status',
    verbs: { en: ['reminders', 'reminder status', 'reminders status'], it: ['promemoria', 'stato promemoria', 'promemoria stato'] },
  },
  { intent: 'account.team', verbs: { en: ['team', 'account team', 'csam'], it: ['team', 'referenti', 'account team'] } },
  {
    intent: 'reminders.run',
    verbs: { en: ['reminders run', 'run reminders', 'reminders now'], it: ['promemoria esegui', 'esegui promemoria', 'promemoria adesso', 'promemoria ora'] },
  },
  { intent: 'audit.log', verbs: { en: ['audit', 'audit log', 'role changes'], it: ['registro', 'registro ruoli', 'audit'] } },
];

/** Words any command's arguments may carry: articles, prepositions, politeness, argument names. */
export const COMMAND_FILLERS: ReadonlySet<string> = new Set(
  `the a an of to for in on my our please pls thanks il lo la i gli le l di del della dei degli delle d a al
  all alla per nel nell nella nei su sul sulla e and me mio miei mie favore grazie role ruolo area workspace
  lavoro contract contratto n no number numero status stato`.split(/\s+/),
);

/** Words that announce a date argument; a bad date after them is the argument that is wrong. */
export const SINCE_WORDS: ReadonlySet<string> = new Set(['since', 'from', 'after', 'da', 'dal', 'dall', 'dalla', 'dopo']);
export const UNTIL_WORDS: ReadonlySet<string> = new Set(['until', 'till', 'to', 'by', 'before', 'fino', 'al', 'alla', 'entro']);
