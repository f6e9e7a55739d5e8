import { DatasetError, type DatasetProblem } from './source';
import { DATASET_FILES } from './validate';

// The validation (validate.ts, check-references.ts) names files, as the folder has them; over HTTP
// the same problems name collections: `users` instead of `users.json`, and a consumption record's
// position in the collection (`#12`) instead of a line of consumption.jsonl.

const COLLECTION_OF_FILE = new Map<string, string>(Object.entries(DATASET_FILES).map(([collection, file]) => [file, collection]));
const FILE_NAMES = new RegExp(`\\b(${Object.values(DATASET_FILES).map((f) => f.replace('.', '\\.')).join('|')})\\b`, 'g');

function toCollection(p: DatasetProblem): DatasetProblem {
  const collection = COLLECTION_OF_FILE.get(p.file);
  if (!collection) return p;
  const byPosition = (text: string): string => (collection === 'consumption' ? text.replace(/\bline (\d+)/g, '#$1') : text);
  return {
    ...p,
    file: collection,
    ...(p.record !== undefined ? { record: byPosition(p.record) } : {}),
    message: byPosition(p.message.replace(FILE_NAMES, (file) => COLLECTION_OF_FILE.get(file) ?? file)),
  };
}

/** The same DatasetError, its problems named by collection. */
export const byCollection = (e: DatasetError): DatasetError => new DatasetError(e.problems.map(toCollection));
