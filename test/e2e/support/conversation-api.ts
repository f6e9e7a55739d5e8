import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cardText } from '../../../src/cards/card-text';
import { PLAYGROUND_BOT } from '../../../src/cli/playground-users';

// A second person's Teams client without a browser: the Agents Playground's own conversation API,
// the one its web page calls. Messages go out through REST (the Playground sends them as its
// current user, so the second person has a Playground of their own); card clicks go out as
// `adaptiveCard/action` invokes; what the bot posts or updates comes back on its WebSocket stream.

type Json = Record<string, unknown>;

export interface StreamMessage {
  action: 'createMessage' | 'updateMessage';
  /** A channel post's thread is `<channel id>;messageid=<post id>`. */
  conversationId: string;
  messageId: string;
  fromBot: boolean;
  text: string;
  card?: Json;
  /** The text a person reads: the message text and the card's texts. */
  readable: string;
}

interface StreamAction {
  action?: string;
  actionConversationId?: string;
  message?: { messageId?: string; from?: { id?: string }; text?: string; attachments?: { contentType?: string; content?: Json }[] };
}

// Node 20 has WebSocket only behind a flag: a small process of its own prints the stream, one
// action per line, and {"open":true} once connected.
const STREAM_CLIENT = `
const ws = new WebSocket(process.argv[1]);
ws.onopen = () => process.stdout.write('{"open":true}\\n');
ws.onmessage = (event) => process.stdout.write(JSON.stringify(JSON.parse(String(event.data))) + '\\n');
ws.onerror = () => { process.stderr.write('WebSocket error\\n'); process.exit(1); };
ws.onclose = () => process.exit(0);
`;
const websocketFlag = Number(process.versions.node.split('.')[0]) < 22 ? ['--experimental-websocket'] : [];

function toMessage(a: StreamAction): StreamMessage | undefined {
  if ((a.action !== 'createMessage' && a.action !== 'updateMessage') || !a.message || !a.actionConversationId) return undefined;
  const card = a.message.attachments?.find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  const text = a.message.text ?? '';
  return {
    action: a.action,
    conversationId: a.actionConversationId,
    messageId: a.message.messageId ?? '',
    fromBot: a.message.from?.id === PLAYGROUND_BOT.id,
    text,
    ...(card ? { card } : {}),
    readable: [text, card ? cardText(card) : ''].join('\n'),
  };
}

/** The Action.Execute with this title anywhere in the card (buttons and clickable lines). */
function executeAction(card: Json | undefined, title: string): Json | undefined {
  const walk = (node: unknown): Json | undefined => {
    if (Array.isArray(node)) return node.map(walk).find(Boolean);
    if (!node || typeof node !== 'object') return undefined;
    const o = node as Json;
    if (o.type === 'Action.Execute' && o.title === title) return o;
    return Object.values(o).map(walk).find(Boolean);
  };
  return walk(card);
}

export class ConversationApi {
  private readonly messages: StreamMessage[] = [];
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly base: string,
    /** The Playground's id of its current user, e.g. 29:u-anna-bianchi */
    readonly userId: string,
    private readonly stream: ChildProcess,
  ) {}

  static async connect(base: string, userId: string): Promise<ConversationApi> {
    const url = `${base.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`;
    const stream = spawn(process.execPath, [...websocketFlag, '--no-warnings', '-e', STREAM_CLIENT, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    const api = new ConversationApi(base, userId, stream);
    const opened = new Promise<void>((resolve, reject) => {
      stream.once('exit', (code) => reject(new Error(`the stream client of ${base} exited (${code})`)));
      createInterface({ input: stream.stdout }).on('line', (line) => {
        const action = JSON.parse(line) as StreamAction & { open?: boolean };
        if (action.open) resolve();
        const message = toMessage(action);
        if (message) {
          api.messages.push(message);
          api.listeners.forEach((notify) => notify());
        }
      });
    });
    await opened;
    return api;
  }

  /** A bookmark: waitForBot(since) looks only at what the stream brings after it. */
  mark(): number {
    return this.messages.length;
  }

  /** The first message from the bot after `since` that passes `test`, as soon as it arrives. */
  waitForBot(since: number, test: (m: StreamMessage) => boolean, what: string, timeoutMs = 30_000): Promise<StreamMessage> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.messages.slice(since).find((m) => m.fromBot && test(m));
        if (!found) return;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        const seen = this.messages.slice(since).map((m) => `${m.action} ${m.conversationId}: ${m.readable.slice(0, 200)}`);
        reject(new Error(`${this.base}: no message from the bot ${what} within ${timeoutMs / 1000} s; seen:\n${seen.join('\n') || '(nothing)'}`));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  /** Types a message (in a channel, @mentioning the bot first, as Teams requires). */
  async say(conversationId: string, text: string, options: { mentionBot?: boolean } = {}): Promise<{ messageId: string; postConversationId?: string }> {
    const mention = `<at>${PLAYGROUND_BOT.name}</at>`;
    const body = options.mentionBot
      ? { from: { id: this.userId }, text: `${mention} ${text}`, textFormat: 'plain', mentions: [{ mentioned: { ...PLAYGROUND_BOT }, text: mention }] }
      : { from: { id: this.userId }, text, textFormat: 'plain' };
    return (await this.post(`/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, body)) as { messageId: string; postConversationId?: string };
  }

  /** Clicks the card's button (or line) with this title: the invoke the Playground's page sends. */
  async click(message: StreamMessage, title: string): Promise<{ card?: Json; readable: string }> {
    const action = executeAction(message.card, title);
    if (!action) throw new Error(`no "${title}" on the card:\n${message.readable}`);
    const response = (await this.post('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', title, verb: action.verb, data: action.data ?? {} } },
      from: { id: this.userId },
      conversation: { id: message.conversationId },
      replyToId: message.messageId,
    })) as { value?: Json };
    const card = response.value?.type === 'AdaptiveCard' ? response.value : undefined;
    return { ...(card ? { card } : {}), readable: card ? cardText(card) : JSON.stringify(response.value ?? {}) };
  }

  private async post(route: string, body: object): Promise<unknown> {
    const response = await fetch(`${this.base}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST ${route}: HTTP ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  close(): void {
    this.stream.kill();
  }
}
