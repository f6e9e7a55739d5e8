import { daysBetween } from '../../src/domain/dates';
import { daysLeft } from '../../src/domain/expiry';
import { DEFAULT_THRESHOLDS, dueThreshold, normalizeThresholds } from '../../src/domain/reminder-schedule';

describe('reminder thresholds', () => {
  it('keeps whole days from 0 to 366, once each, largest first', () => {
    expect(normalizeThresholds([7, 30, 90, 30, -1, 2.5, 400, 0])).toEqual([90, 30, 7, 0]);
  });

  it('is due on the day a threshold is reached, and not the day before', () => {
    expect(dueThreshold(91, DEFAULT_THRESHOLDS, [])).toBeUndefined();
    expect(dueThreshold(90, DEFAULT_THRESHOLDS, [])).toBe(90);
    expect(dueThreshold(61, DEFAULT_THRESHOLDS, [90])).toBeUndefined();
    expect(dueThreshold(60, DEFAULT_THRESHOLDS, [90])).toBe(60);
    expect(dueThreshold(0, DEFAULT_THRESHOLDS, [90, 60, 30])).toBe(7);
    expect(dueThreshold(-1, DEFAULT_THRESHOLDS, [])).toBeUndefined();
  });

  it('reminds a package that crossed several thresholds while the bot was down once, for the most urgent', () => {
    expect(dueThreshold(5, DEFAULT_THRESHOLDS, [90])).toBe(7);
    expect(dueThreshold(4, DEFAULT_THRESHOLDS, [90, 7])).toBeUndefined();
    expect(dueThreshold(45, [90, 30, 60, 7], [])).toBe(60);
  });

  it('walks a package through a year, one reminder per threshold, across month ends and a leap day', () => {
    const end = '2028-03-01'; // 2028 is a leap year: 29 February lies in between
    const reminded: number[] = [];
    const sent: [string, number, number][] = [];
    for (let day = 0; day <= 400; day += 1) {
      const today = new Date(Date.UTC(2027, 1, 1) + day * 86_400_000).toISOString().slice(0, 10);
      const left = daysLeft(end, today);
      const due = dueThreshold(left, DEFAULT_THRESHOLDS, reminded);
      if (due !== undefined) {
        reminded.push(due);
        sent.push([today, left, due]);
      }
    }
    expect(sent).toEqual([
      ['2027-12-02', 90, 90],
      ['2028-01-01', 60, 60],
      ['2028-01-31', 30, 30],
      ['2028-02-23', 7, 7],
    ]);
    expect(daysBetween('2028-02-23', '2028-03-01')).toBe(7);
  });
});
