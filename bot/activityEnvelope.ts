import { z } from 'zod';

const account = z.looseObject({ id: z.string().min(1, 'must not be empty') });

const entity = z
  .looseObject({ type: z.string() })
  .refine((e) => e.type !== 'mention' || (typeof e.mentioned === 'object' && e.mentioned !== null && typeof (e.mentioned as { id?: unknown }).id === 'string'), {
    message: 'a mention must name who is mentioned (mentioned.id)',
  });

/**
 * The fields of a Bot Framework activity that the adapter and the bot rely on. An activity missing
 * one would fail inside the turn (and cost the conversation its state), so it is refused at the door.
 */
export const activityEnvelopeSchema = z.looseObject({
  type: z.string().min(1, 'must not be empty'),
  channelId: z.string().min(1, 'must not be empty'),
  serviceUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  conversation: account,
  from: account,
  recipient: z.looseObject({ id: z.string() }),
  text: z.string().nullish(),
  entities: z.array(entity).nullish().transform((v) => v ?? undefined),
  attachments: z.array(z.looseObject({ contentType: z.string() })).nullish().transform((v) => v ?? undefined),
  membersAdded: z.array(account).nullish().transform((v) => v ?? undefined),
  membersRemoved: z.array(account).nullish().transform((v) => v ?? undefined),
});

export type ActivityEnvelope = z.infer<typeof activityEnvelopeSchema>;

/** The activity, or one plain sentence naming the field that is wrong. */
export function checkEnvelope(body: unknown): { ok: true; activity: ActivityEnvelope } | { ok: false; problem: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, problem: 'The body must be a Bot Framework activity: a JSON object with a "type".' };
  }
  const parsed = activityEnvelopeSchema.safeParse(body);
  if (parsed.success) return { ok: true, activity: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join('.') || 'activity';
  const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
  return { ok: false, problem: `The activity's ${field} ${message}.` };
}
