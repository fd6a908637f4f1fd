// POST /functions/v1/logout (CONTRACT §3): guest access token + {"refresh_token"} → 204, that login ended.
// verify_jwt is off (hosted Supabase would refuse RS256 guest tokens): the function verifies the guest token itself.
import { endSession, guestSessionContext } from '../_shared/guest-sessions.ts';
import { errorJson, noContent, refusal, serveJson } from '../_shared/http.ts';
import { verifyGuestAccessToken } from '../_shared/tokens.ts';
import { isRefreshTokenShaped, readJsonObject, refreshTokenField } from '../_shared/validate.ts';

Deno.serve(
  serveJson('POST', async (request) => {
    const context = await guestSessionContext();
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const claims = bearer ? await verifyGuestAccessToken(bearer, context.keys) : undefined;
    if (!claims) return errorJson(401, 'invalid_token', 'Sign in as a guest first.');

    const body = await readJsonObject(request);
    if (!body.ok) return refusal(400, body);
    const refreshToken = refreshTokenField(body.value);
    if (!refreshToken.ok) return refusal(400, refreshToken);

    if (isRefreshTokenShaped(refreshToken.value)) await endSession(context, { refreshToken: refreshToken.value, userKey: claims.sub });
    return noContent();
  }),
);
