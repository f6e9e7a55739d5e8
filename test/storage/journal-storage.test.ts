import { spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeSnapshot } from '../../src/storage/journal-files';
import { JournalStorage, type JournalStorageOptions } from '../../src/storage/journal-storage';
import type { StoredItem } from '../../src/storage/storage';
import { describeStorageConformance } from './conformance';

const tempDir = (): Promise<string> => mkdtemp(path.join(tmpdir(), 'journal-storage-'));

describeStorageConformance(
  'journal',
  async () => {
    const dir = await tempDir();
    return {
      storage: new JournalStorage(dir),
      reopen: () => Promise.resolve(new JournalStorage(dir)),
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  },
  { persistent: true },
);

const sizeOf = async (file: string): Promise<number> => (await stat(file)).size;

/** The pid of a process that has already exited. */
const pidOfFinishedProcess = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.once('error', reject);
    child.once('exit', () => (child.pid ? resolve(child.pid) : reject(new Error('no pid'))));
  });

describe('journal storage on disk', () => {
  let dir: string;
  let journal: string;
  const opened: JournalStorage[] = [];
  const open = (options?: JournalStorageOptions): JournalStorage => {
    const storage = new JournalStorage(dir, options);
    opened.push(storage);
    return storage;
  };

  beforeEach(async () => {
    dir = await tempDir();
    journal = path.join(dir, 'journal.log');
  });
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['a last line cut short (no newline)', '{"seq":4,"key":"c","eTag":"e","val'],
    ['a last line that is not JSON', '\0\0\0\0\n'],
  ])('ignores %s, cuts it off the file and appends after the last good line', async (_, tail) => {
    const first = open();
    await first.write('a', 1);
    const b = await first.write('b', { x: 2 });
    await first.delete('a');
    await first.close();
    const good = await readFile(journal);
    await appendFile(journal, tail);

    const second = open();
    await expect(second.read('b')).resolves.toEqual(b);
    await expect(second.read('a')).resolves.toBeUndefined();
    expect(await readFile(journal)).toEqual(good);
    const c = await second.write('c', 3);
    await second.close();
    await expect(open().read('c')).resolves.toEqual(c);
  });

  it.each([
    ['garbled', (lines: string[]) => lines.splice(1, 1, '{"seq":2,"key":"b","eTag":'), /line 2 is not a valid journal entry/],
    ['missing', (lines: string[]) => lines.splice(1, 1), /line 2 has sequence 3 after 1; lines are missing/],
  ])('refuses a journal with a %s line in the middle, naming the file and line, and leaves the file alone', async (_, damage, message) => {
    const storage = open();
    for (const key of ['a', 'b', 'c', 'd']) await storage.write(key, key);
    await storage.close();
    const lines = (await readFile(journal, 'utf8')).split('\n');
    damage(lines);
    await writeFile(journal, lines.join('\n'));
    const damaged = await readFile(journal);

    const again = open();
    await expect(again.read('a')).rejects.toThrow(journal);
    await expect(again.read('a')).rejects.toThrow(message);
    expect(await readFile(journal)).toEqual(damaged);
  });

  it('compacts a long journal into snapshot.json, keeping every value, and reopens from both files', async () => {
    const compactAfterBytes = 4096;
    const storage = open({ compactAfterBytes });
    const expected = new Map<string, StoredItem<unknown> | undefined>();
    let writtenBytes = 0;
    for (let round = 0; round < 40; round++) {
      const values = Array.from({ length: 10 }, (_, i) => ({ round, i, text: 'x'.repeat(100) }));
      const results = await Promise.all(values.map((value, i) => storage.write(`key:${i}`, value)));
      results.forEach((result, i) => expected.set(`key:${i}`, result));
      writtenBytes += JSON.stringify(values).length;
    }
    for (const key of ['key:3', 'key:7']) {
      await storage.delete(key);
      expected.set(key, undefined);
    }
    const expectAll = async (s: JournalStorage): Promise<void> => {
      for (const [key, item] of expected) await expect(s.read(key)).resolves.toEqual(item);
    };
    await expectAll(storage);

    const journalBytes = await sizeOf(journal);
    const snapshotBytes = await sizeOf(path.join(dir, 'snapshot.json'));
    expect(journalBytes).toBeLessThan(2 * compactAfterBytes);
    expect(journalBytes + snapshotBytes).toBeLessThan(writtenBytes / 5);

    await storage.close();
    const again = open({ compactAfterBytes });
    await expectAll(again);
    await expect(again.write('key:0', 'after', expected.get('key:0')?.eTag)).resolves.toMatchObject({ value: 'after' });
  });

  it('loads correctly after a crash between writing the snapshot and emptying the journal', async () => {
    const storage = open();
    const a1 = await storage.write('a', 1); // journal line 1
    const b1 = await storage.write('b', 1);
    const a2 = await storage.write('a', 2);
    await storage.delete('b');
    const c1 = await storage.write('c', 1);
    const a3 = await storage.write('a', 3); // line 6
    await storage.close();
    const entry = (item: StoredItem<unknown> | undefined): { json: string; eTag: string } => ({ json: JSON.stringify(item?.value), eTag: item?.eTag ?? '' });
    const snapshots: [number, [string, StoredItem<unknown> | undefined][]][] = [
      [1, [['a', a1]]],
      [3, [['a', a2], ['b', b1]]],
      [6, [['a', a3], ['c', c1]]],
    ];
    for (const [seq, items] of snapshots) {
      await writeSnapshot(dir, seq, items.map(([key, item]) => [key, entry(item)]));
      const again = open();
      await expect(Promise.all(['a', 'b', 'c'].map((k) => again.read(k)))).resolves.toEqual([a3, undefined, c1]);
      await again.close();
    }
  });

  it('answers a read, and a lost compare-and-set, only once the change they saw is on disk', async () => {
    const storage = open();
    await storage.open();
    const order: string[] = [];
    const write = storage.write('k', 1).then(() => order.push('write acknowledged'));
    const read = storage.read('k').then((r) => order.push(`read ${String(r?.value)}`));
    const lost = storage.write('k', 2, null).then((r) => order.push(r ? 'compare-and-set won' : 'compare-and-set lost'));
    await Promise.all([write, read, lost]);
    expect(order).toEqual(['write acknowledged', 'read 1', 'compare-and-set lost']);
  });

  it('refuses a second instance on the same folder while the first holds it, saying what to do', async () => {
    const first = open();
    await first.write('k', 1);
    const second = open();
    await expect(second.read('k')).rejects.toThrow(`${dir} is in use by process ${process.pid}`);
    await expect(second.write('k', 2)).rejects.toThrow(/several instances need STORAGE=redis/);
    await first.close();
    await expect(second.read('k')).resolves.toMatchObject({ value: 1 });
  });

  it('takes over the lock of a process that is gone, and removes it on close', async () => {
    const lock = path.join(dir, 'lock');
    await mkdir(dir, { recursive: true });
    await writeFile(lock, `${await pidOfFinishedProcess()}\n`);
    const storage = open();
    await storage.write('k', 1);
    expect(await readFile(lock, 'utf8')).toBe(`${process.pid}\n`);
    await storage.close();
    expect(await readdir(dir)).toEqual(['journal.log']);
  });

  it('fails ping when its folder cannot be used', async () => {
    await writeFile(path.join(dir, 'a-file'), 'not a folder');
    const storage = new JournalStorage(path.join(dir, 'a-file'));
    await expect(storage.ping()).rejects.toThrow();
    await storage.close();
  });
});

describe('journal storage killed with SIGKILL', () => {
  const ROOT = path.resolve(__dirname, '../..');
  const CHILD = path.join(__dirname, 'journal-crash-child.ts');
  const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;
  const COMPACT_AFTER_BYTES = 8192;
  let dir: string;
  let kill: (() => void) | undefined;

  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    kill?.();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the child until it printed `acks` acknowledgements, kills it, and returns every one it printed. */
  const runUntilKilled = (acks: number): Promise<{ acked: number[]; signal: string | null; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', TSX_LOADER, CHILD, dir, String(COMPACT_AFTER_BYTES)], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      kill = () => child.kill('SIGKILL');
      const acked: number[] = [];
      let partial = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) acked.push(Number(/^acked (\d+)$/.exec(line)?.[1] ?? NaN));
        if (acked.length >= acks) child.kill('SIGKILL');
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.once('close', (_code, signal) => resolve({ acked, signal, stderr }));
    });

  it('keeps every acknowledged write, round after round, across compactions', async () => {
    const acked: number[] = [];
    for (let round = 1; round <= 5; round++) {
      const target = 20 + Math.floor(Math.random() * 381);
      const run = await runUntilKilled(target);
      expect({ round, signal: run.signal, stderr: run.stderr }).toEqual({ round, signal: 'SIGKILL', stderr: '' });
      acked.push(...run.acked);

      const storage = new JournalStorage(dir, { compactAfterBytes: COMPACT_AFTER_BYTES });
      const counter = (await storage.read<{ n: number }>('counter'))?.value.n ?? 0;
      const missing: number[] = [];
      for (const n of acked) if ((await storage.read(`item:${n}`))?.value === undefined) missing.push(n);
      const outcome = { round, target, counterBehindAcks: counter < Math.max(...acked), missing };
      expect(outcome).toEqual({ round, target, counterBehindAcks: false, missing: [] });
      await expect(storage.write('after-crash', round)).resolves.toMatchObject({ value: round });
      await storage.close();
    }
    expect(acked.some(Number.isNaN)).toBe(false);
    expect(await readdir(dir)).toContain('snapshot.json');
  }, 120_000);
});
