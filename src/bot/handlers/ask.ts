import { z } from 'zod';
import { INTENTS } from '../../nlu/nlu-result';
import { entitiesSchema } from '../../nlu/result-schema';
import type { Handler, TurnRequest } from '../turn-request';

// Every intent but `none`, and none of the ones that change something: a button may only re-ask a question.
const QUESTION_INTENTS = INTENTS.filter(
  (i) => i !== 'none' && !i.startsWith('role.') && !i.startsWith('member.') && !i.startsWith('reminders.'),
);
const askSchema = z.object({ intent: z.enum(QUESTION_INTENTS as [string, ...string[]]), entities: entitiesSchema });

/**
 * A "did you mean …?" button: the question, with the suggested name, asked again. Intent and
 * entities come from the client, so they are parsed like an NLU answer and routed like one.
 */
export function ask(routes: () => Readonly<Record<string, Handler>>): Handler {
  return (r: TurnRequest) => {
    const parsed = askSchema.safeParse({ intent: r.action?.intent, entities: r.action?.entities });
    const handler = parsed.success ? routes()[parsed.data.intent] : undefined;
    if (!parsed.success || !handler) return [{ text: r.t('turn.staleAction') }];
    const nlu = { ...r.nlu, intent: parsed.data.intent as TurnRequest['nlu']['intent'], entities: parsed.data.entities };
    return handler({ ...r, nlu, action: undefined });
  };
}
