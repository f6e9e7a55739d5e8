import type { OrgChange } from '../domain/org-index';
import type { KeyValueStorage } from '../storage/storage';
import { isStorageUnavailable } from '../storage/stored-value';
import { updateStored } from '../storage/update-stored';

// The changes made in chat (roles, invitations, joins), in order: the overlay every turn lays over
// the dataset (OrgIndex.withChanges). One stored list, appended by compare-and-set.

const OVERLAY_KEY = 'approvals/role-overlay';

export interface OrgChanges {
  changes: OrgChange[];
  /** Changes with each append: a cache of the overlaid organization is valid while it holds. */
  version: string;
}

export class OrgChangeLog {
  private lastRead: OrgChanges | undefined;

  constructor(private readonly storage: KeyValueStorage) {}

  /**
   * The changes as stored; while the storage cannot be reached, the ones this process read last
   * (answers go on, a little stale). With nothing read yet, the failure stands: answering without
   * a revocation made in chat could show someone what they may no longer see.
   */
  async read(): Promise<OrgChanges> {
    try {
      const item = await this.storage.read<OrgChange[]>(OVERLAY_KEY);
      this.lastRead = { changes: item?.value ?? [], version: item?.eTag ?? '' };
      return this.lastRead;
    } catch (e) {
      if (isStorageUnavailable(e) && this.lastRead) return this.lastRead;
      throw e;
    }
  }

  async append(...changes: OrgChange[]): Promise<void> {
    await updateStored<OrgChange[]>(this.storage, OVERLAY_KEY, (list = []) => [...list, ...changes]);
  }
}
