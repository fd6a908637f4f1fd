// Client presence: `track` (needs presence write on private channels, probed once per token) and `untrack`.
// A track also turns presence on for a channel that joined without it, and sends it the current state.
import { authorizeRead, authorizeWrite } from '../authorization.ts';
import type { Channel } from '../channel.ts';
import type { PhoenixMessage } from '../framing.ts';
import { REASONS } from '../reasons.ts';
import type { Session } from '../session.ts';

export async function handlePresence(session: Session, channel: Channel, message: PhoenixMessage): Promise<void> {
  const { parts } = session;
  const body = (typeof message.payload === 'object' && message.payload !== null ? message.payload : {}) as Record<string, unknown>;
  const event = typeof body.event === 'string' ? body.event.toLowerCase() : '';

  if (event === 'untrack') {
    parts.presence.untrack(channel);
    session.reply(message, 'ok');
    return;
  }
  if (event !== 'track') {
    session.refuse(message, REASONS.unknownPresenceEvent(event));
    return;
  }
  const payload = body.payload ?? {};
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    session.refuse(message, REASONS.presenceNotMap);
    return;
  }
  const bytes = Buffer.byteLength(JSON.stringify(payload));
  if (bytes > parts.limits.maxPayloadBytes) {
    session.refuse(message, REASONS.presenceTooLarge(parts.limits.maxPayloadBytes));
    return;
  }
  if (channel.policies) {
    const context = { topic: channel.name, claims: channel.claims };
    if (channel.policies.presenceRead === null) channel.policies.presenceRead = (await authorizeRead(parts.sql, context, true)).presenceRead;
    if (channel.policies.presenceWrite === null) channel.policies.presenceWrite = await authorizeWrite(parts.sql, context, 'presence');
    if (!channel.policies.presenceWrite) {
      session.refuse(message, REASONS.presenceNotAllowed);
      return;
    }
  }
  const enabling = !channel.presenceEnabled;
  channel.presenceEnabled = true;
  // Presence state lives in memory as long as the channel: bounded per address and for the whole service.
  if (!parts.presence.track(channel, payload as Record<string, unknown>, bytes)) {
    if (enabling) channel.presenceEnabled = false;
    session.refuse(message, REASONS.presenceBudget);
    return;
  }
  session.reply(message, 'ok');
  if (enabling && (channel.policies === null || channel.policies.presenceRead)) {
    session.push({ joinRef: channel.joinRef, ref: null, topic: channel.topic, event: 'presence_state', payload: parts.presence.state(channel) });
  }
}
