import type { Analysis } from './analysis';

// The file format asked for an export: "in csv", "come CSV", "as an Excel file", "formato xlsx".
// The words stay free (like a status): "csv" and "excel" also tell the classifier it is an export.

export const FILE_FORMATS = ['csv', 'xlsx'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** Names that say the format by themselves, wherever they stand. */
const NAMED: Readonly<Record<string, FileFormat>> = { csv: 'csv', xlsx: 'xlsx', xls: 'xlsx' };
/** "Excel" is a format only after a word that asks for one; "l'excel della formazione" is the file itself. */
const EXCEL = new Set(['excel']);
const CUES = new Set(['in', 'as', 'to', 'into', 'come', 'formato', 'format', 'an', 'a', 'un', 'su']);
/** Words that belong to the format they precede ("in formato csv"): never a name of their own. */
const FORMAT_WORDS = new Set(['formato', 'format']);

export interface FormatFound {
  value: FileFormat;
  /** Token indices [from, to) of the words that name it ("formato csv"). */
  from: number;
  to: number;
}

/** The format named in the text, if any; the last one wins ("csv, anzi xlsx"). */
export function findFormat(analysis: Analysis): FormatFound | undefined {
  let found: FormatFound | undefined;
  analysis.tokens.forEach((token, i) => {
    if (!analysis.isFree(i)) return;
    const named = NAMED[token.text];
    const excel = EXCEL.has(token.text) && CUES.has(analysis.tokens[i - 1]?.text ?? '');
    const from = FORMAT_WORDS.has(analysis.tokens[i - 1]?.text ?? '') && analysis.isFree(i - 1) ? i - 1 : i;
    if (named ?? excel) found = { value: named ?? 'xlsx', from, to: i + 1 };
  });
  return found;
}
