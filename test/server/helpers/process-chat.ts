import { randomUUID } from 'node:crypto';
import { cardText } from '../../../src/cards/card-text';
import { spawnServer, type ServerProcess } from './server-process';
import type { ReceivedActivity, StandInConnector } from './stand-in-connector';
import { postActivity } from './teams-activity';

// Talking to real server processes (src/server/main.ts) as Teams would: start and stop them, chat
// and click cards from a given person's personal chat, and wait for what the bot sends to the
// stand-in connector, on its events rather than on timers.

export interface ReadyServer {
  process: ServerProcess;
  /** Base URL; the messaging endpoint is `${url}/api/messages`. */
  url: string;
}

/** Spawns the server and resolves once it logged that it is ready (data loaded, storage open). */
export async function startReadyServer(env: Record<string, string>, cwd: string): Promise<ReadyServer> {
  const server = spawnServer(env, cwd);
  const listening = await server.waitForLog((l) => l.msg === 'listening; loading data');
  await server.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('ready at '));
  return { process: server, url: String(listening.url) };
}

const running = (p: ServerProcess): boolean => p.child.exitCode === null && p.child.signalCode === null;

/** SIGTERM, the way a deployment stops it; resolves with how it exited. */
export async function stopServer(p: ServerProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (running(p)) p.child.kill('SIGTERM');
  return p.exited;
}

/** kill -9: no shutdown code runs. */
export async function killServer(p: ServerProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (running(p)) p.child.kill('SIGKILL');
  return p.exited;
}

/** Someone in a tenant, writing from their own personal chat with the bot. */
export interface ChatPerson {
  /** Teams channel account id (29:…). */
  id: string;
  name: string;
  aadObjectId?: string;
  /** Their personal conversation's id. */
  conversationId: string;
  tenantId: string;
}

function fromPerson(serviceUrl: string, person: ChatPerson) {
  return {
    id: `1732${Math.floor(Math.random() * 1e9)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: person.id, name: person.name, ...(person.aadObjectId ? { aadObjectId: person.aadObjectId } : {}) },
    recipient: { id: '28:bot-app-id', name: 'Activity Bot' },
    conversation: { id: person.conversationId, conversationType: 'personal', tenantId: person.tenantId },
    channelData: { tenant: { id: person.tenantId } },
    locale: 'en-US',
  };
}

/** A message (optionally carrying an Action.Submit `value`) as Teams posts it. */
export function messageFrom(serviceUrl: string, person: ChatPerson, text: string, value?: Record<string, unknown>) {
  return { ...fromPerson(serviceUrl, person), type: 'message', text, textFormat: 'plain', ...(value ? { value } : {}) };
}

/** A click on an Action.Execute button of the card `cardActivityId` (the adaptiveCard/action invoke). */
export function cardClick(serviceUrl: string, person: ChatPerson, cardActivityId: string, verb: string, data: Record<string, unknown>) {
  return {
    ...fromPerson(serviceUrl, person),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: cardActivityId,
    value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: 'manual' },
  };
}

export interface InvokeResponse {
  statusCode: number;
  type: string;
  value: unknown;
}

/** Posts an invoke and returns the invoke response the bot put in the HTTP body. */
export async function click(botUrl: string, activity: object): Promise<InvokeResponse> {
  const response = await postActivity(botUrl, activity);
  if (response.status !== 200) throw new Error(`invoke answered HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as InvokeResponse;
}

/** What a person reads in an invoke response: the card's text, or the message. */
export const invokeText = (r: InvokeResponse): string =>
  typeof r.value === 'string' ? r.value : cardText(r.value as Record<string, unknown>);

type CardJson = Record<string, unknown>;

/** The first card attachment of something the bot sent, if any. */
export function cardOf(sent: ReceivedActivity): CardJson | undefined {
  const first = sent.activity.attachments?.[0] as { content?: unknown } | undefined;
  return first?.content && typeof first.content === 'object' ? (first.content as CardJson) : undefined;
}

/** What a person reads in something the bot sent: its text and its card's text. */
export function readableOf(sent: ReceivedActivity): string {
  const card = cardOf(sent);
  return [sent.activity.text ?? '', card ? cardText(card) : ''].filter(Boolean).join('\n');
}

/** The Action.Execute button titled `title` on a card: its verb and data. */
export function buttonOf(card: CardJson | undefined, title: string): { verb: string; data: Record<string, unknown> } | undefined {
  const actions = (card?.actions ?? []) as { type?: string; title?: string; verb?: string; data?: Record<string, unknown> }[];
  const action = actions.find((a) => a.type === 'Action.Execute' && a.title === title);
  return action?.verb ? { verb: action.verb, data: action.data ?? {} } : undefined;
}

/**
 * The activity id the connector gave a message the bot posted (what Teams puts in `replyToId`
 * when that card is clicked): the stand-in answers the n-th request with `reply-n`.
 */
export function activityIdOf(connector: StandInConnector, sent: ReceivedActivity): string {
  const n = connector.received.indexOf(sent) + 1;
  if (n === 0 || sent.method !== 'POST') throw new Error('not a message the bot posted to this connector');
  return `reply-${n}`;
}

/** The replies of one turn: what the bot posted in answer to the message `activityId`. */
export const repliesTo = (connector: StandInConnector, activityId: string): ReceivedActivity[] =>
  connector.received.filter((r) => r.method === 'POST' && r.activity.replyToId === activityId);
