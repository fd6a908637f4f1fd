// Access tokens with the claims Supabase Auth puts in them, signed with the stack's key (ES256, `kid` in the
// header) so PostgREST, Realtime, Storage and Edge Functions accept them; and opaque refresh tokens.
import { randomBytes } from 'node:crypto';
import { signWithKey, type PrivateJwk } from '../shared/keys.ts';
import type { AuthUser } from './users.ts';

export interface AccessTokenInput {
  user: AuthUser;
  sessionId: string;
  /** When the session's sign-in happened (the `amr` timestamp). */
  signedInAt: Date;
  issuer: string;
  expiresIn: number;
  signingKey: PrivateJwk;
}

/** Claims as GoTrue's AccessTokenClaims (iat and exp are added when signing). */
export function accessTokenClaims(input: Omit<AccessTokenInput, 'expiresIn' | 'signingKey'>): Record<string, unknown> {
  const { user } = input;
  return {
    iss: input.issuer,
    sub: user.id,
    aud: user.aud || 'authenticated',
    email: user.email ?? '',
    phone: user.phone ?? '',
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role || 'authenticated',
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: Math.floor(input.signedInAt.getTime() / 1000) }],
    session_id: input.sessionId,
    is_anonymous: user.is_anonymous,
  };
}

export async function mintAccessToken(input: AccessTokenInput): Promise<{ token: string; expiresAt: number }> {
  const token = await signWithKey(accessTokenClaims(input), input.signingKey, input.expiresIn);
  return { token, expiresAt: Math.floor(Date.now() / 1000) + input.expiresIn };
}

/**
 * A new opaque refresh token. Stored as is in auth.refresh_tokens.token, as GoTrue does: a client that lost the
 * answer to a refresh must get the very same child token back within the reuse interval.
 */
export function newRefreshToken(): string {
  return randomBytes(24).toString('base64url');
}
