// Text as the matchers read it. `fold` keeps every character at its offset, so that a span found in
// the folded text is the same span of what the user wrote ("as written" entities come from there).

/** Longer messages are read up to here (about 80 words): enough for a chat request, and it bounds the work per message. */
export const MAX_ANALYSED_LENGTH = 500;

const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const TEAMS_MENTION = /<at>[^<]{0,200}<\/at>/gi;

function blank(match: string): string {
  return ' '.repeat(match.length);
}

/** Control, format (bidi overrides, zero-width) and Teams <at> mentions become spaces, length kept. */
export function clean(text: string): string {
  return text.slice(0, MAX_ANALYSED_LENGTH).replace(CONTROL, blank).replace(TEAMS_MENTION, blank);
}

const foldCache = new Map<string, string>();

function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return ch.toLowerCase();
  if (code >= 0xd800 && code <= 0xdfff) return ' '; // half of an astral character (emoji): not a word
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  const base = ch.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  const folded = base.length === 1 ? base : ch.length === 1 && /\p{L}/u.test(ch) ? ch : ' ';
  if (foldCache.size < 4096) foldCache.set(ch, folded);
  return folded;
}

/** Lower case without accents, one UTF-16 unit for one: `fold(t).length === t.length`. */
export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) out += foldChar(text.charAt(i));
  return out;
}

/** Lower case, accents off, bot @mentions and punctuation to spaces: a comparable form of a phrase. */
export function normalize(text: string): string {
  return fold(clean(text))
    .replace(/@\S+/g, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
