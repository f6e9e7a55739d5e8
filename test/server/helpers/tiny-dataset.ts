import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from '../../../src/data/source';
import type { Dataset } from '../../../src/domain/records';

export const TINY_USER = {
  id: 'u-anna',
  email: 'anna.rossi@contoso.example',
  displayName: 'Anna Rossi',
  aadObjectId: '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b',
  accountType: 'work',
  customerAdmin: true,
} as const;

/** The smallest organization the loader accepts: one admin, one workspace, no contracts. */
export function tinyDataset(): Dataset {
  return {
    organization: { id: 'org-contoso', name: 'Contoso', tenantId: '0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b' },
    users: [{ ...TINY_USER }],
    contracts: [],
    workspaces: [
      { id: 'ws-main', name: 'Main', isDefault: true, contractIds: [], accountPolicy: 'work-only', adminIds: [TINY_USER.id] },
    ],
    memberships: [{ workspaceId: 'ws-main', userId: TINY_USER.id, roles: ['customer-activity'], status: 'active' }],
    groups: [],
    packages: [],
    entitlements: [],
    consumption: [],
    cases: [],
    training: [],
  };
}

/** Writes a dataset as the file data source reads it (dataset.md). */
export async function writeDataset(dir: string, dataset: Dataset): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { consumption, ...jsonFiles } = dataset;
  for (const [name, value] of Object.entries(jsonFiles)) {
    await writeFile(path.join(dir, `${name}.json`), JSON.stringify(value, null, 2));
  }
  await writeFile(path.join(dir, 'consumption.jsonl'), consumption.map((r) => JSON.stringify(r)).join('\n'));
}

/** A data source under the test's control: it loads when `release` is called, or fails. */
export function controlledSource(dataset: Dataset = tinyDataset()): DataSource & {
  release(): void;
  fail(error: Error): void;
} {
  let settle: { resolve: (d: Dataset) => void; reject: (e: Error) => void } | undefined;
  const loaded = new Promise<Dataset>((resolve, reject) => {
    settle = { resolve, reject };
  });
  return {
    description: 'test:controlled',
    load: () => loaded,
    release: () => settle?.resolve(dataset),
    fail: (error) => settle?.reject(error),
  };
}

export const staticSource = (dataset: Dataset = tinyDataset()): DataSource => ({
  description: 'test:static',
  load: () => Promise.resolve(dataset),
});
