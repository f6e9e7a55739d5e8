import { AppError } from '../../src/domain/errors';
import { parseArgs } from '../../src/cli/parse-args';

describe('parseArgs', () => {
  it('reads flags before and after the positional name, in both spellings', () => {
    const parsed = parseArgs(['--as', 'a@b.c', 'history', '--since=2026-01-01', '--page', '2']);
    expect(parsed.positionals).toEqual(['history']);
    expect(parsed.flags).toEqual({ as: 'a@b.c', since: '2026-01-01', page: '2' });
  });

  it('keeps boolean switches apart', () => {
    const parsed = parseArgs(['--json', '--as', 'a@b.c', 'hello', 'there'], ['json']);
    expect([...parsed.switches]).toEqual(['json']);
    expect(parsed.positionals).toEqual(['hello', 'there']);
  });

  it('names the flag whose value is missing', () => {
    expect(() => parseArgs(['--as'])).toThrow(AppError);
    try {
      parseArgs(['--workspace', '--as', 'x']);
    } catch (e) {
      expect((e as AppError).params).toMatchObject({ flag: '--workspace' });
    }
  });
});
