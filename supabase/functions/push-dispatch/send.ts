// Sends one queued notification: RFC 8291 aes128gcm encryption and RFC 8292 VAPID by the web-push library,
// the HTTP request by fetch (so a timeout or a dead push service is just an outcome, never a crash).
import webpush from 'web-push';
import { isPushServiceEndpoint, type EndpointPolicy } from './endpoint.ts';
import { classifyNetworkError, classifyResponse, type Outcome, type RetryPolicy } from './outcome.ts';

export interface Delivery {
  id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  payload: unknown;
  topic: string | null;
  attempts: number;
}

export interface VapidDetails {
  subject: string;
  publicKey: string;
  privateKey: string;
}

/** A drink that is ready an hour later is old news: the push service may drop it after that. */
const TIME_TO_LIVE_SECONDS = 60 * 60;

export async function sendDelivery(
  delivery: Delivery,
  vapid: VapidDetails,
  policy: RetryPolicy,
  timeoutMs: number,
  endpointPolicy: EndpointPolicy = {},
): Promise<Outcome> {
  if (!isPushServiceEndpoint(delivery.endpoint, endpointPolicy)) return { outcome: 'failed', error: 'endpoint is not a browser push service' };
  let request: { endpoint: string; method: string; headers: Record<string, string | number>; body: Uint8Array | null };
  try {
    request = webpush.generateRequestDetails(
      { endpoint: delivery.endpoint, keys: { p256dh: delivery.p256dh, auth: delivery.auth } },
      JSON.stringify(delivery.payload),
      {
        vapidDetails: vapid,
        TTL: TIME_TO_LIVE_SECONDS,
        urgency: 'high',
        contentEncoding: 'aes128gcm',
        ...(delivery.topic ? { topic: delivery.topic } : {}),
      },
    );
  } catch (error) {
    // Unusable keys or payload: the same input fails the same way next time.
    return { outcome: 'failed', error: `could not encrypt: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    const response = await fetch(request.endpoint, {
      method: request.method,
      headers,
      body: request.body ? new Uint8Array(request.body) : null,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return classifyResponse(response.status, delivery.attempts, response.headers.get('retry-after'), policy);
  } catch (error) {
    return classifyNetworkError(error, delivery.attempts, policy);
  }
}
