// Web Push on the guest's (or host's) device: asks for notification permission at a sensible moment — after
// the first order, from the tap that placed it — and saves the browser's subscription through the caller's
// Supabase client (RLS: the row belongs to the token's user).
import type { DataClient } from '$lib/supabase/data-client';
import { env } from '$env/dynamic/public';
import { applicationServerKey, isIos, isStandalone } from './platform.ts';

export type PushOutcome = 'subscribed' | 'denied' | 'unsupported' | 'insecure' | 'needs-install' | 'already-asked';

const ASKED_KEY = 'barkeep:push-asked';

/**
 * Whether this browser can receive pushes now; `insecure` on a plain-http LAN address (service workers and
 * push need https or localhost); `needs-install` on iOS until the app is opened from the Home Screen.
 */
export function pushAvailability(): 'available' | 'unsupported' | 'insecure' | 'needs-install' {
  if (!isSecureContext) return 'insecure';
  const supported = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window && !!env.PUBLIC_VAPID_PUBLIC_KEY;
  if (supported) return 'available';
  const standalone = isStandalone(matchMedia('(display-mode: standalone)').matches, (navigator as { standalone?: boolean }).standalone);
  return isIos(navigator.userAgent, navigator.maxTouchPoints) && !standalone ? 'needs-install' : 'unsupported';
}

function sameKey(current: ArrayBuffer | null, wanted: Uint8Array): boolean {
  if (!current || current.byteLength !== wanted.length) return false;
  const bytes = new Uint8Array(current);
  return bytes.every((byte, i) => byte === wanted[i]);
}

/**
 * Asks for permission (if not granted yet), subscribes with the server's VAPID key and saves the subscription.
 * Call it from a click handler: Safari allows the permission prompt only in response to a tap.
 */
export async function subscribeToPush(client: Pick<DataClient, 'rpc'>): Promise<PushOutcome> {
  const availability = pushAvailability();
  if (availability !== 'available') return availability;
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') return 'denied';

  const key = applicationServerKey(env.PUBLIC_VAPID_PUBLIC_KEY ?? '');
  const registration = await navigator.serviceWorker.ready;
  let subscription = await registration.pushManager.getSubscription();
  // A subscription made for another server key (the stack's keys were reset) can never be delivered to.
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });

  const { endpoint, keys } = subscription.toJSON();
  if (!endpoint || !keys?.p256dh || !keys.auth) throw new Error('The browser gave a push subscription without keys.');
  const { error } = await client.rpc('save_push_subscription', { endpoint, p256dh: keys.p256dh, auth: keys.auth });
  if (error) throw new Error(`Could not save the push subscription: ${error.message}`);
  return 'subscribed';
}

/**
 * The order flow calls this from the tap that placed the guest's order. The first time, it asks for
 * permission; later it only refreshes an already granted subscription, so a guest who said no is never nagged.
 */
export async function askForPushAfterFirstOrder(client: Pick<DataClient, 'rpc'>): Promise<PushOutcome> {
  if (pushAvailability() === 'available' && Notification.permission === 'granted') return subscribeToPush(client);
  if (localStorage.getItem(ASKED_KEY)) return 'already-asked';
  localStorage.setItem(ASKED_KEY, new Date().toISOString());
  return subscribeToPush(client);
}
