/**
 * The parts of a message that ask something. A parent often asks a question and reports a warning
 * sign in the same message ("how do I stop leaking at night? also I have a fever"); the words of the
 * sign can outweigh the question when the whole message is read at once, so the question is also
 * read on its own.
 */

/** Words a question usually starts with ("how do I...", "is it normal...", "can I..."). */
const QUESTION_START = new RegExp(
  '^(?:(?:how|what|whats|why|when|where|which|who|any|tips?|ideas?|advice|ways?)\\b' +
    // "is it...", "can I...", "does leaking...": a verb first asks only with a subject after it ("do not..." tells).
    "|(?:is|are|am|was|were|can|could|should|would|will|do|does|did|has|have)\\s+(?:i|it|its|it's|this|that|these|those|my|the|there|you|we|they|she|he|a|an|leaking|leaks|milk|breasts?|nipples?|pumping|feeding|breastfeeding|nursing|mastitis)\\b)",
  'i',
);

/** Words that join a second thought onto the first ("..., also ...", "... and btw ..."). */
// No spaces around it in the pattern: a long run of spaces would be tried again from every position.
const JOINERS = /,|\b(?:and also|also|btw|by the way|plus|but)\b/i;

/** "Is this normal?", "what causes that?": the question is about the rest of the message, read whole. */
// "this much", "this week" say how much or when, not what.
const POINTS_BACK = /\b(?<!so )(?:this|that|these|those)\b(?!\s+(?:much|many|often|early|late|long|soon|bad|badly|big|heavy|quickly|fast|far|time|morning|afternoon|evening|night|week|weekend|month|year|stage|point)\b)/i;

/** A closing question about what the sentence just said: "..., how do I stop it?", "..., why is that?". */
const REFERS_BACK = /\b(?:it|this|that|these|those|them)\b/i;

/** Clauses shorter than this say too little to stand for a question ("why?", "what now?"). */
const MIN_WORDS = 3;

/** How many words a text has (letters or digits in them). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * The clauses of a message that are questions, in the order written: a sentence that ends with a
 * question mark or starts like a question, split further where a second thought is joined on. A
 * message of one clause gives none: it is read whole anyway.
 */
export function questionParts(message: string): string[] {
  const clauses = clausesOf(message);
  if (clauses.length < 2) return [];
  return clauses.filter((c) => c.question && (c.whole || (wordCount(c.text) >= MIN_WORDS && !POINTS_BACK.test(c.text)))).map((c) => c.text);
}

/**
 * Whether a message asks anything at all (a question mark, or a clause that starts like a question),
 * as opposed to only telling ("I can't cope, I don't want to be here"): in an emergency only a
 * question is answered after the advice.
 */
export function asksQuestion(message: string): boolean {
  return clausesOf(message).some((c) => c.question);
}

function clausesOf(message: string): Array<{ text: string; question: boolean; whole?: boolean }> {
  const sentences = message.match(/[^.?!;\n]+[.?!;\n]*/g) ?? [];
  const clauses: Array<{ text: string; question: boolean; whole?: boolean }> = [];
  for (const sentence of sentences) {
    const parts = sentence
      .replace(/[.?!;\n]+$/, '')
      .split(JOINERS)
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    // The question mark closes the last clause of its sentence ("there's pus, is leaking normal?").
    const closedByMark = sentence.trim().endsWith('?');
    // "I leak in the shower, why?", "I leak when I lie on my front, why is that?": a short question, or
    // one that points back, asks about the sentence it closes, and is read with it.
    const last = parts[parts.length - 1];
    const aboutTheSentence = closedByMark && parts.length > 1 && (wordCount(last) < MIN_WORDS || REFERS_BACK.test(last));
    parts.forEach((text, i) => {
      const closing = i === parts.length - 1;
      clauses.push({ text, question: !(closing && aboutTheSentence) && (QUESTION_START.test(text) || (closedByMark && closing)) });
    });
    if (aboutTheSentence) clauses.push({ text: parts.join(', '), question: true, whole: true });
  }
  return clauses;
}

/**
 * The message without the words that report warning signs (`quotes`, as the detector quotes them):
 * "night leaks are ruining my sheets. also I've got red lines and a fever" leaves what it is about
 * apart from the signs. Quotes not found word for word are left alone.
 */
export function withoutQuotes(message: string, quotes: readonly string[]): string {
  let rest = message;
  for (const quote of quotes) {
    for (const piece of quote.split(' \u2026 ').map((p) => p.trim())) {
      const at = piece.length > 0 ? rest.toLowerCase().indexOf(piece.toLowerCase()) : -1;
      if (at >= 0) rest = `${rest.slice(0, at)} ${rest.slice(at + piece.length)}`;
    }
  }
  return rest.replace(/\s+/g, ' ').trim();
}

