// access_token: a client pushes a new token to its joined channels. The new token is verified and the channel
// re-authorized; an invalid or expired token, or one that lost read permission, closes the channel with a
// `system` error then `phx_close`. No reply on success (hosted Realtime sends none).
import { authorizeRead } from '../authorization.ts';
import { scheduleExpiry, type Channel } from '../channel.ts';
import type { PhoenixMessage } from '../framing.ts';
import type { Session } from '../session.ts';
import { REASONS } from '../reasons.ts';
import { checkToken } from '../token.ts';

export async function handleAccessToken(session: Session, channel: Channel, message: PhoenixMessage): Promise<void> {
  const token = (message.payload as Record<string, unknown> | null)?.access_token;
  // Hosted ignores missing tokens, opaque `sb_…` API keys and the token already in use.
  if (typeof token !== 'string' || token.startsWith('sb_') || token === channel.token) return;

  const close = (reason: string) => session.removeChannel(channel, { systemError: reason });
  const check = await checkToken(session.parts.verifyAccessToken, token);
  if (!check.ok) return close(check.message);

  if (channel.policies) {
    const before = channel.policies;
    const read = await authorizeRead(session.parts.sql, { topic: channel.name, claims: check.claims }, channel.presenceEnabled);
    const revoked = (before.broadcastRead && !read.broadcastRead) || (before.presenceRead === true && read.presenceRead === false);
    if (revoked || (!read.broadcastRead && !read.presenceRead)) return close(REASONS.noLongerAuthorized(channel.name).message);
    channel.policies = { ...read, broadcastWrite: null, presenceWrite: null };
  }
  channel.token = token;
  channel.claims = check.claims;
  scheduleExpiry(channel, (reason) => session.removeChannel(channel, { systemError: reason }));
}
