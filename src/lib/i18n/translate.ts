// Looking up a message, pure: the plural form Intl.PluralRules picks for {count}, then the parameters.
import { de } from './de';
import { en, type Message, type MessageKey, type Messages } from './en';
import type { Locale } from './locale';

const messages: Record<Locale, Messages> = { en, de };

function pick(locale: Locale, message: Message, count: unknown): string {
  if (typeof message === 'string') return message;
  const category = typeof count === 'number' ? new Intl.PluralRules(locale).select(count) : 'other';
  return message[category] ?? message.other;
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return pick(locale, messages[locale][key], params.count).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
