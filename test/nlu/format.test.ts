import { answerLineSchema } from '../../src/nlu/result-schema';
import { recognize } from '../../src/nlu/recognize';

// The file format of an export (issue 12): XLSX unless the message asks for CSV; never a workspace.

const today = '2026-11-22';
const understood = (text: string, names?: { workspaces: string[]; packages: string[] }) => recognize(text, { today, ...(names ? { names } : {}) });

describe('the format entity', () => {
  it.each([
    ['report di consegna del terzo trimestre in csv', 'report.delivery', { format: 'csv', since: '2026-07-01', until: '2026-09-30' }],
    ['proof of delivery since July as CSV', 'report.delivery', { format: 'csv', since: '2026-07-01' }],
    ["esporta il report di formazione dell'area HR come csv", 'training.export', { format: 'csv', workspace: 'HR' }],
    ['export the training report to Excel', 'training.export', { format: 'xlsx' }],
    ['report formazione in formato xlsx', 'training.export', { format: 'xlsx' }],
    ['proof of delivery in Finance as csv', 'report.delivery', { format: 'csv', workspace: 'Finance' }],
  ])('%s', (text, intent, entities) => {
    const result = understood(text);
    expect({ intent: result.intent, entities: result.entities }).toEqual({ intent, entities });
  });

  it('is read in short commands without being taken for a workspace', () => {
    expect(understood('delivery report in csv')).toMatchObject({ intent: 'report.delivery', entities: { format: 'csv' }, confidence: 1 });
    expect(understood('report consegne dal 2026-07-01 csv').entities).toEqual({ since: '2026-07-01', format: 'csv' });
    expect(understood('training report csv in Finance', { workspaces: ['Finance'], packages: [] }).entities).toEqual({ workspace: 'Finance', format: 'csv' });
    expect(understood('delivery report in csv').problem).toBeUndefined();
  });

  it('is absent when no format is asked for: the bot sends XLSX', () => {
    expect(understood('esporta il report di formazione').entities).toEqual({});
    expect(understood("mi scarichi l'excel della formazione?").entities).toEqual({});
    expect(understood('report di consegna del terzo trimestre').entities).toEqual({ since: '2026-07-01', until: '2026-09-30' });
  });

  it('belongs only to the exports', () => {
    expect(understood('show usage overview as csv').entities).toEqual({});
    expect(understood('can you fix my excel formula').intent).toBe('none');
  });

  it('asks the previous question again in another format ("e in csv?")', () => {
    const result = understood('e in csv?');
    expect(result).toMatchObject({ intent: 'none', followUp: true, entities: { format: 'csv' } });
  });

  it('is a valid `nlu` answer line', () => {
    const { text, locale, intent, entities } = understood('proof of delivery as csv');
    expect(answerLineSchema.safeParse({ text, locale, intent, entities }).success).toBe(true);
  });
});
