// Client broadcast: private channels need write permission (probed once, cached until a new token); unauthorized
// broadcasts are dropped silently, as on hosted. `self` decides whether the sender gets its own message, `ack`
// whether the push is answered.
import { authorizeWrite } from '../authorization.ts';
import type { Channel } from '../channel.ts';
import type { PhoenixMessage, UserBroadcast } from '../framing.ts';
import { MAX_NAME_BYTES } from '../limits.ts';
import { REASONS } from '../reasons.ts';
import type { Session } from '../session.ts';

export async function handleBroadcast(session: Session, channel: Channel, message: PhoenixMessage, broadcast: UserBroadcast): Promise<void> {
  const { parts } = session;
  if (channel.policies) {
    if (channel.policies.broadcastWrite === null) {
      channel.policies.broadcastWrite = await authorizeWrite(parts.sql, { topic: channel.name, claims: channel.claims }, 'broadcast');
    }
    if (!channel.policies.broadcastWrite) return;
  }
  if (broadcast.payload.length > parts.limits.maxPayloadBytes) {
    session.refuse(message, REASONS.payloadTooLarge(parts.limits.maxPayloadBytes));
    return;
  }
  if (Buffer.byteLength(broadcast.event) > MAX_NAME_BYTES) {
    session.refuse(message, REASONS.eventTooLong(MAX_NAME_BYTES));
    return;
  }
  parts.fanOut.deliver(
    channel.isPrivate,
    channel.name,
    { event: broadcast.event, encoding: broadcast.encoding, payload: broadcast.payload },
    channel.self ? undefined : channel,
  );
  if (channel.ack) session.reply(message, 'ok');
}
