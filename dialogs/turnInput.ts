import type { Activity } from 'botbuilder';

export interface TurnInput {
  /** The whole message, trimmed: red-flag detection reads all of it. */
  text: string;
  /** The part language understanding reads. */
  understood: string;
  /** True when `understood` is shorter than `text`. */
  cut: boolean;
  problem?: 'empty' | 'non-text' | 'too-long';
}

/** Cuts at a word boundary so the last word read is a whole one. */
function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, max);
  const space = slice.lastIndexOf(' ');
  return space > max * 0.8 ? slice.slice(0, space) : slice;
}

export function readTurnInput(activity: Partial<Activity>, maxChars: number, maxReadableChars = Infinity): TurnInput {
  const text = typeof activity.text === 'string' ? activity.text.trim() : '';
  if (text.length === 0) {
    const hasAttachments = Array.isArray(activity.attachments) && activity.attachments.length > 0;
    return { text, understood: text, cut: false, problem: hasAttachments ? 'non-text' : 'empty' };
  }
  if (text.length > maxReadableChars) return { text: '', understood: '', cut: true, problem: 'too-long' };
  const understood = cutAt(text, maxChars);
  return { text, understood, cut: understood.length < text.length };
}
