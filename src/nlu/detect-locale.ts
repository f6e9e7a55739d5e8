import type { Locale } from '../domain/vocabulary';

// Function words that tell the two languages apart in short chat messages.
const ITALIAN = new Set(
  'il lo la i gli le un una di del della dei delle da dal nel nella nei per con che chi cosa come quali quale quanti quante quando sono ho hai mi ci mio mia miei mostra elenca dammi aiuto ciao grazie area aree scade scadenze contratto contratti pacchetti crediti restano rimasti riepilogo richieste supporto ruolo vorrei questo canale giorni mesi settimane anno tutte tutti e fa sai puoi ancora oggi ieri domani'.split(' '),
);
const ENGLISH = new Set(
  'the an of in on for with what which who how many much when is are do does my me show list give help hi hello thanks workspace workspaces expire expires expiring contract contracts packages credits left remaining summary requests support role this channel days months weeks year all and'.split(' '),
);

/** Detects Italian or English from the words used; `fallback` when the text does not tell. */
export function detectLocale(normalizedText: string, fallback: Locale): Locale {
  let it = 0;
  let en = 0;
  for (const word of normalizedText.split(' ')) {
    if (ITALIAN.has(word)) it += 1;
    if (ENGLISH.has(word)) en += 1;
  }
  if (it === en) return fallback;
  return it > en ? 'it' : 'en';
}
