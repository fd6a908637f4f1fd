// What every Auth handler is given: the database, the verifier, settings, keys, and the request's API version.
import type { Sql } from 'postgres';
import type { VerifyAccessToken } from '../../shared/jwt.ts';
import type { PrivateJwk, PublicJwks } from '../../shared/keys.ts';
import type { AddressLimiter, FailedSignInLimiter } from '../rate-limit.ts';
import type { AuthSettings } from '../settings.ts';

export interface AuthContext {
  sql: Sql;
  verify: VerifyAccessToken;
  settings: AuthSettings;
  signingKey: PrivateJwk;
  jwks: PublicJwks;
  /** `iss` of access tokens: `<API URL>/auth/v1`, as hosted Supabase. */
  issuer: string;
  signInLimiter: FailedSignInLimiter;
  /** Requests per client address to /token: password sign-ins and refreshes, as GoTrue's `[auth.rate_limit]`. */
  addressLimits: { signIn: AddressLimiter; refresh: AddressLimiter };
}

export interface AuthRequest {
  request: Request;
  url: URL;
  /** `2024-01-01` when the client asked for it (auth-js always does); decides the error shape. */
  apiVersion: string | undefined;
  /** Path parameter of `/admin/users/<id>`. */
  userId?: string;
}

export type AuthHandler = (context: AuthContext, input: AuthRequest) => Promise<Response>;
