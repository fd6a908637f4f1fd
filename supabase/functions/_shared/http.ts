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
