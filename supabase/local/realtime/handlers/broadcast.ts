// Client broadcast: private channels need write permission (probed once, cached until a new token); unauthorized
// broadcasts are dropped silently, as on hosted. `self` decides whether the sender gets its own message, `ack`
// whether the push is answered.
import { authorizeWrite } from '../authorization.ts';
import type { Channel } from '../channel.ts';
import type { PhoenixMessage, UserBroadcast } from '../framing.ts';
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
    session.reply(message, 'error', { reason: `PayloadSizeExceeded: Payload size exceeded the limit of ${parts.limits.maxPayloadBytes} bytes` });
    return;
  }
  parts.fanOut.deliver(channel.isPrivate, channel.name, { event: broadcast.event, encoding: broadcast.encoding, payload: broadcast.payload }, channel.self ? undefined : channel);
  if (channel.ack) session.reply(message, 'ok');
}
