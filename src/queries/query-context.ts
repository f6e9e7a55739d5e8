import type { OrgIndex } from '../domain/org-index';
import type { User } from '../domain/records';

/** Every answer is computed for one user, in one scope, at one "today" (domain.md). */
export interface QueryContext {
  org: OrgIndex;
  user: User;
  /** ISO date. */
  today: string;
  /** `--workspace ID|NAME|all`; undefined means the user's default scope. */
  workspace?: string;
}
