// POST /functions/v1/register (CONTRACT §3): X-Registration-Code header + {"username"} → a guest and their tokens.
import { describeDevice, storedUserAgent } from '../_shared/device.ts';
import { hitCounter } from '../_shared/database.ts';
import { guestSessionContext, startSession } from '../_shared/guest-sessions.ts';
import { errorJson, json, refusal, serveJson, tooManyRequests } from '../_shared/http.ts';
import { checkRateLimit, clientAddress } from '../_shared/rate-limit.ts';
import { parseRegistrationCode, readJsonObject, validateUsername } from '../_shared/validate.ts';

// One answer for unknown, expired, used-up and revoked codes: a caller cannot probe which codes exist.
const invalidCode = () => errorJson(403, 'invalid_code', 'This invite code is not valid any more. Ask your host for a new one.');

Deno.serve(
  serveJson('POST', async (request) => {
    const context = await guestSessionContext();
    const address = clientAddress(request.headers.get('x-forwarded-for'), context.settings.trustedProxies);
    const verdict = await checkRateLimit({ name: 'register', limit: context.settings.registerPerMinute, windowSeconds: 60 }, address, hitCounter(context.sql));
    if (!verdict.allowed) return tooManyRequests(verdict.retryAfterSeconds);

    if (!request.headers.has('x-registration-code')) return errorJson(400, 'missing_code', 'Send the invite code in the X-Registration-Code header.');
    const body = await readJsonObject(request);
    if (!body.ok) return refusal(400, body);
    const username = validateUsername(body.value.username);
    if (!username.ok) return refusal(400, username);
    const code = parseRegistrationCode(request.headers.get('x-registration-code'));
    if (!code) return invalidCode();

    const userAgent = request.headers.get('user-agent');
    const session = await startSession(context, { code, username: username.value, device: describeDevice(userAgent), userAgent: storedUserAgent(userAgent) });
    return session ? json(201, session) : invalidCode();
  }),
);
