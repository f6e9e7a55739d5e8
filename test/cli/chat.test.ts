import { spawnSync } from 'node:child_process';
import path from 'node:path';

// npm run -s chat (interfaces.md): every reply as a person reads it, a report's file included.

const ROOT = path.resolve(__dirname, '..', '..');

function chat(locale: 'it' | 'en', message: string): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/chat.ts', '--as', 'anna.bianchi@contoso.com', '--locale', locale, '--today', '2026-11-22', message], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  return run.stdout;
}

describe('the chat command', () => {
  it('shows a report’s file as Teams offers it: its name, its size and the two choices, in the user’s language', () => {
    const english = chat('en', 'delivery report as csv');
    expect(english).toMatch(/^📎 proof-of-delivery_contoso-italia_2025-11-23_2026-11-22\.csv \(\d+ KB\) \[Allow\] \[Decline\]$/m);
    const italian = chat('it', 'report di consegna in csv');
    expect(italian).toMatch(/^📎 prova-di-consegna_contoso-italia_2025-11-23_2026-11-22\.csv \(\d+ KB\) \[Consenti\] \[Rifiuta\]$/m);
    expect(italian).not.toMatch(/\n\n\n/); // no card left as blank lines
  });

  it('says what will lapse of a count without a unit to read "of" after, in both languages', () => {
    const english = chat('en', 'what expires in the next 90 days?');
    expect(english).toMatch(/^43\.17 credits of Proactive credits will lapse unused$/m);
    expect(english).toMatch(/^Named support contacts: 1 will lapse unused \|/m);
    expect(chat('it', 'cosa scade nei prossimi 90 giorni?')).toMatch(/^Named support contacts: ne avanzerà 1 alla scadenza \|/m);
  });
});
