import { CATEGORY_IDS, DELEGABLE_ROLE_IDS, type Locale } from '../domain/vocabulary';
import type { CommandProblem, EntityKey, Intent } from './nlu-result';

// What a command with a bad or missing argument tells the user: which argument, what it expects.

type Expected = CommandProblem['expected'];

const ARGUMENT: Readonly<Record<EntityKey, Record<Locale, string>>> = {
  category: { en: 'category', it: 'categoria' },
  workspace: { en: 'workspace', it: 'area di lavoro' },
  contract: { en: 'contract', it: 'contratto' },
  package: { en: 'package', it: 'pacchetto' },
  status: { en: 'status', it: 'stato' },
  within: { en: 'time window', it: 'periodo' },
  since: { en: 'start date', it: 'data di inizio' },
  until: { en: 'end date', it: 'data di fine' },
  user: { en: 'user', it: 'utente' },
  role: { en: 'role', it: 'ruolo' },
  thresholds: { en: 'days before expiry', it: 'giorni prima della scadenza' },
  format: { en: 'file format', it: 'formato del file' },
};

const EXPECTED: Readonly<Record<Expected, Record<Locale, string>>> = {
  category: { en: 'one of', it: 'una tra' },
  role: { en: 'one of', it: 'uno tra' },
  status: { en: 'one of', it: 'uno tra' },
  duration: { en: 'a duration such as 30d, 8w, 3m or 1y', it: 'una durata come 30gg, 8 settimane, 3 mesi o 1 anno' },
  days: { en: 'days before expiry, such as 90 30 7', it: 'i giorni prima della scadenza, come 90 30 7' },
  date: { en: 'a date such as 2026-01-31, or a month such as March', it: 'una data come 2026-01-31, o un mese come marzo' },
  email: { en: 'an e-mail address such as name@contoso.com', it: 'un indirizzo e-mail come nome@contoso.com' },
  workspace: { en: 'a workspace name, or all', it: "il nome di un'area di lavoro, oppure tutte" },
};

const KIND_OF: Readonly<Partial<Record<EntityKey, Expected>>> = {
  category: 'category',
  role: 'role',
  status: 'status',
  within: 'duration',
  thresholds: 'days',
  since: 'date',
  until: 'date',
  user: 'email',
  workspace: 'workspace',
};

const STATUS_VALUES: Partial<Record<Intent, string[]>> = {
  'packages.list': ['active', 'inactive'],
  'cases.list': ['open', 'closed'],
};

function allowedFor(argument: EntityKey, intent: Intent): string[] | undefined {
  if (argument === 'category') return [...CATEGORY_IDS];
  if (argument === 'role') return [...DELEGABLE_ROLE_IDS];
  if (argument === 'status') return STATUS_VALUES[intent];
  return undefined;
}

export function commandProblem(argument: EntityKey, value: string, intent: Intent, locale: Locale): CommandProblem {
  const expected = KIND_OF[argument] ?? 'workspace';
  const allowed = allowedFor(argument, intent);
  const wanted = `${EXPECTED[expected][locale]}${allowed ? `: ${allowed.join(', ')}` : ''}`;
  const name = ARGUMENT[argument][locale];
  const message =
    value === ''
      ? locale === 'it'
        ? `Manca ${name}: serve ${wanted}.`
        : `The ${name} is missing: expected ${wanted}.`
      : locale === 'it'
        ? `"${value}" non va bene come ${name}: serve ${wanted}.`
        : `"${value}" is not a valid ${name}: expected ${wanted}.`;
  return { argument, value, expected, ...(allowed ? { allowed } : {}), message };
}
