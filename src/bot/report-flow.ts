import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import { messageCard } from '../cards/message-card';
import { fileConsentCard, fileInfoCard, reportDescription, reportSummaryCard, type ReportView } from '../cards/report-card';
import { isAppError } from '../domain/errors';
import type { OrgIndex } from '../domain/org-index';
import type { Logger } from '../domain/ports';
import type { User } from '../domain/records';
import type { Locale } from '../domain/vocabulary';
import { errorMessage } from '../i18n/error-message';
import { translator } from '../i18n/translate';
import { measureExport, prepareExport, renderExport, type ExportRequest, type ReportExport } from '../reports/report-export';
import { bufferSource, uploadToSession, type UploadOptions } from '../reports/upload-session';
import type { KeyValueStorage } from '../storage/storage';
import type { ApprovalFlow } from './approval-flow';
import { toActivity } from './reply-activity';
import type { Reply } from './reply';
import { OFFER_LIFETIME_MS, ReportOffers, type ReportOffer } from './report-offers';

// Reports as files in chat (issue 12). Asked in personal chat: a summary card and a Teams file
// consent card. Asked in a channel or group chat: nothing of the report there, the same offer in
// the asker's personal chat. The Allow click is an untrusted invoke: the offer is looked up by the
// id it carries, the clicker must be the asker, the offer at most an hour old and unanswered, and
// the asker's rights are checked again before the file is made, uploaded and audited.

export interface ReportClock {
  now(): Date;
  /** How fresh the data of this snapshot is: the title block's "data as of". */
  dataAsOf(org: OrgIndex): Date;
}

/**
 * The bot is not told when its data was loaded: "data as of" is when this process first made a
 * report from this load of the dataset (a reload is a new dataset; changes made in chat share it).
 */
export function firstSeenClock(now: () => Date = () => new Date()): ReportClock {
  const seen = new WeakMap<object, Date>();
  return {
    now,
    dataAsOf(org) {
      let at = seen.get(org.dataset);
      if (!at) {
        at = now();
        seen.set(org.dataset, at);
      }
      return at;
    },
  };
}

/** Who asks for a report, where, and what they asked (resolved by the query when offered). */
export interface ReportAsk {
  org: OrgIndex;
  user: User;
  locale: Locale;
  today: string;
  /** Personal chat: the offer is the answer. Else it goes to the personal chat and the answer says so. */
  personal: boolean;
  /** The conversation asked in: its connector opens a personal chat when there is none yet. */
  origin: Partial<ConversationReference>;
  /** Asked by a card button ("did you mean Finance?"): the answer replaces that card, and a card answer holds one card. */
  fromCard: boolean;
  request: ExportRequest;
}

/** An Allow or Decline on a consent card, as the edge hands it over. */
export interface ConsentTurn {
  org: OrgIndex;
  /** Who clicked, identified now; undefined: nobody of the organization. */
  user: User | undefined;
  clientLocale: Locale;
  today: string;
  conversationId: string;
  send(reply: Reply): Promise<void>;
  /** Replaces the clicked consent card (its state), when Teams says which message it was. */
  replaceCard(reply: Reply): Promise<void>;
}

// Teams' fileConsent/invoke value; only the offer id is read from the context.
const consentValue = z
  .object({
    action: z.enum(['accept', 'decline']),
    // exactly what the card was sent with: anything added or changed is an altered context
    context: z.object({ exportId: z.string().max(100) }).strict(),
    uploadInfo: z
      .object({
        name: z.string().min(1).max(400),
        uploadUrl: z.string().max(8000),
        contentUrl: z.string().max(8000),
        uniqueId: z.string().max(400),
        fileType: z.string().max(40),
      })
      .loose()
      .optional(),
  })
  .loose();
type UploadInfo = NonNullable<z.infer<typeof consentValue>['uploadInfo']>;

/** OneDrive hands out https upload URLs; plain http only on this machine (local stand-ins). */
function uploadUrlAllowed(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

export class ReportFlow {
  readonly offers: ReportOffers;

  constructor(
    storage: KeyValueStorage,
    private readonly approvals: ApprovalFlow,
    private readonly logger: Logger,
    private readonly clock: ReportClock = firstSeenClock(),
    private readonly uploadOptions: UploadOptions = {},
  ) {
    this.offers = new ReportOffers(storage);
  }

  private view(org: OrgIndex, locale: Locale, exported: ReportExport): ReportView {
    const { resolved, scope } = exported;
    const names = exported.workspaceIds.map((id) => org.workspaces.get(id)?.name ?? id).join(', ');
    return {
      report: resolved.report,
      format: resolved.format,
      fileName: exported.fileName,
      scopeName: 'name' in scope ? scope.name : `${translator(locale)('answers.scopeAll')}: ${names}`,
      since: resolved.since,
      until: resolved.until,
      rows: exported.rows,
      totals: exported.totals,
    };
  }

  /**
   * Runs the report's query for the asker (a refusal is thrown as the query throws it), keeps the
   * offer, and answers with the summary and the consent card, or, outside personal chat, sends
   * them there and answers only that it did.
   */
  async offer(ask: ReportAsk): Promise<Reply[]> {
    const now = this.clock.now();
    const exported = prepareExport({ org: ask.org, user: ask.user, today: ask.today, now, dataAsOf: this.clock.dataAsOf(ask.org) }, ask.request);
    const size = await measureExport(exported, now);
    const offer = await this.offers.create({ userId: ask.user.id, request: exported.resolved, fileName: exported.fileName, createdAt: now.toISOString() });
    const view = this.view(ask.org, ask.locale, exported);
    const replies: Reply[] = [
      { card: reportSummaryCard(ask.locale, view) },
      { file: fileConsentCard(exported.fileName, reportDescription(ask.locale, view), size, offer.id) },
    ];
    if (ask.personal) return ask.fromCard ? this.consentApart(ask, replies) : replies;
    const t = translator(ask.locale);
    return [{ text: t((await this.sendPrivately(ask, replies)) ? 'reports.privately' : 'reports.unreachable') }];
  }

  /** The summary replaces the clicked card; the consent card, which cannot, follows as a message of its own. */
  private async consentApart(ask: ReportAsk, replies: Reply[]): Promise<Reply[]> {
    const [summary, consent] = replies;
    const notifier = this.approvals.notifier;
    if (!summary || !consent || !notifier) return replies;
    try {
      await notifier.send(ask.origin, toActivity(consent));
      return [summary];
    } catch (error) {
      this.logger.warn({ err: error }, 'could not send a consent card after a card click');
      return replies;
    }
  }

  /** The asker's personal chat: the one they had with the bot, else one opened through the connector. */
  private async sendPrivately(ask: ReportAsk, replies: readonly Reply[]): Promise<boolean> {
    const notifier = this.approvals.notifier;
    if (!notifier) return false;
    const activities = replies.map((r) => toActivity(r));
    try {
      let reference = await this.approvals.refs.of(ask.user.id);
      let rest = activities;
      if (!reference) {
        const [first, ...others] = activities;
        if (!first || !ask.origin.serviceUrl || !ask.user.aadObjectId || !notifier.openPersonalChat) return false;
        const opened = await notifier.openPersonalChat(ask.origin, ask.user.aadObjectId, first);
        reference = opened.reference;
        await this.approvals.refs.remember(ask.user.id, reference);
        rest = others;
      }
      for (const activity of rest) await notifier.send(reference, activity);
      return true;
    } catch (error) {
      this.logger.warn({ err: error }, 'could not offer a report in the personal chat');
      return false;
    }
  }

  /** Allow or Decline on a consent card; every answer says what happened, nothing is uploaded unless all checks pass. */
  async answer(turn: ConsentTurn, value: unknown): Promise<void> {
    const parsed = consentValue.safeParse(value);
    const offer = parsed.success ? await this.offers.read(parsed.data.context.exportId) : undefined;
    const clientT = translator(turn.clientLocale);
    if (!parsed.success || !offer) {
      await turn.send({ text: clientT('reports.unknown') });
      return;
    }
    if (!turn.user || turn.user.id !== offer.userId) {
      this.logger.warn({ offerId: offer.id }, 'a report offer answered by someone other than the asker: nothing sent');
      await turn.send({ text: clientT('reports.notYours') });
      return;
    }
    const at = this.clock.now();
    if (parsed.data.action === 'decline') await this.decline(turn, offer, at);
    else await this.accept(turn, turn.user, offer, parsed.data.uploadInfo, at);
  }

  private async settled(turn: ConsentTurn, offer: ReportOffer | undefined, locale: Locale): Promise<void> {
    const t = translator(locale);
    await turn.send({ text: !offer || offer.status === 'offered' ? t('reports.unknown') : t(`reports.already.${offer.status}`) });
  }

  private async decline(turn: ConsentTurn, offer: ReportOffer, at: Date): Promise<void> {
    const t = translator(offer.request.locale);
    const { moved, offer: now } = await this.offers.move(offer.id, 'offered', 'declined', at.toISOString());
    if (!moved) return this.settled(turn, now, offer.request.locale);
    await turn.replaceCard({ card: messageCard({ text: t('reports.card.declined', { name: offer.fileName }) }) });
    await turn.send({ text: t('reports.declined', { name: offer.fileName }) });
  }

  private async accept(turn: ConsentTurn, user: User, offer: ReportOffer, upload: UploadInfo | undefined, at: Date): Promise<void> {
    const locale = offer.request.locale;
    const t = translator(locale);
    if (offer.status !== 'offered') return this.settled(turn, offer, locale);
    if (at.getTime() - Date.parse(offer.createdAt) > OFFER_LIFETIME_MS) {
      const { moved, offer: now } = await this.offers.move(offer.id, 'offered', 'expired', at.toISOString());
      if (!moved) return this.settled(turn, now, locale);
      await turn.replaceCard({ card: messageCard({ text: t('reports.card.expired', { name: offer.fileName }) }) });
      await turn.send({ text: t('reports.expired') });
      return;
    }
    if (!upload || !uploadUrlAllowed(upload.uploadUrl)) {
      this.logger.warn({ offerId: offer.id }, 'a report offer accepted without a usable upload URL: nothing sent');
      await turn.send({ text: t('reports.uploadFailed') });
      return;
    }
    const claim = await this.offers.move(offer.id, 'offered', 'uploading', at.toISOString());
    if (!claim.moved) return this.settled(turn, claim.offer, locale);
    const outcome = await this.makeAndUpload(turn, user, offer, upload, at);
    if (outcome.kind !== 'sent') {
      await this.offers.move(offer.id, 'uploading', outcome.kind, this.clock.now().toISOString());
      await turn.send({ text: outcome.text });
      return;
    }
    await this.offers.move(offer.id, 'uploading', 'sent', this.clock.now().toISOString());
    await this.audit(turn, user, offer, outcome.exported, upload.name, at);
    await turn.replaceCard({ card: messageCard({ text: t('reports.card.sent', { name: upload.name }), color: 'good' }) });
    await turn.send({ text: t('reports.sent', { name: upload.name }), file: fileInfoCard(upload) });
  }

  /** The asker's rights now (the query layer again), the file as the `report` command makes it, then the upload. */
  private async makeAndUpload(
    turn: ConsentTurn,
    user: User,
    offer: ReportOffer,
    upload: UploadInfo,
    at: Date,
  ): Promise<{ kind: 'sent'; exported: ReportExport } | { kind: 'refused' | 'failed'; text: string }> {
    const locale = offer.request.locale;
    const t = translator(locale);
    let exported: ReportExport;
    try {
      exported = prepareExport({ org: turn.org, user, today: turn.today, now: at, dataAsOf: this.clock.dataAsOf(turn.org) }, offer.request);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return { kind: 'refused', text: t('reports.refusedNow', { reason: errorMessage(error, locale) }) };
    }
    try {
      const bytes = await renderExport(exported, at);
      const result = await uploadToSession(upload.uploadUrl, bufferSource(bytes), this.uploadOptions);
      this.logger.info({ offerId: offer.id, bytes: bytes.length, requests: result.requests, retries: result.retries }, 'report uploaded');
      return { kind: 'sent', exported };
    } catch (error) {
      this.logger.warn({ offerId: offer.id, err: error }, 'report upload failed: nothing sent');
      return { kind: 'failed', text: t('reports.uploadFailed') };
    }
  }

  /** One entry per workspace of the scope, each with that workspace's rows (an admin sees only their workspaces' entries). */
  private async audit(turn: ConsentTurn, user: User, offer: ReportOffer, exported: ReportExport, fileName: string, at: Date): Promise<void> {
    const { report, format, workspace, since, until } = offer.request;
    try {
      for (const [workspaceId, rows] of exported.rowsPerWorkspace()) {
        await this.approvals.audit.append({
          id: `${offer.id}:${workspaceId}`,
          at: at.toISOString(),
          action: 'report.exported',
          actorId: user.id,
          subjectId: user.id,
          workspaceId,
          conversationId: turn.conversationId,
          report: { name: report, format, scope: workspace, ...(since && until ? { since, until } : {}), rows, fileName },
        });
      }
    } catch (error) {
      // the file is in the user's OneDrive already: say so, and leave the gap in the log to the logs
      this.logger.error({ offerId: offer.id, err: error }, 'report sent but not audited');
    }
  }
}
