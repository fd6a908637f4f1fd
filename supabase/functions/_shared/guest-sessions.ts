// The guest-identity flows behind register, refresh and logout: redeem a code, rotate a refresh token,
// end a login. Inputs arrive validated; answers are plain values the functions format.
import type postgres from 'postgres';
import { database, registerGuest, revokeRefreshToken, rotateRefreshToken, type DeviceInfo } from './database.ts';
import { guestIdentitySettings, type GuestIdentitySettings } from './settings.ts';
import {
  childRefreshToken,
  hashRefreshToken,
  issuerFor,
  loadGuestKeys,
  newRefreshToken,
  signAccessToken,
  ACCESS_TOKEN_SECONDS,
  type GuestIdentity,
  type GuestKeys,
} from './tokens.ts';

export interface GuestSessionContext {
  sql: postgres.Sql;
  keys: GuestKeys;
  issuer: string;
  settings: GuestIdentitySettings;
}

export interface SessionTokens {
  access_token: string;
  refresh_token: string;
  /** Epoch seconds. */
  expires_at: number;
}

let context: Promise<GuestSessionContext> | undefined;

/** Everything the flows need, read from the function's environment once per instance. */
export function guestSessionContext(): Promise<GuestSessionContext> {
  context ??= (async () => ({
    sql: database(),
    keys: await loadGuestKeys(Deno.env.get('GUEST_JWT_PRIVATE_JWK'), Deno.env.get('GUEST_JWT_RETIRED_PUBLIC_JWKS')),
    issuer: issuerFor(Deno.env.get('SUPABASE_URL')),
    settings: guestIdentitySettings((name) => Deno.env.get(name)),
  }))();
  context.catch(() => (context = undefined));
  return context;
}

async function tokensFor(context: GuestSessionContext, guest: GuestIdentity, refreshToken: string): Promise<SessionTokens> {
  const now = Math.floor(Date.now() / 1000);
  return {
    access_token: await signAccessToken(guest, context.keys, context.issuer, now),
    refresh_token: refreshToken,
    expires_at: now + ACCESS_TOKEN_SECONDS,
  };
}

/** Redeems the code and signs the guest in; undefined for any code that cannot be redeemed. */
export async function startSession(
  context: GuestSessionContext,
  input: { code: string; username: string } & DeviceInfo,
): Promise<({ user: GuestIdentity } & SessionTokens) | undefined> {
  const refreshToken = newRefreshToken();
  const guest = await registerGuest(context.sql, {
    ...input,
    refreshTokenHash: await hashRefreshToken(refreshToken),
    refreshTokenDays: context.settings.refreshTokenDays,
  });
  if (!guest) return undefined;
  return { user: { user_key: guest.user_key, username: guest.username }, ...(await tokensFor(context, guest, refreshToken)) };
}

/**
 * Swaps a live refresh token for a new pair; 'invalid' when it is unknown, expired, revoked or replayed, 'inactive'
 * when it is the token of a guest the host deactivated. The new refresh token is derived from the old one, so a
 * concurrent or retried call within the grace window gets the same.
 */
export async function rotateSession(
  context: GuestSessionContext,
  input: { refreshToken: string } & DeviceInfo,
): Promise<SessionTokens | 'invalid' | 'inactive'> {
  const refreshToken = await childRefreshToken(input.refreshToken, context.keys);
  const rotation = await rotateRefreshToken(context.sql, {
    tokenHash: await hashRefreshToken(input.refreshToken),
    newTokenHash: await hashRefreshToken(refreshToken),
    refreshTokenDays: context.settings.refreshTokenDays,
    device: input.device,
    userAgent: input.userAgent,
  });
  if (rotation.outcome === 'inactive') return 'inactive';
  if (rotation.outcome !== 'rotated') return 'invalid';
  return tokensFor(context, rotation.guest, refreshToken);
}

/** Ends the login `refreshToken` belongs to, if it is one of `userKey`'s. */
export async function endSession(context: GuestSessionContext, input: { refreshToken: string; userKey: string }): Promise<void> {
  await revokeRefreshToken(context.sql, await hashRefreshToken(input.refreshToken), input.userKey);
}
