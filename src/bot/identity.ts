import type { OrgIndex } from '../domain/org-index';
import type { User } from '../domain/records';

/** The Teams side of "who is asking": the ids on the activity and, on demand, the roster lookup. */
export interface Asker {
  /** Channel account id (`activity.from.id`): stable per user and bot. */
  id: string;
  aadObjectId?: string;
  /** Looks up the e-mail or UPN (TeamsInfo.getMember in Teams); undefined when the roster has none. */
  lookupEmail(): Promise<string | undefined>;
}

/**
 * Matches a Teams user to a dataset user: by aadObjectId, else by the e-mail/UPN of the roster
 * (case-insensitive). Results, including "not in the organization", are cached per user and per
 * data snapshot, so a reload that adds the user is seen at once and the roster is asked once.
 */
export class IdentityResolver {
  private readonly cache = new WeakMap<OrgIndex, Map<string, string | null>>();

  async resolve(org: OrgIndex, asker: Asker): Promise<User | undefined> {
    let perOrg = this.cache.get(org);
    if (!perOrg) {
      perOrg = new Map();
      this.cache.set(org, perOrg);
    }
    const key = asker.aadObjectId ? `aad:${asker.aadObjectId.toLowerCase()}` : `id:${asker.id}`;
    const cached = perOrg.get(key);
    if (cached !== undefined) return cached === null ? undefined : org.users.get(cached);

    let user = asker.aadObjectId ? org.userByAadObjectId(asker.aadObjectId) : undefined;
    if (!user) {
      // A failing roster call throws through: nothing is cached, the next turn asks again.
      const email = await asker.lookupEmail();
      user = email ? org.userByEmail(email) : undefined;
    }
    perOrg.set(key, user?.id ?? null);
    return user;
  }
}
