// Looking up a message, pure: the plural form Intl.PluralRules picks for {count}, then the parameters.
import type { Message, MessageKey, Messages } from './en';
import type { Locale } from './locale';

function pick(locale: Locale, message: Message, count: unknown): string {
  if (typeof message === 'string') return message;
  const category = typeof count === 'number' ? new Intl.PluralRules(locale).select(count) : 'other';
  return message[category] ?? message.other;
}

/** `key` from `messages`, the dictionary of `locale`; the key itself when `messages` lacks it (a part not loaded). */
export function translate(messages: Partial<Messages>, locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const message = messages[key];
  if (message === undefined) return key;
  return pick(locale, message, params.count).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
