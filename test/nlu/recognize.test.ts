import { recognize } from '../../src/nlu/recognize';

const today = '2026-11-22';

describe('recognize (walking skeleton)', () => {
  it.each([
    ['help', 'help', 'en'],
    ['aiuto', 'help', 'it'],
    ['<at>Activity Bot</at> what can you do?', 'help', 'en'],
    ['Cosa sai fare?', 'help', 'it'],
    ['a quali aree di lavoro ho accesso?', 'workspace.list', 'it'],
    ['which workspaces can I see?', 'workspace.list', 'en'],
    ['quando scade il contratto?', 'contracts.active', 'it'],
    ['che tempo fa a Roma?', 'none', 'it'],
  ])('%s → %s (%s)', (text, intent, locale) => {
    const result = recognize(text, { today });
    expect(result).toMatchObject({ text, intent, locale });
  });

  it('keeps the client locale when the text does not tell', () => {
    expect(recognize('ok', { today, locale: 'it' }).locale).toBe('it');
  });

  it('answers anything, even hostile input, with none', () => {
    for (const text of ['', ' ', '\u0000\u202e', '<script>alert(1)</script>', "'; DROP TABLE x;--", 'x'.repeat(10_000)]) {
      expect(recognize(text, { today }).intent).toBe('none');
    }
  });
});
