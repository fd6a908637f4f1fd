// Text matching for the taste model: German and English folded to one spelling, and word-aware patterns
// so "gin" never matches "ginger" while German compounds ("Limettensaft", "Kaffeelikör") still match.
// Plain TypeScript shared by the bartender function (Deno) and the app (browser): no runtime APIs.

/**
 * Lower case, umlauts spelt out (ä → ae, ß → ss, as Germans type without them), other accents dropped,
 * and the typographic apostrophe phones insert ("I’ll") made plain.
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

const LETTER = '[\\p{L}\\p{N}]';

/**
 * A pattern in a tiny notation, always on folded text:
 *   "gin"      the whole word only ("Gin", "Gin-Tonic"; not "Ginger")
 *   "limett*"  a word starting with it ("Limette", "Limettensaft")
 *   "*likoer"  a word ending with it ("Kaffeelikoer")
 *   "*saft*"   anywhere inside a word
 *   "/…/"      a raw regular expression (for the odd case such as "beer" but not "ginger beer")
 * Spaces match any run of spaces or hyphens, so "ginger ale" also finds "Ginger-Ale".
 */
export function compilePattern(pattern: string): RegExp {
  if (pattern.startsWith('/') && pattern.endsWith('/')) return new RegExp(pattern.slice(1, -1), 'u');
  const open = pattern.startsWith('*');
  const close = pattern.endsWith('*');
  const core = pattern
    .replace(/^\*|\*$/g, '')
    .split(/[\s-]+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s-]+');
  return new RegExp(`${open ? '' : `(?<!${LETTER})`}${core}${close ? '' : `(?!${LETTER})`}`, 'u');
}

export function compilePatterns(patterns: readonly string[]): RegExp[] {
  return patterns.map(compilePattern);
}

export function matchesAny(folded: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((pattern) => pattern.test(folded));
}

/** The words of a folded text (letters and digits), for name matching. */
export function words(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}
