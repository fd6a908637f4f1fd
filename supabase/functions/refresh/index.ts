// POST /functions/v1/refresh (CONTRACT §3): {"refresh_token"} → a new access token and a rotated refresh token.
import { describeDevice, storedUserAgent } from '../_shared/device.ts';
import { hitCounter } from '../_shared/database.ts';
import { guestSessionContext, rotateSession } from '../_shared/guest-sessions.ts';
import { errorJson, json, refusal, serveJson, tooManyRequests } from '../_shared/http.ts';
import { checkRateLimit, clientAddress } from '../_shared/rate-limit.ts';
import { isRefreshTokenShaped, readJsonObject, refreshTokenField } from '../_shared/validate.ts';

const invalidToken = () => errorJson(401, 'invalid_refresh_token', 'This session has ended. Please join again.');
// The app says "the host ended your access" rather than "your session ended" (the reason the guest needs).
const guestInactive = () => errorJson(403, 'guest_inactive', 'The host has ended your access to the bar.');

Deno.serve(
  serveJson('POST', async (request) => {
    const context = await guestSessionContext();
    const address = clientAddress(request.headers.get('x-forwarded-for'), context.settings.trustedProxies);
    const verdict = await checkRateLimit({ name: 'refresh', limit: context.settings.refreshPerMinute, windowSeconds: 60 }, address, hitCounter(context.sql));
    if (!verdict.allowed) return tooManyRequests(verdict.retryAfterSeconds);

    const body = await readJsonObject(request);
    if (!body.ok) return refusal(400, body);
    const refreshToken = refreshTokenField(body.value);
    if (!refreshToken.ok) return refusal(400, refreshToken);
    if (!isRefreshTokenShaped(refreshToken.value)) return invalidToken();

    const userAgent = request.headers.get('user-agent');
    const tokens = await rotateSession(context, { refreshToken: refreshToken.value, device: describeDevice(userAgent), userAgent: storedUserAgent(userAgent) });
    if (tokens === 'inactive') return guestInactive();
    return tokens === 'invalid' ? invalidToken() : json(200, tokens);
  }),
);
