import type { OrgChange } from '../domain/org-index';
import type { KeyValueStorage } from '../storage/storage';

// The changes made in chat (roles, invitations, joins), in order: the overlay every turn lays over
// the dataset (OrgIndex.withChanges). One stored list, appended by compare-and-set.

const OVERLAY_KEY = 'approvals/role-overlay';

export interface OrgChanges {
  changes: OrgChange[];
  /** Changes with each append: a cache of the overlaid organization is valid while it holds. */
  version: string;
}

export class OrgChangeLog {
  constructor(private readonly storage: KeyValueStorage) {}

  async read(): Promise<OrgChanges> {
    const item = await this.storage.read<OrgChange[]>(OVERLAY_KEY);
    return { changes: item?.value ?? [], version: item?.eTag ?? '' };
  }

  async append(...changes: OrgChange[]): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const current = await this.storage.read<OrgChange[]>(OVERLAY_KEY);
      if (await this.storage.write(OVERLAY_KEY, [...(current?.value ?? []), ...changes], current?.eTag ?? null)) return;
    }
    throw new Error('changes made in chat: too many concurrent writes');
  }
}
