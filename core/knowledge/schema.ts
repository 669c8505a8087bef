import { z } from 'zod';

export const TOPIC_GROUPS = [
  'why-it-leaks',
  'conditions',
  'normal-and-duration',
  'managing',
  'safety',
  'conversation',
] as const;

const topicId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, like "breast-pads"');

const nonEmptyText = z.string().trim().min(1, 'must not be empty');

/** The welcome menu: the root of the dialog tree. Top-level topics name it as their parent. */
export const TREE_ROOT = 'root';

/** One knowledge topic, as a clinician writes it in knowledge/topics/<id>.yaml. */
export const topicSchema = z
  .object({
    id: topicId,
    title: nonEmptyText,
    group: z.enum(TOPIC_GROUPS),
    /**
     * Where the topic sits in the dialog tree a parent browses: another topic's id, or "root" for the
     * welcome menu. Every health topic has one; conversation topics (hello, help...) are outside the tree.
     */
    parent: topicId.optional(),
    /**
     * An overview whose answer sums up its children (why breasts leak, managing leaks): each child is one
     * of its buttons, and language understanding learns it from its title and examples only, since the
     * words of its answer belong to the children.
     */
    hub: z.boolean().default(false),
    /**
     * A hub with many children shows them a page at a time, so the buttons fit a phone: the first
     * `size` children (by `order`, the commonest first), then one `moreLabel` button for the next page.
     */
    pages: z
      .object({ size: z.number().int().min(2).max(8), moreLabel: nonEmptyText })
      .strict()
      .optional(),
    /** Place among its siblings in menus (smaller first); unordered siblings follow, by title. */
    order: z.number().int().min(0).optional(),
    /** Short, warm, plain answer. May use {clinicName}, {clinicPhone}, {clinicWeb}, {emergencyNumber}, {crisisLine}. */
    answer: nonEmptyText,
    tips: z.array(nonEmptyText).default([]),
    /** Ids of topics offered as next steps. */
    related: z.array(topicId).default([]),
    /** Ids from knowledge/sources.yaml. */
    sources: z.array(z.string()).default([]),
    /** When to see a clinician, in plain words. */
    seeDoctor: nonEmptyText.optional(),
    /** What parents type that means this topic; the language-understanding training data. */
    examples: z.array(nonEmptyText).min(12, 'needs at least 12 training examples'),
    /**
     * More of what parents type, from sets written by people who never saw the examples: language
     * understanding learns from these too. The crisis classifier reads only `examples` as everyday
     * text, so that growing these does not move the safety layer.
     */
    phrasings: z.array(nonEmptyText).default([]),
  })
  .strict()
  .superRefine((topic, ctx) => {
    if (topic.id === TREE_ROOT) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `"${TREE_ROOT}" is the welcome menu's name; choose another id` });
    }
    if (topic.group !== 'conversation' && !topic.parent) {
      ctx.addIssue({ code: 'custom', path: ['parent'], message: `a health topic must name its parent topic, or "${TREE_ROOT}" for the welcome menu` });
    }
    if (topic.group === 'conversation' && topic.parent) {
      ctx.addIssue({ code: 'custom', path: ['parent'], message: 'a conversation topic is outside the dialog tree and has no parent' });
    }
    if (topic.pages && !topic.hub) {
      ctx.addIssue({ code: 'custom', path: ['pages'], message: 'only a hub (hub: true) shows its children in pages' });
    }
    if (topic.group !== 'conversation' && topic.sources.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['sources'], message: 'a health topic must name at least one source' });
    }
    if (topic.group === 'conditions' && !topic.seeDoctor) {
      ctx.addIssue({ code: 'custom', path: ['seeDoctor'], message: 'a condition must say when to see a clinician' });
    }
  });

export type Topic = z.infer<typeof topicSchema>;

export const sourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens'),
    /** How the bot names the source to a parent, e.g. "NHS: Leaking nipples in pregnancy". */
    citation: nonEmptyText,
    url: z.url().optional(),
  })
  .strict();

export const sourcesFileSchema = z.object({ sources: z.array(sourceSchema).min(1) }).strict();

export type Source = z.infer<typeof sourceSchema>;
