import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'dotenv';
import { CONFIG_VARIABLES, loadConfig } from '../../src/server/config';
import { readEnvironment } from '../../src/server/env-file';

const SAMPLE = path.resolve(__dirname, '../../.env.sample');

describe('.env.sample', () => {
  it('runs as shipped: local mode, embedded file storage, the sample data', () => {
    expect(loadConfig(readEnvironment({}, SAMPLE))).toMatchObject({
      port: 3978,
      host: '127.0.0.1',
      localMode: true,
      dataDir: 'data/sample',
      storage: 'file',
      stateDir: '.state',
      shutdownTimeoutMs: 10000,
    });
  });

  it('documents every variable the server reads', async () => {
    const text = await readFile(SAMPLE, 'utf8');
    for (const variable of CONFIG_VARIABLES) expect(text).toMatch(new RegExp(`^${variable}=`, 'm'));
  });

  it('its production example, filled in, is a valid authenticated configuration', async () => {
    const text = await readFile(SAMPLE, 'utf8');
    const block = text.slice(text.indexOf('# --- Production'));
    const uncommented = block
      .split('\n')
      .filter((l) => /^# [A-Za-z_]+=/.test(l))
      .map((l) => l.slice(2).replace('<client secret, from a secret store, not from this file>', 'secret'))
      .join('\n');
    const config = loadConfig({ ...parse(text), ...parse(uncommented) });
    expect(config).toMatchObject({ nodeEnv: 'production', localMode: false, host: '0.0.0.0', bot: { appType: 'SingleTenant' } });
  });
});
