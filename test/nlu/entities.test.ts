import { recognize } from '../../src/nlu/recognize';
import { italianNumber, readNumber } from '../../src/nlu/numbers';

const today = '2026-11-22';
const entitiesOf = (text: string, names?: { workspaces: string[]; packages: string[] }) =>
  recognize(text, { today, ...(names ? { names } : {}) }).entities;

describe('numbers in words', () => {
  it.each([
    ['novanta', 90], ['ventuno', 21], ['trentotto', 38], ['centoventi', 120], ['centottanta', 180],
    ['trecentosessantacinque', 365], ['quindici', 15], ['duecento', 200],
  ])('%s = %d', (word, value) => expect(italianNumber(word)).toBe(value));

  it.each([
    ['sixty', 60], ['twenty one', 21], ['one hundred and twenty', 120], ['a hundred', 100], ['fourteen', 14], ['45', 45],
  ])('%s = %d', (text, value) => expect(readNumber(text.split(' '), 0)?.value).toBe(value));

  it('reads no number from ordinary words', () => {
    for (const word of ['centrale', 'docente', 'venture', 'setting', 'uno-due']) expect(italianNumber(word)).toBeUndefined();
  });
});

describe('within: ISO-8601 in the unit the user used', () => {
  it.each([
    ['scadenze 60gg', 'P60D'],
    ['cosa scade nei prossimi 3 mesi?', 'P3M'],
    ['pacchetti in scadenza entro due settimane', 'P2W'],
    ["c'è qualcosa che scade entro un anno?", 'P1Y'],
    ['what expires in the next ninety days', 'P90D'],
    ['packages expiring within two weeks', 'P2W'],
    ['anything expiring in a month?', 'P1M'],
    ['expiring 45d', 'P45D'],
    ['expiring 6m', 'P6M'],
  ])('%s → %s', (text, within) => expect(entitiesOf(text)).toMatchObject({ within }));
});

describe('thresholds: ascending days before expiry', () => {
  it.each([
    ['avvisa questo canale 90, 30 e 7 giorni prima delle scadenze', [7, 30, 90]],
    ['attiva i promemoria a novanta, sessanta e quindici giorni', [15, 60, 90]],
    ['remind us at 7 and 30 days before expiry', [7, 30]],
    ['notify this channel two weeks before packages expire', [14]],
    ['remind 90 30 7', [7, 30, 90]],
  ])('%s → %j', (text, thresholds) => expect(entitiesOf(text)).toEqual(expect.objectContaining({ thresholds })));
});

describe('dates and ranges against today (2026-11-22)', () => {
  it.each([
    ['storico dei workshop da gennaio', { since: '2026-01-01' }],
    ['proactive credits history since March', { since: '2026-03-01' }],
    ['storico crediti dal 1 ottobre al 15 novembre', { since: '2026-10-01', until: '2026-11-15' }],
    ['delivery report for last month', { since: '2026-10-01', until: '2026-10-31' }],
    ['report di consegna del terzo trimestre', { since: '2026-07-01', until: '2026-09-30' }],
    ['proof of delivery for Q2 2025', { since: '2025-04-01', until: '2025-06-30' }],
    ["report delle attività erogate quest'anno", { since: '2026-01-01' }],
    ["storico consumi dall'inizio dell'anno", { since: '2026-01-01' }],
    ['delivery report this quarter', { since: '2026-10-01' }],
    ['storico dei crediti negli ultimi 3 mesi', { since: '2026-08-22' }],
    ['delivery report from 01/03/2026 to 30/06/2026', { since: '2026-03-01', until: '2026-06-30' }],
    ['consumi dei workshop fino al 31 ottobre', { until: '2026-10-31' }],
    ['workshop history since May', { since: '2026-05-01' }],
  ])('%s', (text, dates) => expect(entitiesOf(text)).toMatchObject(dates));

  it('looks ahead for expiry: a month without a year is the next one', () => {
    expect(entitiesOf('what expires by March?')).toEqual({ until: '2027-03-31' });
    expect(entitiesOf('cosa scade entro fine anno?')).toEqual({ until: '2026-12-31' });
  });
});

describe('identifiers', () => {
  it('reads e-mails in lower case and contract numbers as written', () => {
    expect(entitiesOf('grant customer activity to John.Smith@Fabrikam.com')).toEqual({ role: 'customer-activity', user: 'john.smith@fabrikam.com' });
    expect(entitiesOf('date di inizio e fine del contratto 4100-22')).toEqual({ contract: '4100-22' });
    expect(entitiesOf('quando scade il contratto Unified?')).toEqual({});
  });
});

describe('categories and roles from the shared vocabulary, in both languages', () => {
  it.each([
    ['crediti proattivi rimasti?', { category: 'proactive-credits' }],
    ['ore di supporto reattivo residue', { category: 'reactive-support' }],
    ['remaining DSE hours', { category: 'dse' }],
    ['how many on-demand assessments are left', { category: 'on-demand-assessments' }],
    ['quanti contatti di supporto ci restano', { category: 'support-contacts' }],
    ['remaining Proactive services (hours delivered)', { category: 'proactive-services' }],
  ])('%s', (text, entities) => expect(entitiesOf(text)).toEqual(entities));

  it.each([
    ['vorrei il ruolo Attività del cliente', 'customer-activity'],
    ["vorrei il ruolo responsabile dell'apprendimento", 'learning-manager'],
    ['can I get view all support requests', 'view-all-support-requests'],
    ['request view-all-support-requests', 'view-all-support-requests'],
  ])('%s → %s', (text, role) => expect(entitiesOf(text)).toMatchObject({ role }));
});

describe('workspace and package names', () => {
  const names = { workspaces: ['Finance', 'Sales', 'HR', 'IT Operations'], packages: ['Security Essentials', 'Azure Advanced Support'] };

  it('takes the name as written from the words around it', () => {
    expect(entitiesOf("passa all'area di lavoro Finance per favore")).toEqual({ workspace: 'Finance' });
    expect(entitiesOf('@ActivityBot change workspace to IT Operations')).toEqual({ workspace: 'IT Operations' });
    expect(entitiesOf('go back to the Sales workspace')).toEqual({ workspace: 'Sales' });
    expect(entitiesOf("what's included in the Security Essentials package?")).toEqual({ package: 'Security Essentials' });
  });

  it('reads "all" in either language', () => {
    expect(entitiesOf('use all workspaces please')).toEqual({ workspace: 'all' });
    expect(entitiesOf('usa tutte le aree di lavoro')).toEqual({ workspace: 'all' });
  });

  it('reads Italian "all\'area X" typed without its apostrophe as that one area, not all of them', () => {
    expect(entitiesOf('passa all area Finance')).toEqual({ workspace: 'Finance' });
    expect(entitiesOf('passa all area di lavoro sales')).toEqual({ workspace: 'sales' });
    expect(entitiesOf('quanti crediti proattivi restano all area Sales?')).toMatchObject({ workspace: 'Sales' });
    expect(entitiesOf('switch to all areas')).toEqual({ workspace: 'all' });
  });

  it('matches the names the asker may see, whatever the case, with small typos', () => {
    expect(entitiesOf('quanti crediti restano in finanse?', names)).toMatchObject({ workspace: 'Finance' });
    expect(entitiesOf('switch to it operations', names)).toEqual({ workspace: 'IT Operations' });
    expect(entitiesOf('what does the security essentals package include', names)).toEqual({ package: 'Security Essentials' });
  });

  it('does not take a short name for a plain word', () => {
    expect(entitiesOf('is it expiring soon?', names)).toEqual({});
  });
});
