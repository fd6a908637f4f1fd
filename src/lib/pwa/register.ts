// Registers the service worker with workbox-window and reports when a new version is waiting, so the page
// can ask before switching (activating it under an open page could mix old and new app code).
import { dev } from '$app/environment';
import { Workbox } from 'workbox-window';

export interface Registration {
  /** Tells the waiting service worker to take over; the page reloads once it controls it. */
  applyUpdate(): void;
}

export function registerServiceWorker(onUpdateReady: () => void): Registration | undefined {
  if (!('serviceWorker' in navigator)) return undefined;
  const workbox = new Workbox('/service-worker.js', { scope: '/', type: dev ? 'module' : 'classic' });
  workbox.addEventListener('waiting', onUpdateReady);
  void workbox.register();
  return {
    applyUpdate() {
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    },
  };
}
