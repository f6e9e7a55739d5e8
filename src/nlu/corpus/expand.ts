// Expansion of the alternatives of a corpus line: "(a|b) c (d|)" → "a c d", "a c", "b c d", "b c".

/** At most this many sentences come from one line, so one productive line does not outweigh the rest. */
export const MAX_VARIANTS = 6;

function parts(line: string): string[][] {
  const out: string[][] = [];
  const pattern = /\(([^()]*)\)|[^()]+/g;
  for (const match of line.matchAll(pattern)) {
    out.push(match[1] !== undefined ? match[1].split('|') : [match[0]]);
  }
  return out;
}

export function expand(line: string, max = MAX_VARIANTS): string[] {
  const segments = parts(line);
  const total = segments.reduce((n, s) => n * s.length, 1);
  const count = Math.min(total, max);
  const out: string[] = [];
  for (let k = 0; k < count; k += 1) {
    // evenly spaced picks through the mixed-radix space, varying every segment
    let index = count === total ? k : Math.floor((k * total) / count + (k * 7919) % Math.max(1, Math.floor(total / count)));
    let sentence = '';
    for (let s = segments.length - 1; s >= 0; s -= 1) {
      const options = segments[s] ?? [''];
      sentence = (options[index % options.length] ?? '') + sentence;
      index = Math.floor(index / options.length);
    }
    out.push(sentence.replace(/\s+/g, ' ').replace(/\s+([?!.,])/g, '$1').trim());
  }
  return [...new Set(out)];
}
