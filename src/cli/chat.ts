import { createInterface } from 'node:readline';
import { LocalConversation } from '../bot/local-conversation';
import { createBot } from '../bot/create-bot';
import { cardText } from '../cards/card-text';
import { FILE_CONSENT_CONTENT_TYPE, FILE_INFO_CONTENT_TYPE } from '../cards/report-card';
import { isJsonObject } from '../domain/json';
import { formatNumber } from '../i18n/format';
import type { Locale } from '../domain/vocabulary';
import { translator } from '../i18n/translate';
import { badRequest } from '../domain/errors';
import { OrgIndex } from '../domain/org-index';
import { MemoryStorage } from '../storage/memory-storage';
import { EXIT, loadOrg, resolveToday, runMain } from './cli-support';
import { parseArgs, take } from './parse-args';
import type { Activity } from 'botbuilder';

// npm run -s chat -- --as EMAIL [--locale it|en] [--json] [MESSAGE]  (interfaces.md)
async function main(): Promise<number> {
  const { flags, switches, positionals } = parseArgs(process.argv.slice(2), ['json']);
  const as = take(flags, 'as');
  const locale = take(flags, 'locale') ?? 'en';
  const org: OrgIndex = await loadOrg(take(flags, 'data'));
  const today = resolveToday(take(flags, 'today'));
  const unknown = Object.keys(flags);
  if (!as) throw badRequest('errors.badRequest.missingFlag', { flag: '--as', expected: 'the e-mail of a user' });
  if (locale !== 'it' && locale !== 'en') throw badRequest('errors.badRequest.badFlag', { flag: '--locale', expected: 'it or en' });
  if (unknown.length > 0) {
    throw badRequest('errors.badRequest.unknownFlag', { flag: `--${unknown[0]}`, query: 'chat', expected: ['--as', '--locale', '--json', '--data', '--today'] });
  }

  // Someone not in the organization talks to the bot all the same: the bot itself says so.
  const user = org.userByEmail(as) ?? { id: as, email: as, displayName: as };
  const bot = createBot(
    { org: () => org, storage: new MemoryStorage(), today: () => today, logger: stderrLogger },
    () => Promise.resolve(as),
  );
  const conversation = new LocalConversation(bot, { user, locale: locale === 'it' ? 'it-IT' : 'en-US' });
  const print = (replies: Partial<Activity>[]): void => {
    for (const reply of replies) process.stdout.write(`${switches.has('json') ? JSON.stringify(reply) : readable(reply, locale)}\n`);
  };

  const message = positionals.join(' ').trim();
  if (message) {
    print(await conversation.send(message));
  } else {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      if (line.trim()) print(await conversation.send(line));
    }
  }
  return EXIT.ok;
}

/** A reply as a person reads it in Teams: its text, its cards, and a report's file as Teams shows it. */
function readable(activity: Partial<Activity>, locale: Locale): string {
  const t = translator(locale);
  const parts = [activity.text ?? ''];
  for (const attachment of activity.attachments ?? []) {
    const content: unknown = attachment.content;
    if (attachment.contentType === FILE_CONSENT_CONTENT_TYPE) {
      const bytes = isJsonObject(content) && typeof content.sizeInBytes === 'number' ? content.sizeInBytes : 0;
      parts.push(t('reports.chatText.fileConsent', { name: attachment.name ?? '', size: `${formatNumber(locale, Math.max(1, Math.ceil(bytes / 1024)))} KB` }));
    } else if (attachment.contentType === FILE_INFO_CONTENT_TYPE) {
      parts.push(t('reports.chatText.fileInfo', { name: attachment.name ?? '', url: attachment.contentUrl ?? '' }));
    } else if (isJsonObject(content)) parts.push(cardText(content));
  }
  return `${parts.filter(Boolean).join('\n')}\n`;
}

const log = (level: string) => (obj: object | string, msg?: string) => {
  if (process.env.LOG_LEVEL === 'debug' || level !== 'debug') {
    process.stderr.write(`${level}: ${typeof obj === 'string' ? obj : `${msg ?? ''} ${JSON.stringify(obj)}`}\n`);
  }
};
const stderrLogger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };

runMain(main);
