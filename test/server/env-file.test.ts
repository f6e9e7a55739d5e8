import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readEnvironment } from '../../src/server/env-file';

describe('readEnvironment', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'env-file-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('adds the variables of .env, and a variable of the environment wins over the file', async () => {
    const file = path.join(dir, '.env');
    await writeFile(file, '# local settings\nPORT=4000\nTODAY=2026-11-22\nMicrosoftAppId=\n');
    const processEnv: Record<string, string> = { PORT: '5000' };
    expect(readEnvironment(processEnv, file)).toEqual({ PORT: '5000', TODAY: '2026-11-22', MicrosoftAppId: '' });
    expect(processEnv).toEqual({ PORT: '5000' }); // the process environment is not modified
  });

  it('is the environment alone when there is no .env', () => {
    expect(readEnvironment({ LOG_LEVEL: 'warn' }, path.join(dir, 'missing.env'))).toEqual({ LOG_LEVEL: 'warn' });
  });

  it('writes nothing on stdout', async () => {
    const file = path.join(dir, '.env');
    await writeFile(file, 'PORT=4000\n');
    const write = jest.spyOn(process.stdout, 'write');
    try {
      readEnvironment({}, file);
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });
});
