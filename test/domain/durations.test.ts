import fc from 'fast-check';
import { addDuration, parseDuration } from '../../src/domain/durations';
import { daysBetween } from '../../src/domain/dates';

describe('durations', () => {
  it('parses the units people use', () => {
    expect(parseDuration('P90D')).toEqual({ years: 0, months: 0, weeks: 0, days: 90 });
    expect(parseDuration('p3m')).toEqual({ years: 0, months: 3, weeks: 0, days: 0 });
    expect(parseDuration('P2W')).toEqual({ years: 0, months: 0, weeks: 2, days: 0 });
    expect(parseDuration('P1Y')).toEqual({ years: 1, months: 0, weeks: 0, days: 0 });
    for (const bad of ['', 'P', '90', '90d', 'PT5H', 'P-3D', 'P3X']) expect(parseDuration(bad)).toBeUndefined();
  });

  it('adds months on the calendar, clamping to the end of the month', () => {
    expect(addDuration('2026-11-22', { years: 0, months: 3, weeks: 0, days: 0 })).toBe('2027-02-22');
    expect(addDuration('2026-11-30', { years: 0, months: 3, weeks: 0, days: 0 })).toBe('2027-02-28');
    expect(addDuration('2027-11-30', { years: 0, months: 3, weeks: 0, days: 0 })).toBe('2028-02-29');
    expect(addDuration('2026-11-22', { years: 1, months: 0, weeks: 0, days: 0 })).toBe('2027-11-22');
    expect(addDuration('2026-11-22', { years: 0, months: 0, weeks: 2, days: 0 })).toBe('2026-12-06');
    expect(addDuration('2026-11-22', { years: 0, months: 0, weeks: 0, days: 90 })).toBe('2027-02-20');
  });

  it('never goes backwards and adds days exactly', () => {
    const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.nat(400), fc.nat(30), (start, days, months) => {
        expect(daysBetween(start, addDuration(start, { years: 0, months: 0, weeks: 0, days }))).toBe(days);
        expect(addDuration(start, { years: 0, months, weeks: 0, days: 0 }) >= start).toBe(true);
      }),
    );
  });
});
