import type { ConversationReference } from 'botbuilder';
import { RoleRequests, type RoleRequest } from '../approvals/role-requests';
import { approvalCard } from '../cards/approval-card';
import type { OrgIndex } from '../domain/org-index';
import type { User } from '../domain/records';
import { ROLE_LABELS, type DelegableRoleId, type Locale } from '../domain/vocabulary';
import { translator } from '../i18n/translate';
import type { Approver } from '../queries/approvers';
import type { KeyValueStorage } from '../storage/storage';
import { ConversationRefs } from './conversation-refs';
import type { Notifier } from './notifier';
import { toActivity } from './reply-activity';
import type { Reply } from './reply';

/** A copy of an approval card sent to someone: where, and which activity, to update it on decision. */
interface CardCopy {
  userId: string;
  reference: Partial<ConversationReference>;
  activityId: string;
}

const copiesKey = (requestId: string): string => `approvals/copies/${encodeURIComponent(requestId)}`;

/**
 * Rule 11 in Teams: a request notifies every admin of W who can be reached, with an approval card;
 * the first decision wins (RoleRequests); every copy of the card is then updated and the requester told.
 */
export class ApprovalFlow {
  readonly requests: RoleRequests;
  readonly refs: ConversationRefs;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly notifier: Notifier | undefined,
  ) {
    this.requests = new RoleRequests(storage);
    this.refs = new ConversationRefs(storage);
  }

  private view(org: OrgIndex, request: RoleRequest, actionable: boolean) {
    return {
      request,
      requesterName: org.users.get(request.userId)?.displayName ?? request.userId,
      workspaceName: org.workspaces.get(request.workspaceId)?.name ?? request.workspaceId,
      deciderName: request.decidedBy ? (org.users.get(request.decidedBy)?.displayName ?? request.decidedBy) : undefined,
      actionable,
    };
  }

  /**
   * `requesterCard`: the card the requester clicked "Request this role" on, which becomes their
   * pending card and is updated with the outcome like every approver's copy.
   */
  async request(
    org: OrgIndex,
    user: User,
    role: DelegableRoleId,
    workspaceId: string,
    approvers: readonly Approver[],
    locale: Locale,
    requesterCard?: { reference: Partial<ConversationReference>; activityId: string },
  ): Promise<Reply[]> {
    const t = translator(locale);
    const opened = await this.requests.open(user, role, workspaceId);
    if (opened.kind === 'already-open') {
      return [{ card: approvalCard(locale, { ...this.view(org, opened.request, false), note: t('approval.alreadyOpen') }) }];
    }

    const reached: string[] = [];
    const copies: CardCopy[] = [];
    for (const approver of approvers) {
      const reference = await this.refs.of(approver.id);
      if (!reference || !this.notifier) continue;
      const card = approvalCard(locale, this.view(org, opened.request, true));
      const activityId = await this.notifier.send(reference, toActivity({ card })).catch(() => undefined);
      if (activityId) {
        copies.push({ userId: approver.id, reference, activityId });
        reached.push(approver.name);
      }
    }
    if (requesterCard) copies.push({ userId: user.id, ...requesterCard });
    await this.storage.write(copiesKey(opened.request.id), copies);
    const workspace = org.workspaces.get(workspaceId)?.name ?? workspaceId;
    const note = reached.length
      ? t('approval.sent', { names: reached.join(', ') })
      : t('approval.sentNobody', { workspace, names: approvers.map((a) => a.name).join(', ') });
    return [{ card: approvalCard(locale, { ...this.view(org, opened.request, false), note }) }];
  }

  /** A click on Approve / Reject: the decider's rights and the request are re-checked by RoleRequests. */
  async decide(org: OrgIndex, decider: User, requestId: string, approve: boolean, comment: string | undefined, locale: Locale): Promise<Reply[]> {
    const t = translator(locale);
    const outcome = await this.requests.decide(org, decider, requestId, approve, comment);
    switch (outcome.kind) {
      case 'unknown':
        return [{ text: t('approval.unknown') }];
      case 'not-allowed':
        return [
          {
            text:
              outcome.reason === 'requester'
                ? t('approval.notAllowedRequester')
                : outcome.reason === 'not-admin'
                  ? t('approval.notAllowedAdmin')
                  : t('approval.notMember', { name: '' }),
          },
        ];
      case 'expired':
      case 'already-decided':
        return [{ card: approvalCard(locale, this.view(org, outcome.request, false)) }];
      case 'decided': {
        const request = outcome.request;
        await this.updateCopies(org, request, locale);
        await this.tellRequester(org, request, decider, locale);
        return [{ card: approvalCard(locale, this.view(org, request, false)) }];
      }
    }
  }

  private async updateCopies(org: OrgIndex, request: RoleRequest, locale: Locale): Promise<void> {
    const notifier = this.notifier;
    if (!notifier) return;
    const copies = (await this.storage.read<CardCopy[]>(copiesKey(request.id)))?.value ?? [];
    const activity = toActivity({ card: approvalCard(locale, this.view(org, request, false)) });
    // a copy that cannot be updated (chat deleted, bot removed) must not undo the decision
    await Promise.all(copies.map((c) => notifier.update(c.reference, c.activityId, activity).catch(() => undefined)));
  }

  private async tellRequester(org: OrgIndex, request: RoleRequest, decider: User, locale: Locale): Promise<void> {
    const reference = await this.refs.of(request.userId);
    if (!reference || !this.notifier) return;
    const t = translator(locale);
    const text = t(request.status === 'approved' ? 'approval.toRequesterApproved' : 'approval.toRequesterRejected', {
      name: decider.displayName,
      role: ROLE_LABELS[request.role][locale],
      workspace: org.workspaces.get(request.workspaceId)?.name ?? request.workspaceId,
    });
    await this.notifier.send(reference, toActivity({ text })).catch(() => undefined);
  }
}
