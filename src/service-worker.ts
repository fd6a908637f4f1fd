/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Barkeep's service worker: precached app shell, network-first pages with an offline fallback, cached drink
// photos and menu rows, Web Push
// (show the notification, open the order on tap) and SKIP_WAITING for the "update available" prompt.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute, setCatchHandler } from 'workbox-routing';
import { NetworkFirst, NetworkOnly } from 'workbox-strategies';
import { cachedImage, isDrinkImage } from '$lib/images/image-cache.ts';
import { notificationFor } from '$lib/pwa/notification.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

const OFFLINE_PAGE = '/offline';
/** The guest's pages: app shells (their data is loaded in the browser), cached at install so they open offline right after joining (B7). */
const GUEST_SHELLS = ['/', '/join', '/menu'];

// JS, CSS, icons and the prerendered offline page, versioned by the build.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install takes over the open page at once, so it works offline without a reload. Later versions
// wait for the guest to accept the "update available" prompt (SKIP_WAITING below).
clientsClaim();

// Host pages show live, private data: never served from a cache. Everything else falls back to the last copy.
registerRoute(new NavigationRoute(new NetworkOnly(), { allowlist: [/^\/host(\/|$)/] }));
// One cached copy per page, whatever its query (/join?code=…, /menu?tab=orders): the shells are the same.
registerRoute(new NavigationRoute(new NetworkFirst({ cacheName: 'pages', networkTimeoutSeconds: 5, matchOptions: { ignoreSearch: true } })));
// Prerendered pages (the offline page) read the public settings from /_app/env.js, made at run time, not at
// build time: without a copy the offline page cannot start, and its buttons do nothing (B6).
registerRoute(({ url }) => url.pathname === '/_app/env.js', new NetworkFirst({ cacheName: 'env', networkTimeoutSeconds: 3 }));

self.addEventListener('install', (event) => {
  event.waitUntil(
    Promise.all([
      caches.open('pages').then((cache) => Promise.all(GUEST_SHELLS.map((path) => cache.add(path).catch(() => undefined)))),
      caches.open('env').then((cache) => cache.add('/_app/env.js').catch(() => undefined)),
    ]),
  );
});

// Drink photos: cache-first and bounded (their URLs are versioned). The menu's rows: network-first, so a guest who
// has seen the menu still sees it, photos included, when the party Wi-Fi drops.
registerRoute(
  ({ url, request }) => request.method === 'GET' && isDrinkImage(url),
  ({ request, event }) => cachedImage(request, (promise) => (event as ExtendableEvent).waitUntil(promise)),
);
// Only the guests' reads (active drinks): the host's list, hidden drinks included, is never kept.
const isMenuRead = (url: URL) =>
  url.pathname.endsWith('/rest/v1/sections') || (url.pathname.endsWith('/rest/v1/drinks') && url.searchParams.get('is_active') === 'eq.true');
// No network timeout: a slow answer (a busy bar) is waited for, never replaced by a stale copy; the cache answers
// only when the network fails (offline).
registerRoute(({ url, request }) => request.method === 'GET' && isMenuRead(url), new NetworkFirst({ cacheName: 'menu' }));

setCatchHandler(async ({ request }) => {
  if (request.destination === 'document') return (await matchPrecache(OFFLINE_PAGE)) ?? Response.error();
  return Response.error();
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('push', (event) => {
  let payload: unknown;
  try {
    payload = event.data?.json();
  } catch {
    payload = { drink_name: event.data?.text() };
  }
  event.waitUntil(show(payload));
});

async function show(payload: unknown): Promise<void> {
  const { title, options } = notificationFor(payload);
  // A host looking at the live queue already sees the new order: the alert is for a bar left in the background.
  if (isNewOrder(payload)) {
    const windows = await self.clients.matchAll({ type: 'window' });
    if (windows.some((client) => client.visibilityState === 'visible' && new URL(client.url).pathname.startsWith('/host'))) return;
  }
  await self.registration.showNotification(title, options);
}

function isNewOrder(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && (payload as { type?: unknown }).type === 'new_order';
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL((event.notification.data as { url?: string } | null)?.url ?? '/orders', self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      // Reuse an open Barkeep window rather than stacking a new one.
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) {
        await open.focus();
        await open.navigate(target).catch(() => undefined);
        return;
      }
      await self.clients.openWindow(target);
    })(),
  );
});
