import type { Analysis } from './analysis';

// E-mail addresses, contract numbers and bot @mentions: found in the text before it is split into
// words, since they contain dots, dashes and @.

const EMAIL = /[\p{L}\p{N}._%+'-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,24}/gu;
const AT_MENTION = /(?<![\p{L}\p{N}])@[\p{L}\p{N}_.-]{1,60}/gu;
// "contratto 4100-22", "contract no. 7730-19", "contr. n° 12/2024": the number has a digit.
const CONTRACT =
  /\b(?:contrat+[oi]|contracts?|contr\.?|agreements?)\s*(?:(?:n|no|nr|num|numero|number|#)\s*[.:°º]?\s*)?[:#]?\s*([a-z0-9](?:[a-z0-9/_.-]{0,30}[a-z0-9])?)/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function extractEmails(analysis: Analysis): void {
  for (const match of analysis.view.matchAll(EMAIL)) {
    const start = match.index;
    const raw = analysis.raw.slice(start, start + match[0].length);
    analysis.add({ kind: 'email', value: raw.toLowerCase().replace(/^[.'-]+/, '') }, start, start + match[0].length);
  }
  for (const match of analysis.view.matchAll(AT_MENTION)) analysis.erase(match.index, match.index + match[0].length);
}

export function extractContracts(analysis: Analysis): void {
  for (const match of analysis.view.matchAll(CONTRACT)) {
    const id = match[1] ?? '';
    if (!/\d/.test(id) || ISO_DATE.test(id) || id.length < 3) continue;
    const start = match.index + match[0].length - id.length;
    analysis.add({ kind: 'contract', value: analysis.raw.slice(start, start + id.length) }, start, start + id.length);
  }
}
