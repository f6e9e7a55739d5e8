import { z } from 'zod';
import { LOCALES } from '../domain/vocabulary';
import { INTENTS } from './nlu-result';

// The shape of one `nlu` answer line (interfaces.md, nlu.md): what a valid answer is, whatever the input.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const entitiesSchema = z
  .object({
    category: z.string().min(1),
    workspace: z.string().min(1),
    contract: z.string().min(1),
    package: z.string().min(1),
    status: z.enum(['active', 'inactive', 'open', 'closed']),
    within: z.string().regex(/^P\d+[DWMY]$/),
    since: isoDate,
    until: isoDate,
    user: z.string().regex(/^[^\sA-Z]+@[^\sA-Z]+$/),
    role: z.string().min(1),
    thresholds: z.array(z.number().int().positive()).min(1),
    format: z.enum(['csv', 'xlsx']),
  })
  .partial()
  .strict();

export const answerLineSchema = z
  .object({
    text: z.string(),
    locale: z.enum(LOCALES),
    intent: z.enum(INTENTS),
    entities: entitiesSchema,
  })
  .strict();
