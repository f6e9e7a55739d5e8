import { COMMANDS } from '../../src/nlu/commands';
import { INTENTS } from '../../src/nlu/nlu-result';
import { recognize } from '../../src/nlu/recognize';

const today = '2026-11-22';

describe('short commands', () => {
  it('every intent but none has a command in both languages', () => {
    for (const intent of INTENTS.filter((i) => i !== 'none')) {
      const spec = COMMANDS.find((c) => c.intent === intent);
      expect(spec?.verbs.en.length).toBeGreaterThan(0);
      expect(spec?.verbs.it.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['remaining proactive-credits', 'entitlement.remaining', { category: 'proactive-credits' }],
    ['residuo workshop', 'entitlement.remaining', { category: 'workshops' }],
    ['expiring 60d', 'packages.expiring', { within: 'P60D' }],
    ['scadenze 3 mesi', 'packages.expiring', { within: 'P3M' }],
    ['history workshops since 2026-01-01', 'entitlement.history', { category: 'workshops', since: '2026-01-01' }],
    ['storico dse dal 2026-03-01 al 2026-06-30', 'entitlement.history', { category: 'dse', since: '2026-03-01', until: '2026-06-30' }],
    ['grant customer-activity to x@y.com', 'role.grant', { role: 'customer-activity', user: 'x@y.com' }],
    ['assegna learning-manager a a@b.it', 'role.grant', { role: 'learning-manager', user: 'a@b.it' }],
    ['revoke learning-manager from a@b.com', 'role.revoke', { role: 'learning-manager', user: 'a@b.com' }],
    ['request view-all-support-requests in Sales', 'role.request', { role: 'view-all-support-requests', workspace: 'Sales' }],
    ['invite sam@contoso.com to Finance', 'member.invite', { user: 'sam@contoso.com', workspace: 'Finance' }],
    ['use all', 'workspace.switch', { workspace: 'all' }],
    ['usa finance', 'workspace.switch', { workspace: 'finance' }],
    ['cases closed', 'cases.list', { status: 'closed' }],
    ['casi aperti', 'cases.list', { status: 'open' }],
    ['packages inactive', 'packages.list', { status: 'inactive' }],
    ['remind 90 30 7', 'reminders.subscribe', { thresholds: [7, 30, 90] }],
    ['reminders off', 'reminders.unsubscribe', {}],
    ['stato promemoria', 'reminders.status', {}],
    ['delivery since 2026-01-01', 'report.delivery', { since: '2026-01-01' }],
    ['training report', 'training.export', {}],
    ['additional cases', 'cases.additional', {}],
    ['contracts', 'contracts.active', {}],
    ['summary', 'activity.summary', {}],
    ['workspaces', 'workspace.list', {}],
    ['team', 'account.team', {}],
  ])('%s', (text, intent, entities) => {
    const result = recognize(text, { today });
    expect(result).toMatchObject({ intent, entities, confidence: 1 });
    expect(result.problem).toBeUndefined();
  });

  it.each([
    ['expiring 60x', 'packages.expiring', 'within', '60x', 'en'],
    ['remaining foo', 'entitlement.remaining', 'category', 'foo', 'en'],
    ['history workshops since 2026-13-45', 'entitlement.history', 'since', '2026-13-45', 'en'],
    ['grant customer-activity to bob', 'role.grant', 'user', 'bob', 'en'],
    ['assegna a x@y.com', 'role.grant', 'role', '', 'it'],
    ['invite', 'member.invite', 'user', '', 'en'],
    ['casi sospesi', 'cases.list', 'status', 'sospesi', 'it'],
  ])('%s: says which argument is wrong and what it expects', (text, intent, argument, value, locale) => {
    const result = recognize(text, { today });
    expect(result).toMatchObject({ intent, locale, problem: { argument, value } });
    expect(result.problem?.message).toContain(value);
  });

  it('lists the accepted values of a closed list', () => {
    expect(recognize('remaining foo', { today }).problem?.allowed).toContain('proactive-credits');
    expect(recognize('cases active', { today }).problem).toMatchObject({ argument: 'status', allowed: ['open', 'closed'] });
  });

  it('leaves sentences that start like a command to the classifier', () => {
    expect(recognize('history of the proactive credits since March', { today })).toMatchObject({
      intent: 'entitlement.history',
      entities: { category: 'proactive-credits', since: '2026-03-01' },
    });
    expect(recognize('grant the learning manager role to anna@contoso.com please', { today }).problem).toBeUndefined();
  });
});
