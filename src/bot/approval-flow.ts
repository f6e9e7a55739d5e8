import type { ConversationReference } from 'botbuilder';
import { Delegation } from '../approvals/delegation';
import { OrgChangeLog } from '../approvals/org-changes';
import { RoleRequests, type RoleRequest } from '../approvals/role-requests';
import { AuditLog } from '../audit/audit-log';
import { approvalCard, MAX_REFRESH_USERS, type ApprovalView } from '../cards/approval-card';
import { isAdminOf } from '../domain/access';
import type { OrgIndex } from '../domain/org-index';
import type { User } from '../domain/records';
import { ROLE_LABELS, type DelegableRoleId, type Locale } from '../domain/vocabulary';
import { translator } from '../i18n/translate';
import type { Approver } from '../queries/approvers';
import type { KeyValueStorage } from '../storage/storage';
import { updateStored } from '../storage/update-stored';
import { AdminChannels } from './admin-channels';
import { ConversationRefs } from './conversation-refs';
import type { Notifier } from './notifier';
import { toActivity } from './reply-activity';
import type { Reply } from './reply';

/** A copy of an approval card sent somewhere: where, and which activity, to update it on decision. */
interface CardCopy {
  /** Whose personal chat (an approver's, or the requester's clicked card). */
  userId?: string;
  /** The workspace's admin channel. */
  channel?: boolean;
  reference: Partial<ConversationReference>;
  activityId: string;
}

const copiesKey = (requestId: string): string => `approvals/copies/${encodeURIComponent(requestId)}`;

/** Approval cards sent at once: many admins are reached in a few round trips, within Teams' 15 s. */
const PARALLEL_SENDS = 8;

/**
 * Rule 11 in Teams: a request notifies every admin of W who can be reached (personal chats, and
 * W's admin channel when one is set), with an approval card; the first decision wins
 * (RoleRequests); every copy of the card is then updated and the requester told.
 */
export class ApprovalFlow {
  readonly changes: OrgChangeLog;
  readonly audit: AuditLog;
  readonly requests: RoleRequests;
  readonly delegation: Delegation;
  readonly refs: ConversationRefs;
  readonly adminChannels: AdminChannels;

  constructor(
    private readonly storage: KeyValueStorage,
    readonly notifier: Notifier | undefined,
  ) {
    this.changes = new OrgChangeLog(storage);
    this.audit = new AuditLog(storage);
    this.requests = new RoleRequests(storage, this.changes, this.audit);
    this.delegation = new Delegation(storage, this.changes, this.audit);
    this.refs = new ConversationRefs(storage);
    this.adminChannels = new AdminChannels(storage);
  }

  view(org: OrgIndex, request: RoleRequest, actionable: boolean): ApprovalView {
    const workspaceName = org.workspaces.get(request.workspaceId)?.name ?? request.workspaceId;
    return {
      request,
      requesterName: org.users.get(request.userId)?.displayName ?? request.userId,
      workspaceName,
      deciderName: request.decidedBy ? (org.users.get(request.decidedBy)?.displayName ?? request.decidedBy) : undefined,
      actionable,
    };
  }

  /** Whether this user may act on the request now: an admin of W, not the requester, while pending. */
  mayDecide(org: OrgIndex, user: User, request: RoleRequest): boolean {
    return request.status === 'pending' && user.id !== request.userId && isAdminOf(org, user, request.workspaceId);
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
    origin: {
      conversationId: string;
      /** The requester's conversation: its connector opens chats with admins who never wrote to the bot. */
      reference?: Partial<ConversationReference>;
      requesterCard?: { reference: Partial<ConversationReference>; activityId: string };
    },
  ): Promise<Reply[]> {
    const t = translator(locale);
    const opened = await this.requests.open(user, role, workspaceId, origin.conversationId);
    const request = opened.request;
    // asked again, a request reaches the admins a first delivery missed (a crash, a chat unreachable then)
    await this.notifyApprovers(org, request, approvers, locale, origin.reference);
    if (origin.requesterCard) await this.appendCopies(request.id, [{ userId: user.id, ...origin.requesterCard }]);
    const copies = await this.copiesOf(request.id);
    const reached = approvers.filter((a) => copies.some((c) => c.userId === a.id)).map((a) => a.name);
    const workspace = org.workspaces.get(workspaceId)?.name ?? workspaceId;
    const note =
      opened.kind === 'already-open'
        ? t('approval.alreadyOpen')
        : reached.length
          ? t('approval.sent', { names: reached.join(', ') })
          : t('approval.sentNobody', { workspace, names: approvers.map((a) => a.name).join(', ') });
    return [{ card: approvalCard(locale, { ...this.view(org, request, false), note }) }];
  }

  /**
   * Sends the approval card to every approver who has no copy yet, a few at a time, recording each
   * copy as soon as it is sent (so a decision updates it even if this process dies meanwhile), then
   * to the workspace's admin channel.
   */
  private async notifyApprovers(
    org: OrgIndex,
    request: RoleRequest,
    approvers: readonly Approver[],
    locale: Locale,
    via: Partial<ConversationReference> | undefined,
  ): Promise<void> {
    const before = await this.copiesOf(request.id);
    const missing = approvers.filter((a) => !before.some((c) => c.userId === a.id));
    const card = approvalCard(locale, this.view(org, request, true));
    for (let i = 0; i < missing.length; i += PARALLEL_SENDS) {
      const batch = missing.slice(i, i + PARALLEL_SENDS);
      const delivered = await Promise.all(batch.map(async (a) => ({ userId: a.id, sent: await this.deliver(org, a.id, card, via) })));
      await this.appendCopies(
        request.id,
        delivered.flatMap((d) => (d.sent ? [{ userId: d.userId, ...d.sent }] : [])),
      );
    }
    const channel = await this.adminChannels.of(request.workspaceId);
    if (!channel || before.some((c) => c.channel)) return;
    // Teams ids (29:…) are known only from someone's own messages, not from a chat the bot opened
    const teamsIds = (await this.copiesOf(request.id))
      .filter((c) => c.userId !== undefined && approvers.some((a) => a.id === c.userId))
      .flatMap((c) => (c.reference.user?.id && c.reference.user.id !== c.reference.user.aadObjectId ? [c.reference.user.id] : []));
    // everyone in the channel sees it; approvers get buttons through their own view while Teams
    // can list them all (≤ 60 known ids), else the shared card has them and the server decides
    const personal = teamsIds.length === approvers.length && teamsIds.length <= MAX_REFRESH_USERS;
    const shared = this.view(org, request, !personal);
    const view = personal ? { ...shared, note: translator(locale)('approval.statusOnly', { workspace: shared.workspaceName }), viewersWithButtons: teamsIds } : shared;
    const activityId = await this.send(channel.reference, approvalCard(locale, view));
    if (activityId) await this.appendCopies(request.id, [{ channel: true, reference: channel.reference, activityId }]);
  }

  private async copiesOf(requestId: string): Promise<CardCopy[]> {
    return (await this.storage.read<CardCopy[]>(copiesKey(requestId)))?.value ?? [];
  }

  private async appendCopies(requestId: string, added: readonly CardCopy[]): Promise<void> {
    if (added.length === 0) return;
    await updateStored<CardCopy[]>(this.storage, copiesKey(requestId), (list = []) => {
      const fresh = added.filter((a) => !list.some((c) => c.activityId === a.activityId && c.reference.conversation?.id === a.reference.conversation?.id));
      return fresh.length === 0 ? undefined : [...list, ...fresh];
    });
  }

  /**
   * Sends a card to someone's personal chat: the one they had with the bot, else one opened through
   * the connector (the app installed for them), remembered for next time. Undefined: not reachable.
   */
  private async deliver(
    org: OrgIndex,
    userId: string,
    card: Reply['card'],
    via: Partial<ConversationReference> | undefined,
  ): Promise<{ reference: Partial<ConversationReference>; activityId: string } | undefined> {
    const reference = await this.refs.of(userId);
    if (reference) {
      const activityId = await this.send(reference, card);
      return activityId ? { reference, activityId } : undefined;
    }
    const aadObjectId = org.users.get(userId)?.aadObjectId;
    if (!via?.serviceUrl || !aadObjectId || !this.notifier?.openPersonalChat || !card) return undefined;
    const opened = await this.notifier.openPersonalChat(via, aadObjectId, toActivity({ card })).catch(() => undefined);
    if (!opened?.activityId) return undefined;
    await this.refs.remember(userId, opened.reference);
    return { reference: opened.reference, activityId: opened.activityId };
  }

  private async send(reference: Partial<ConversationReference>, card: Reply['card']): Promise<string | undefined> {
    if (!this.notifier || !card) return undefined;
    // a chat that cannot be reached (removed, blocked) leaves the others notified
    return this.notifier.send(reference, toActivity({ card })).catch(() => undefined);
  }

  /** The approval card as this user may see it (a user-specific view's refresh). */
  async viewFor(org: OrgIndex, user: User, requestId: string, locale: Locale): Promise<Reply[]> {
    const request = await this.requests.current(requestId);
    if (!request) return [{ text: translator(locale)('approval.unknown') }];
    return [{ card: approvalCard(locale, this.view(org, request, this.mayDecide(org, user, request))) }];
  }

  /** A click on Approve / Reject: the decider's rights and the request are re-checked by RoleRequests. */
  async decide(
    org: OrgIndex,
    decider: User,
    requestId: string,
    approve: boolean,
    comment: string | undefined,
    locale: Locale,
    conversationId?: string,
  ): Promise<Reply[]> {
    const t = translator(locale);
    const outcome = await this.requests.decide(org, decider, requestId, approve, comment, conversationId);
    switch (outcome.kind) {
      case 'unknown':
        return [{ text: t('approval.unknown') }];
      case 'not-allowed': {
        const key =
          outcome.reason === 'requester' ? 'approval.notAllowedRequester' : outcome.reason === 'not-admin' ? 'approval.notAllowedAdmin' : 'approval.notMember';
        return [{ text: t(key, { name: '' }) }];
      }
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
    const copies = await this.copiesOf(request.id);
    const activity = toActivity({ card: approvalCard(locale, this.view(org, request, false)) });
    // a copy that cannot be updated (chat deleted, bot removed) must not undo the decision
    await Promise.all(copies.map((c) => notifier.update(c.reference, c.activityId, activity).catch(() => undefined)));
  }

  private async tellRequester(org: OrgIndex, request: RoleRequest, decider: User, locale: Locale): Promise<void> {
    const t = translator(locale);
    const text = t(request.status === 'approved' ? 'approval.toRequesterApproved' : 'approval.toRequesterRejected', {
      name: decider.displayName,
      role: ROLE_LABELS[request.role][locale],
      workspace: org.workspaces.get(request.workspaceId)?.name ?? request.workspaceId,
    });
    await this.tell(request.userId, text);
  }

  /** A line in someone's personal chat, when they have one with the bot. */
  async tell(userId: string, text: string): Promise<void> {
    const reference = await this.refs.of(userId);
    if (!reference || !this.notifier) return;
    await this.notifier.send(reference, toActivity({ text })).catch(() => undefined);
  }
}
