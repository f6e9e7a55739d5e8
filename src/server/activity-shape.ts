import { z } from 'zod';

// What the messaging endpoint accepts before botbuilder sees it: botbuilder answers a body it
// cannot use with a failed turn (logged as an error, 200 or 500 to the sender) — the sender's
// mistake is a 400 that says what is wrong, without anything internal.

const text = (max: number) => z.string().min(1).max(max);
const account = z.object({ id: text(1000) }).loose();
const httpUrl = z
  .string()
  .max(2000)
  .refine((s) => {
    try {
      const url = new URL(s);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'expected an http(s) URL');

const base = z
  .object({
    type: text(100),
    channelId: text(100),
    serviceUrl: httpUrl,
    conversation: z.object({ id: text(2000) }).loose(),
    text: z.string().max(100_000).optional(),
  })
  .loose();

/** Messages and invokes come from someone; a card action carries an action object. */
const fromSomeone = base.extend({ from: account });
const cardAction = fromSomeone.extend({
  value: z.object({ action: z.object({ type: z.string().optional(), verb: z.string().max(200).optional() }).loose() }).loose(),
});

export type ActivityCheck = { ok: true } | { ok: false; problem: string };

export function checkActivity(body: unknown): ActivityCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
    return { ok: false, problem: 'expected a Bot Framework activity: a JSON object with a type' };
  }
  const { type, name } = body as { type: string; name?: unknown };
  const schema = type === 'invoke' && name === 'adaptiveCard/action' ? cardAction : type === 'message' || type === 'invoke' ? fromSomeone : base;
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'activity';
  return { ok: false, problem: `expected a Bot Framework activity: ${where}: ${issue?.message ?? 'invalid'}` };
}
