import { recognize, understand } from '../../src/nlu/recognize';

const today = '2026-11-22';
const names = { workspaces: ['Finance', 'Sales', 'HR', 'IT Operations'], packages: ['Security Essentials', 'Modern Work'] };

describe('recognize: sentences land on their intent in either language', () => {
  it.each([
    ['help', 'help', 'en'],
    ['aiuto', 'help', 'it'],
    ['<at>Activity Bot</at> what can you do?', 'help', 'en'],
    ['a quali aree di lavoro ho accesso?', 'workspace.list', 'it'],
    ['which workspaces can I see?', 'workspace.list', 'en'],
    ['quando scade il contratto?', 'contracts.active', 'it'],
    ['quanti crediti proattivi ci restano nell area Finance?', 'entitlement.remaining', 'it'],
    ['whats left of reactive hrs', 'entitlement.remaining', 'en'],
    ['QUANTI CREDITI PROATTIVI CI RESTANO???', 'entitlement.remaining', 'it'],
    ['cosa scade nei prossimi 3 mesi?', 'packages.expiring', 'it'],
    ['avvisa questo canale 30 giorni prima delle scadenze', 'reminders.subscribe', 'it'],
    ['basta promemoria di rinnovo qui', 'reminders.unsubscribe', 'it'],
    ['chi è il mio CSAM?', 'account.team', 'it'],
    ['che tempo fa a Roma?', 'none', 'it'],
    ['could you please tell me how many workshops are left, thanks', 'entitlement.remaining', 'en'],
  ])('%s → %s (%s)', (text, intent, locale) => {
    expect(recognize(text, { today })).toMatchObject({ text, intent, locale });
  });

  it('does not let polite filler, mentions, accents or case change the answer', () => {
    const plain = recognize('quanti workshop ci restano', { today });
    for (const variant of ['Per favore, quanti workshop ci restano?', '@ActivityBot QUANTI WORKSHOP CI RESTANO', 'quanti workshop ci restano per favore!!']) {
      expect(recognize(variant, { today })).toMatchObject({ intent: plain.intent, entities: plain.entities });
    }
  });

  it('tolerates typos in intent words and entity words', () => {
    expect(recognize('elenca i pacheti inattivi', { today })).toMatchObject({ intent: 'packages.list', entities: { status: 'inactive' } });
    expect(recognize('how many proactve credits remaning', { today })).toMatchObject({
      intent: 'entitlement.remaining',
      entities: { category: 'proactive-credits' },
    });
  });
});

describe('locale', () => {
  it('keeps the client locale when the text does not tell', () => {
    expect(recognize('ok', { today, locale: 'it' }).locale).toBe('it');
    expect(recognize('DSE', { today, locale: 'it' }).locale).toBe('it');
  });

  it('follows the text when it does not match the client locale', () => {
    expect(recognize('quanti crediti ci restano?', { today, locale: 'en' }).locale).toBe('it');
    expect(recognize('how many credits are left?', { today, locale: 'it' }).locale).toBe('en');
  });

  it('does not count names as words of a language', () => {
    expect(recognize('cosa include Modern Work?', { today, names }).locale).toBe('it');
  });
});

describe('out of scope and low confidence', () => {
  it.each(['write a haiku about the sea', 'qual è la ricetta della carbonara?', 'asdf qwerty', 'who won the world cup in 2006'])(
    '%s → none, no entities',
    (text) => {
      expect(recognize(text, { today })).toMatchObject({ intent: 'none', entities: {} });
    },
  );

  it('reports how sure it is', () => {
    const sure = recognize('show the active contracts', { today });
    expect(sure.confidence).toBeGreaterThanOrEqual(0.5);
    expect(recognize('asdf qwerty', { today }).confidence ?? 0).toBeLessThan(0.5);
  });
});

describe('follow-ups: only entities, no intent', () => {
  it.each([
    ['e per i workshop?', { category: 'workshops' }],
    ['and in Sales?', { workspace: 'Sales' }],
    ['what about last month?', { since: '2026-10-01', until: '2026-10-31' }],
    ['e da marzo?', { since: '2026-03-01' }],
    ['and the closed ones?', { status: 'closed' }],
  ])('%s', (text, entities) => {
    expect(recognize(text, { today })).toMatchObject({ intent: 'none', followUp: true, entities });
  });

  it('is not a follow-up when the message asks a question of its own', () => {
    const result = recognize("what's in Security Essentials", { today, names });
    expect(result).toMatchObject({ intent: 'packages.list', entities: { package: 'Security Essentials' } });
    expect(result.followUp).toBeUndefined();
  });
});

describe('hostile input', () => {
  it('answers anything with a valid result and never throws', () => {
    for (const text of ['', ' ', '\u0000\u202e', '<script>alert(1)</script>', "'; DROP TABLE x;--", 'x'.repeat(10_000), '\ud800', '👩‍👩‍👧‍👦'.repeat(500)]) {
      const result = understand(text, { today });
      expect(result.intent).toBe('none');
      expect(result.text).toBe(text);
    }
  });

  it('reads a 10 KB message in bounded time', () => {
    const long = 'quanti crediti proattivi ci restano dal 1 ottobre al 15 novembre '.repeat(160);
    const started = performance.now();
    understand(long, { today });
    expect(performance.now() - started).toBeLessThan(200);
  });
});
