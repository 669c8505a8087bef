import { z } from 'zod';
import { readValidatedYaml } from '../knowledge/loader';
import { plainValidation, type KnowledgeValidation } from '../knowledge/builtValidation';

/**
 * Emoji read as words ("🩸 from my nipple" is "blood from my nipple"). The map is data
 * (knowledge/emoji.yaml), loaded once by the composition root and handed to whatever normalises text.
 */

/** Marks that change how an emoji looks, never what it means: text/emoji style and skin tones. */
const STYLE_MARKS = /\ufe0e|\ufe0f|[\u{1f3fb}-\u{1f3ff}]/gu;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

const isEmoji = (key: string) => PICTOGRAPH.test(key) && !/[\p{L}\p{N}\s]/u.test(key.replace(STYLE_MARKS, ''));
const words = z.string().regex(/^[a-z]+( [a-z]+)*$/, 'must be lower-case words separated by single spaces');

export const emojiFileSchema = z
  .object({ emoji: z.record(z.string(), words) })
  .strict()
  .superRefine((file, ctx) => {
    for (const key of Object.keys(file.emoji)) {
      if (!isEmoji(key)) ctx.addIssue({ code: 'custom', path: ['emoji', key], message: 'must be an emoji, with no letters, digits or spaces' });
    }
  });

export class EmojiWords {
  private readonly words: ReadonlyMap<string, string>;
  private readonly pattern: RegExp | null;

  constructor(map: Readonly<Record<string, string>>) {
    this.words = new Map(Object.entries(map).map(([emoji, w]) => [emoji.replace(STYLE_MARKS, ''), w]));
    // Longest first, so a sequence wins over the emoji it starts with.
    const keys = [...this.words.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.pattern = keys.length > 0 ? new RegExp(keys.join('|'), 'gu') : null;
  }

  /** Each emoji (style marks removed) and its words, sorted: what a trained model's inputs record. */
  entries(): Array<[string, string]> {
    return [...this.words].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The text with each known emoji replaced by its words (spaced off); other emoji are left as typed. */
  expand(text: string): string {
    if (this.pattern === null || !PICTOGRAPH.test(text)) return text;
    return text.replace(STYLE_MARKS, '').replace(this.pattern, (emoji) => ` ${this.words.get(emoji) ?? ''} `);
  }
}

/** Reads and validates knowledge/emoji.yaml (problems name the file and the field). */
export function loadEmojiWords(file: string, validation: KnowledgeValidation = plainValidation): EmojiWords {
  return new EmojiWords(readValidatedYaml(file, emojiFileSchema, 'emoji', validation).emoji);
}
