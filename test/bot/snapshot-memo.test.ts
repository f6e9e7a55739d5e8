import { SnapshotMemo } from '../../src/bot/snapshot-memo';

describe('SnapshotMemo', () => {
  it('computes once per snapshot and key, and afresh for a new snapshot', () => {
    const memo = new SnapshotMemo<{ n: number }>(10);
    let computed = 0;
    const compute = () => ({ n: ++computed });
    const first = {};
    expect(memo.get(first, 'k', compute).n).toBe(1);
    expect(memo.get(first, 'k', compute).n).toBe(1);
    expect(memo.get(first, 'other', compute).n).toBe(2);
    expect(memo.get({}, 'k', compute).n).toBe(3);
  });

  it('keeps at most its size per snapshot, dropping the least recently used', () => {
    const memo = new SnapshotMemo<{ key: string }>(2);
    const snapshot = {};
    let computed = 0;
    const get = (key: string) => memo.get(snapshot, key, () => (computed++, { key }));
    get('a');
    get('b');
    get('a');
    get('c'); // b goes
    expect(computed).toBe(3);
    get('a');
    expect(computed).toBe(3);
    get('b');
    expect(computed).toBe(4);
  });

  it('computes, and does not keep, values whose key is too long to hold', () => {
    const memo = new SnapshotMemo<{ n: number }>(10, 16);
    const snapshot = {};
    let computed = 0;
    const long = 'x'.repeat(17);
    memo.get(snapshot, long, () => ({ n: ++computed }));
    memo.get(snapshot, long, () => ({ n: ++computed }));
    expect(computed).toBe(2);
  });

  it('does not keep a value whose computation threw', () => {
    const memo = new SnapshotMemo<{ ok: boolean }>(2);
    const snapshot = {};
    expect(() => memo.get(snapshot, 'k', () => { throw new Error('forbidden'); })).toThrow('forbidden');
    expect(memo.get(snapshot, 'k', () => ({ ok: true }))).toEqual({ ok: true });
  });
});
