import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileStorage } from '../../src/storage/file-storage';
import { describeStorageConformance } from './conformance';

const tempDir = (): Promise<string> => mkdtemp(path.join(tmpdir(), 'file-storage-'));

describeStorageConformance(
  'file',
  async () => {
    const dir = await tempDir();
    return {
      storage: new FileStorage(dir),
      reopen: () => Promise.resolve(new FileStorage(dir)),
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  },
  { persistent: true },
);

describe('file storage on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates its folder on first write, one file per key, and leaves no temporary files', async () => {
    const storage = new FileStorage(path.join(dir, 'nested', 'state'));
    await Promise.all(Array.from({ length: 10 }, (_, i) => storage.write(i % 2 ? 'a' : 'b', i)));
    await storage.delete('b');
    await storage.close();
    expect(await readdir(path.join(dir, 'nested', 'state'))).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.json$/)]);
  });

  it('reports a corrupt state file by key instead of treating it as absent', async () => {
    const storage = new FileStorage(dir);
    await storage.write('conversation:1', { step: 2 });
    const [file] = await readdir(dir);
    await writeFile(path.join(dir, file ?? ''), '{"half":');
    await expect(storage.read('conversation:1')).rejects.toThrow(/conversation:1.*not a valid state file/);
    await expect(storage.write('conversation:1', { step: 3 }, null)).rejects.toThrow(/not a valid state file/);
    await storage.close();
  });

  it('fails ping when its folder cannot be used', async () => {
    const blocker = path.join(dir, 'a-file');
    await writeFile(blocker, 'not a folder');
    const storage = new FileStorage(blocker);
    await expect(storage.ping()).rejects.toThrow();
    await storage.close();
  });
});
