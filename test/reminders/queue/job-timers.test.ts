import { Fifo, fireAt } from '../../../src/reminders/queue/job-timers';

describe('fireAt', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('fires once the clock reaches a time weeks ahead, past what one setTimeout can wait', () => {
    const fired: number[] = [];
    const at = Date.now() + 40 * 24 * 60 * 60 * 1000; // a reminder 40 days ahead; setTimeout's limit is 24.8
    fireAt(at, () => fired.push(Date.now()));
    jest.advanceTimersByTime(25 * 24 * 60 * 60 * 1000);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(15 * 24 * 60 * 60 * 1000);
    expect(fired).toEqual([at]);
    jest.advanceTimersByTime(100 * 24 * 60 * 60 * 1000);
    expect(fired).toHaveLength(1);
  });

  it('never fires in the call that arms it, even for a time already past, and not after cancel', () => {
    const fired: string[] = [];
    fireAt(Date.now() - 10, () => fired.push('past'));
    fireAt(Date.now() + 50, () => fired.push('cancelled')).cancel();
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(100);
    expect(fired).toEqual(['past']);
  });
});

describe('Fifo', () => {
  it('hands ids out in order and puts ids back at the front in their order', () => {
    const fifo = new Fifo();
    for (const id of ['a', 'b', 'c', 'd']) fifo.push(id);
    expect([fifo.shift(), fifo.shift(), fifo.shift()]).toEqual(['a', 'b', 'c']);
    fifo.unshiftAll(['x', 'y']); // room before the head
    fifo.unshiftAll(['p', 'q', 'r', 's']); // no room: rebuilt
    fifo.push('e');
    const out: (string | undefined)[] = [];
    while (fifo.length > 0) out.push(fifo.shift());
    expect(out).toEqual(['p', 'q', 'r', 's', 'x', 'y', 'd', 'e']);
    expect(fifo.shift()).toBeUndefined();
  });

  it('keeps its order across many shifts (its storage is compacted now and then)', () => {
    const fifo = new Fifo();
    const out: string[] = [];
    for (let i = 0; i < 5000; i++) {
      fifo.push(String(i));
      if (i % 3 === 2) out.push(fifo.shift() ?? '', fifo.shift() ?? '');
    }
    while (fifo.length > 0) out.push(fifo.shift() ?? '');
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => String(i)));
  });
});
