import { DatasetError, type DataSource } from '../../src/data/source';
import type { Dataset } from '../../src/domain/records';
import { OrgHolder } from '../../src/server/org-holder';
import { tinyDataset } from '../support/tiny-org';

const quiet = { info: jest.fn(), error: jest.fn(), warn: jest.fn(), debug: jest.fn() } as unknown as Parameters<OrgHolder['reload']>[0];

/** A source whose next answers the test decides. */
function scriptedSource(answers: (() => Dataset)[]): DataSource {
  return {
    description: 'scripted',
    load: () => {
      const next = answers.shift();
      return next ? Promise.resolve().then(next) : Promise.reject(new Error('no more answers'));
    },
  };
}

describe('OrgHolder reloads', () => {
  it('swaps in a new version whole, and keeps the old one when a reload fails validation', async () => {
    let clock = 1_000_000;
    const renamed = (): Dataset => ({ ...tinyDataset(), organization: { id: 'org', name: 'Contoso v2', tenantId: 't' } });
    const holder = new OrgHolder(
      scriptedSource([
        tinyDataset,
        () => {
          throw new DatasetError([{ file: 'users.json', record: 'u1', field: 'email', message: 'expected an e-mail address' }]);
        },
        renamed,
      ]),
      () => clock,
    );
    const first = await holder.load();
    const duringTurn = holder.current();

    clock += 120_000;
    await holder.reload(quiet);
    expect(holder.current()).toBe(first);
    expect(await holder.check()).toMatchObject({ version: 1, ageSeconds: 120, lastReloadError: expect.stringContaining('users.json') });

    await holder.reload(quiet);
    expect(holder.current().organization.name).toBe('Contoso v2');
    expect(duringTurn.organization.name).toBe('Contoso'); // a turn that held the old version keeps it
    const status = await holder.check();
    expect(status).toMatchObject({ version: 2, ageSeconds: 0 });
    expect(status.lastReloadError).toBeUndefined();
  });

  it('is not ready before the first load', async () => {
    const holder = new OrgHolder(scriptedSource([]));
    await expect(holder.check()).rejects.toThrow('not loaded yet');
    expect(() => holder.current()).toThrow('not loaded yet');
  });
});
