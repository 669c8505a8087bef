import { escapeQuoted } from '../../core/conversation/escape';

const ZERO_WIDTH_SPACE = '\u200b';

describe('a parent\'s words quoted back', () => {
  it.each(['38.9', '100.4', 'my temp was 38.9 this morning'])('keeps a decimal as typed, so "%s" can be copied', (said) => {
    expect(escapeQuoted(said)).toBe(said);
  });

  it.each([
    ['evil.example/phish', 'evil.'],
    ['visit clinic.example.org', 'clinic.'],
    ['go to 10.0.0.1 now', '10.'],
    ['mail me at a@b.co', '@'],
  ])('breaks the address in "%s" so no renderer turns it into a link', (said, before) => {
    const shown = escapeQuoted(said);
    expect(shown).toContain(`${before}${ZERO_WIDTH_SPACE}`);
    expect(shown.replace(new RegExp(ZERO_WIDTH_SPACE, 'g'), '')).toBe(said);
  });
});
