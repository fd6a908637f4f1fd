// The bartender's input rules (CONTRACT §7): at most 12 turns of at most 500 characters, roles user and
// assistant, the newest turn the guest's, locale de or en. Pure, tested beside this file.
import type { ChatMessage, Locale } from '../_shared/bartender/types.ts';

export const MAX_TURNS = 12;
export const MAX_CHARS = 500;
/** 12 turns × 500 characters of up to 4 bytes each, plus JSON: anything larger is not a chat. */
export const MAX_BODY_BYTES = 32 * 1024;

export interface ChatRequest {
  messages: ChatMessage[];
  locale: Locale;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const refuse = (message: string) => ({ ok: false, message }) as const;

/** Reads at most `limit` bytes of a request's (or a provider response's) body, streaming, so a huge body is never held; then parses JSON. */
export async function readBody(request: Pick<Request, 'body'>, limit = MAX_BODY_BYTES): Promise<Checked<unknown>> {
  if (!request.body) return refuse('Send a JSON body.');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return refuse(`The request body is larger than ${limit / 1024} KB.`);
      }
      chunks.push(value);
    }
  } catch {
    return refuse('The request body could not be read.');
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return refuse('The request body must be UTF-8 JSON.');
  }
}

// Control characters other than line breaks and tabs carry no meaning in a chat and can hide text.
const CONTROL = /(?![\t\n])[\p{Cc}\u200b-\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function parseChatRequest(body: unknown): Checked<ChatRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse('The body must be a JSON object.');
  const { messages, locale = 'en' } = body as Record<string, unknown>;
  if (locale !== 'de' && locale !== 'en') return refuse('"locale" must be "de" or "en".');
  if (!Array.isArray(messages) || messages.length === 0) return refuse('"messages" must be a non-empty array.');
  if (messages.length > MAX_TURNS) return refuse(`Send at most the last ${MAX_TURNS} turns of the conversation.`);
  const checked: ChatMessage[] = [];
  for (const [index, message] of messages.entries()) {
    if (typeof message !== 'object' || message === null) return refuse(`messages[${index}] must be an object.`);
    const { role, content } = message as Record<string, unknown>;
    if (role !== 'user' && role !== 'assistant') return refuse(`messages[${index}].role must be "user" or "assistant".`);
    if (typeof content !== 'string') return refuse(`messages[${index}].content must be a string.`);
    const text = content.replace(CONTROL, '').trim();
    if (text === '') return refuse(`messages[${index}].content is empty.`);
    if ([...text].length > MAX_CHARS) return refuse(`messages[${index}].content has more than ${MAX_CHARS} characters.`);
    checked.push({ role, content: text });
  }
  if (checked.at(-1)!.role !== 'user') return refuse('The newest message must be the guest’s (role "user").');
  return { ok: true, value: { messages: checked, locale } };
}
