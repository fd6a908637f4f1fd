// phx_leave: reply ok, then close the channel (Phoenix sends phx_close for the join it ends).
import type { Channel } from '../channel.ts';
import type { PhoenixMessage } from '../framing.ts';
import type { Session } from '../session.ts';

export function handleLeave(session: Session, channel: Channel, message: PhoenixMessage): void {
  session.reply(message, 'ok');
  session.removeChannel(channel, {});
}
