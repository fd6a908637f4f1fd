// Registers the service worker and reports when a new version is waiting, so the page can ask before switching
// (activating it under an open page could mix old and new app code). The platform API directly: the little of
// workbox-window this used cost every page 2 KB of script.
import { dev } from '$app/environment';

export interface Registration {
  /** Tells the waiting service worker to take over; the page reloads once it controls it. */
  applyUpdate(): void;
}

export function registerServiceWorker(onUpdateReady: () => void): Registration | undefined {
  if (!('serviceWorker' in navigator)) return undefined;
  const container = navigator.serviceWorker;
  let registration: ServiceWorkerRegistration | undefined;
  // A new version is ready once it installed while an older one controls this page (the first install is no update).
  const watch = (worker: ServiceWorker | null) =>
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && container.controller) onUpdateReady();
    });
  const register = async () => {
    const registered = await container.register('/service-worker.js', { scope: '/', type: dev ? 'module' : 'classic' });
    registration = registered;
    if (registered.waiting && container.controller) onUpdateReady();
    watch(registered.installing);
    registered.addEventListener('updatefound', () => watch(registered.installing));
  };
  // After the page has loaded, as workbox-window did: the worker's precaching must not compete with the page.
  if (document.readyState === 'complete') void register().catch(() => undefined);
  else window.addEventListener('load', () => void register().catch(() => undefined), { once: true });
  return {
    applyUpdate() {
      container.addEventListener('controllerchange', () => window.location.reload(), { once: true });
      registration?.waiting?.postMessage({ type: 'SKIP_WAITING' });
    },
  };
}
