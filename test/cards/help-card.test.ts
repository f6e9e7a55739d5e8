import { helpCard } from '../../src/cards/help-card';
import { messageCard } from '../../src/cards/message-card';
import { cardText } from '../../src/cards/card-text';
import { cardProblems } from './validate-card';
import { recognize } from '../../src/nlu/recognize';

describe('help card', () => {
  it.each(['en', 'it'] as const)('is a valid Adaptive Card in %s with one example per capability', (locale) => {
    const card = helpCard(locale);
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(card.content)).toEqual([]);
    const text = cardText(card.content);
    expect(text).toContain(locale === 'it' ? 'quanti crediti proattivi ci restano?' : 'how many proactive credits are left?');
    expect(text.split('\n').filter((l) => l.includes('“')).length).toBeGreaterThanOrEqual(12);
  });

  it('greets on install with a welcome title', () => {
    expect(cardText(helpCard('it', { welcome: true }).content)).toMatch(/^Ciao!/);
    expect(cardText(helpCard('en', { welcome: true }).content)).toMatch(/^Hi!/);
  });

  it('offers quick buttons that send an example back as typed text', () => {
    const actions = helpCard('en').content.actions as { data: { msteams: { type: string; value: string } } }[];
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) {
      expect(a.data.msteams.type).toBe('imBack');
      expect(a.data.msteams.value).not.toContain('·');
    }
  });
});

describe('message card', () => {
  it('drops the title when there is none and stays valid', () => {
    const card = messageCard({ text: 'Hello' });
    expect(cardProblems(card.content)).toEqual([]);
    expect(cardText(card.content)).toBe('Hello');
  });
});

describe('card checker', () => {
  it('accepts a Teams chart only with a fallback for other clients', () => {
    const chart = { type: 'Chart.HorizontalBar', data: [{ x: 'a', y: 1 }] };
    const card = (body: object[]) => ({ type: 'AdaptiveCard', version: '1.5', body });
    expect(cardProblems(card([{ ...chart, fallback: { type: 'TextBlock', text: 'a: 1' } }]))).toEqual([]);
    expect(cardProblems(card([chart]))).toContain('Chart.HorizontalBar without a fallback');
  });

  it('reports what a broken card gets wrong', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Bogus' }, { type: 'TextBlock', text: '${missing}' }, { type: 'TextBlock', text: 'NaN' }],
      actions: [{ type: 'Action.OpenUrl', title: 'Open' }],
    };
    const problems = cardProblems(broken);
    expect(problems).toContain('parse: Unknown element type "Bogus". Fallback will be used if present.');
    expect(problems).toContain('validate: Property "url" must be set.');
    expect(problems).toContain('unexpanded template expression');
    expect(problems).toContain('undefined or NaN in card');
  });
});

describe('help card commands', () => {
  it.each(['en', 'it'] as const)('lists short commands in %s that land on the same intent as the example beside them', (locale) => {
    const rows = helpCard(locale).content.body as { type: string; items?: { columns: { items: { text: string }[] }[] }[] }[];
    const items = rows.flatMap((r) => r.items ?? []).filter((i) => Array.isArray(i.columns));
    expect(items.length).toBeGreaterThanOrEqual(12);
    for (const item of items) {
      const [example, command] = (item.columns[1]?.items ?? []).map((t) => t.text);
      const examples = (example ?? '').replace(/[“”]/g, '').split(' · ');
      for (const [i, c] of (command ?? '').split(' · ').entries()) {
        const heard = recognize(examples[i] ?? '', { today: '2026-11-22', locale });
        const parsed = recognize(c, { today: '2026-11-22', locale });
        expect({ c, intent: parsed.intent, problem: parsed.problem }).toEqual({ c, intent: heard.intent, problem: undefined });
      }
    }
  });
});
