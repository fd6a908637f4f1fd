// Where a push may be sent (finding F4): only to the push services browsers subscribe with, so a stored
// endpoint can never make the dispatcher call an address of the guest's choosing (a private network, the
// stack itself, a cloud metadata service). The database applies the same rule when a subscription is saved
// (private.is_push_service_endpoint); this check also covers rows that came in any other way.

/** Chrome/Edge-on-Android/Samsung/Opera (FCM), Firefox (autopush), Safari and iOS (Apple), Edge on Windows (WNS). */
const EXACT_HOSTS = new Set(['fcm.googleapis.com']);
const HOST_SUFFIXES = ['.push.services.mozilla.com', '.push.apple.com', '.notify.windows.com'];
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export interface EndpointPolicy {
  /**
   * Also allow plain http on loopback: only for a test stack whose fake push service runs on 127.0.0.1
   * (the PUSH_ALLOW_LOOPBACK_ENDPOINTS function secret). Never on at a party.
   */
  allowLoopback?: boolean;
}

function isPushServiceHost(hostname: string): boolean {
  return EXACT_HOSTS.has(hostname) || HOST_SUFFIXES.some((suffix) => hostname.endsWith(suffix) && hostname.length > suffix.length);
}

export function isPushServiceEndpoint(endpoint: string, policy: EndpointPolicy = {}): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (policy.allowLoopback && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return true;
  // A push service listens on the default https port; a host name from the list cannot be an IP literal.
  return url.protocol === 'https:' && url.port === '' && isPushServiceHost(url.hostname);
}
