/**
 * The parent's own words, quoted back in a reply or a card, are shown as words and never read as
 * formatting: "[Call us](https://evil.example)" must not become a link inside the bot's bubble, nor
 * "<img src=x>" an image.
 * - HTML's special characters become entities: a Markdown renderer shows them as the characters, and
 *   no raw HTML is ever formed.
 * - Markdown's inline characters get a backslash. Quotes are put on one line, so block syntax (lists,
 *   headings) cannot start inside them.
 * - Addresses are broken with an invisible zero-width space, so a renderer that turns bare addresses
 *   into links ("linkify") finds none: after "://", after "@", and inside "word.word" and
 *   in dotted numbers like "10.0.0.1". A decimal ("38.9") is not an address and stays as typed,
 *   so a temperature the parent quoted can be copied.
 */
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const ZERO_WIDTH_SPACE = '\u200b';

export function escapeQuoted(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[&<>"]/g, (c) => HTML_ENTITIES[c])
    .replace(/[\\`*_[\]()!|~]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, `:/${ZERO_WIDTH_SPACE}/`)
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/([\p{L}\p{N}])\.(?=\p{L})/gu, `$1.${ZERO_WIDTH_SPACE}`)
    .replace(/\d+(?:\.\d+){2,}/g, (address) => address.replace(/\./g, `.${ZERO_WIDTH_SPACE}`));
}
