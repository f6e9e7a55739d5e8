import { LOCALES } from '../../domain/vocabulary';
import { accountTeam } from './account-team';
import { activitySummary } from './activity-summary';
import { auditLog } from './audit-log';
import { casesAdditional } from './cases-additional';
import { casesList } from './cases-list';
import { contractsActive } from './contracts-active';
import { entitlementHistory } from './entitlement-history';
import { entitlementRemaining } from './entitlement-remaining';
import { expand } from './expand';
import { help } from './help';
import { memberInvite } from './member-invite';
import { none } from './none';
import { packagesExpiring } from './packages-expiring';
import { packagesList } from './packages-list';
import { remindersRun } from './reminders-run';
import { remindersStatus } from './reminders-status';
import { remindersSubscribe } from './reminders-subscribe';
import { remindersUnsubscribe } from './reminders-unsubscribe';
import { reportDelivery } from './report-delivery';
import { roleGrant } from './role-grant';
import { roleRequest } from './role-request';
import { roleRevoke } from './role-revoke';
import type { IntentCorpus, Utterance } from './types';
import { trainingExport } from './training-export';
import { workspaceList } from './workspace-list';
import { workspaceSwitch } from './workspace-switch';

// The training corpus: one file per intent, written for this domain in both languages.
export const CORPUS: readonly IntentCorpus[] = [
  help,
  workspaceList,
  workspaceSwitch,
  contractsActive,
  activitySummary,
  entitlementRemaining,
  packagesList,
  packagesExpiring,
  entitlementHistory,
  casesList,
  casesAdditional,
  trainingExport,
  reportDelivery,
  roleRequest,
  roleGrant,
  roleRevoke,
  memberInvite,
  remindersSubscribe,
  remindersUnsubscribe,
  remindersStatus,
  remindersRun,
  accountTeam,
  auditLog,
  none,
];

/** Every sentence of the corpus, alternatives expanded. */
export function corpusUtterances(): Utterance[] {
  const out: Utterance[] = [];
  for (const entry of CORPUS) {
    for (const locale of LOCALES) {
      for (const line of entry[locale]) for (const text of expand(line)) out.push({ text, intent: entry.intent, locale });
    }
  }
  return out;
}
