// B21: "Zoë 🍹" was refused with a message that did not mention emoji.
import { describe, expect, it } from 'vitest';
import { de } from '$lib/i18n/de';
import { en } from '$lib/i18n/en';
import { translate } from '$lib/i18n/translate';
import { checkUsername } from './username';

describe('the join form explains a refused name', () => {
  it('names emoji when the name has one', () => {
    const result = checkUsername('Zoë 🍹');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(translate(en, 'en', result.message)).toMatch(/emoji/i);
      expect(translate(de, 'de', result.message)).toMatch(/emoji/i);
    }
  });

  it.each([
    ['', 'name.required'],
    ['S', 'name.tooShort'],
    ['a'.repeat(51), 'name.tooLong'],
    ['<script>', 'name.characters'],
  ])('%s → %s', (input, message) => {
    expect(checkUsername(input)).toMatchObject({ ok: false, message });
  });

  it("accepts what the server accepts: Zoë O'Brien", () => {
    expect(checkUsername("  Zoë O'Brien ")).toEqual({ ok: true, value: "Zoë O'Brien" });
  });
});
