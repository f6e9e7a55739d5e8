import { todayProvider } from '../../src/server/today';

describe('todayProvider', () => {
  const lateEvening = () => new Date('2026-11-21T23:30:00Z');

  it('returns the pinned TODAY whatever the clock says', () => {
    expect(todayProvider({ today: '2026-11-22', timeZone: 'UTC' }, lateEvening)()).toBe('2026-11-22');
  });

  it('without TODAY, gives the calendar date in the configured time zone', () => {
    expect(todayProvider({ timeZone: 'Europe/Rome' }, lateEvening)()).toBe('2026-11-22');
    expect(todayProvider({ timeZone: 'UTC' }, lateEvening)()).toBe('2026-11-21');
    expect(todayProvider({ timeZone: 'America/Los_Angeles' }, lateEvening)()).toBe('2026-11-21');
  });

  it('follows the clock: a long-running bot moves past midnight', () => {
    let now = new Date('2026-12-31T22:59:00Z');
    const today = todayProvider({ timeZone: 'Europe/Rome' }, () => now);
    expect(today()).toBe('2026-12-31');
    now = new Date('2026-12-31T23:01:00Z');
    expect(today()).toBe('2027-01-01');
  });
});
