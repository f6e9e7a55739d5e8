/** Lower case, accents off, bot @mentions and punctuation to spaces: what the matchers read. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/@\S+/g, ' ')
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
