import { addDays, dateWithin, daysBetween, isIsoDate, isoDateIn } from '../../src/domain/dates';

describe('dates', () => {
  it('counts calendar days across months, years and DST changes', () => {
    expect(daysBetween('2026-11-22', '2026-11-29')).toBe(7);
    expect(daysBetween('2026-11-22', '2027-01-01')).toBe(40);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-11-22', '2026-11-01')).toBe(-21);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('treats both ends as included', () => {
    expect(dateWithin('2026-11-22', '2026-11-22', '2026-11-30')).toBe(true);
    expect(dateWithin('2026-11-30', '2026-11-22', '2026-11-30')).toBe(true);
    expect(dateWithin('2026-12-01', '2026-11-22', '2026-11-30')).toBe(false);
  });

  it('gives the local date of an instant', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Rome
    expect(isoDateIn('Europe/Rome', new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(isoDateIn('UTC', new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('22/11/2026')).toBe(false);
  });
});

describe('day numbers', () => {
  it('agree with the calendar for every day of four centuries around today', () => {
    const wrong: string[] = [];
    for (let ms = Date.UTC(1900, 0, 1); ms < Date.UTC(2300, 0, 1); ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      if (addDays(iso, 0) !== iso || daysBetween('1970-01-01', iso) !== Math.round(ms / 86_400_000)) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
  });
});
