// HTTP plumbing for every Edge Function: CORS (functions answer their own preflight) and JSON replies.
export const corsHeaders: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, x-client-info, apikey, content-type, x-registration-code',
  'access-control-allow-methods': 'POST, GET, OPTIONS',
  'access-control-expose-headers': 'retry-after',
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...corsHeaders, 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** The CORS preflight answer, or undefined when the request is not a preflight. */
export function preflight(request: Request): Response | undefined {
  return request.method === 'OPTIONS' ? new Response(null, { status: 204, headers: corsHeaders }) : undefined;
}

/** An expected error in the wire shape of CONTRACT §3: `{"error": {"code", "message"}}`. */
export function errorJson(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return json(status, { error: { code, message } }, headers);
}

/** A refused input (a failed Result of validate.ts) as an expected error; `reason` when the rule gives one. */
export function refusal(status: number, problem: { code: string; message: string; reason?: string }): Response {
  const { code, message, reason } = problem;
  return json(status, { error: { code, message, ...(reason ? { reason } : {}) } });
}

export function tooManyRequests(retryAfterSeconds: number): Response {
  return errorJson(429, 'rate_limited', 'Too many requests from your network. Please try again in a moment.', {
    'retry-after': String(retryAfterSeconds),
  });
}

/**
 * Wraps a function's handler: answers the CORS preflight, refuses other methods than `method`, and turns
 * an unexpected error into an opaque 500 plus one log line with a request id.
 */
export function serveJson(method: string, handler: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    const early = preflight(request);
    if (early) return early;
    if (request.method !== method) return errorJson(405, 'method_not_allowed', `Use ${method}.`, { allow: `${method}, OPTIONS` });
    try {
      return await handler(request);
    } catch (error) {
      const requestId = crypto.randomUUID();
      console.error(`request ${requestId} failed:`, error);
      return errorJson(500, 'internal_error', `Something went wrong on our side (request ${requestId}).`);
    }
  };
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: corsHeaders });
}
