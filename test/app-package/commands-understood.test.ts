import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recognize } from '../../src/nlu/recognize';

// Every command the Teams command menu offers must land on an intent, in both languages:
// the menu sends its title as the message.

const root = path.resolve(__dirname, '..', '..', 'appPackage');
const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8')) as {
  bots: { commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
};
const italian = JSON.parse(readFileSync(path.join(root, 'it.json'), 'utf8')) as Record<string, string>;

const commands = (manifest.bots[0]?.commandLists ?? []).flatMap((list, li) =>
  list.commands.map((c, ci) => ({ en: c.title, it: italian[`bots[0].commandLists[${li}].commands[${ci}].title`] ?? '' })),
);

describe('the manifest command lists', () => {
  it.each(commands)('"$en" / "$it" are understood', ({ en, it }) => {
    const english = recognize(en, { today: '2026-11-22', locale: 'en' });
    const italianResult = recognize(it, { today: '2026-11-22', locale: 'it' });
    expect(english.intent).not.toBe('none');
    expect(italianResult.intent).toBe(english.intent);
    expect(english.problem).toBeUndefined();
  });
});
