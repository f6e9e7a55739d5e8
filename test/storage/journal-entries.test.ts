import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JournalStorage } from '../../src/storage/journal-storage';

describe('journal storage list(prefix)', () => {
  let dir: string;
  const opened: JournalStorage[] = [];
  const open = (): JournalStorage => {
    const storage = new JournalStorage(dir);
    opened.push(storage);
    return storage;
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'journal-list-'));
  });
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the items under a prefix with their values and eTags, leaving out other keys and deleted ones', async () => {
    const storage = open();
    const a = await storage.write('job:a', { state: 'waiting' });
    const b = await storage.write('job:b', { state: 'completed' });
    await storage.write('job:c', 1);
    await storage.delete('job:c');
    await storage.write('jobs', 'not under job:');
    await storage.write('other:job:x', 2);

    const listed = await storage.list('job:');
    expect(new Map(listed)).toEqual(
      new Map([
        ['job:a', a],
        ['job:b', b],
      ]),
    );
    await expect(storage.list('none:')).resolves.toEqual([]);
  });

  it('lists the same items after the folder is reopened', async () => {
    const first = open();
    const written = await Promise.all(Array.from({ length: 50 }, (_, i) => first.write(`job:${i}`, { i })));
    await first.delete('job:7');
    await first.close();

    const listed = new Map(await open().list<{ i: number }>('job:'));
    expect(listed.size).toBe(49);
    expect(listed.has('job:7')).toBe(false);
    expect(listed.get('job:8')).toEqual(written[8]);
  });

  it('answers only once the changes it lists are on disk', async () => {
    const storage = open();
    await storage.open();
    const order: string[] = [];
    const write = storage.write('job:1', 1).then(() => order.push('write acknowledged'));
    const list = storage.list('job:').then((items) => order.push(`listed ${items.length}`));
    await Promise.all([write, list]);
    expect(order).toEqual(['write acknowledged', 'listed 1']);
  });

  it('refuses to list after close', async () => {
    const storage = open();
    await storage.close();
    await expect(storage.list('job:')).rejects.toThrow(/closed/);
  });
});
