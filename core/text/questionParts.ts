/**
 * The parts of a message that ask something. A parent often asks a question and reports a warning
 * sign in the same message ("how do I stop leaking at night? also I have a fever"); the words of the
 * sign can outweigh the question when the whole message is read at once, so the question is also
 * read on its own.
 */

/** Words a question usually starts with ("how do I...", "is it normal...", "can I..."). */
const QUESTION_START =
  /^(?:how|what|whats|why|when|where|which|who|is|are|am|was|can|could|should|would|will|do|does|did|any|tips?|ideas?|advice|ways?)\b/i;

/** Words that join a second thought onto the first ("..., also ...", "... and btw ..."). */
const JOINERS = /\s*(?:,|\band also\b|\balso\b|\bbtw\b|\bby the way\b|\bplus\b|\bbut\b)\s*/i;

/** "Is this normal?", "what causes that?": the question is about the rest of the message, read whole. */
const POINTS_BACK = /\b(?<!so )(?:this|that|these|those)\b/i;

/** Clauses shorter than this say too little to stand for a question ("why?", "what now?"). */
const MIN_WORDS = 3;

function words(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * The clauses of a message that are questions, in the order written: a sentence that ends with a
 * question mark or starts like a question, split further where a second thought is joined on. A
 * message of one clause gives none: it is read whole anyway.
 */
export function questionParts(message: string): string[] {
  const sentences = message.match(/[^.?!;\n]+[.?!;\n]*/g) ?? [];
  const clauses: Array<{ text: string; question: boolean }> = [];
  for (const sentence of sentences) {
    const parts = sentence
      .replace(/[.?!;\n]+$/, '')
      .split(JOINERS)
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    // The question mark closes the last clause of its sentence ("there's pus, is leaking normal?").
    const closedByMark = sentence.trim().endsWith('?');
    parts.forEach((text, i) => clauses.push({ text, question: QUESTION_START.test(text) || (closedByMark && i === parts.length - 1) }));
    // "I leak in the shower, why?": a question word alone asks about the sentence it closes.
    const last = parts[parts.length - 1];
    if (closedByMark && parts.length > 1 && words(last) < MIN_WORDS) clauses.push({ text: parts.join(', '), question: true });
  }
  if (clauses.length < 2) return [];
  return clauses.filter((c) => c.question && words(c.text) >= MIN_WORDS && !POINTS_BACK.test(c.text)).map((c) => c.text);
}
