// Which install path a browser offers. Chromium fires `beforeinstallprompt`; iOS Safari never does, and only
// apps added to the Home Screen may receive Web Push there, so iOS users get step-by-step instructions instead.

export function isIos(userAgent: string, maxTouchPoints = 0): boolean {
  // iPadOS 13+ reports itself as a Mac: tell it apart by its touch screen.
  return /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
}

/** Running as an installed app (Home Screen / standalone window)? */
export function isStandalone(matchesStandalone: boolean, navigatorStandalone: boolean | undefined): boolean {
  return matchesStandalone || navigatorStandalone === true;
}

/** Converts a VAPID public key (base64url) to the bytes PushManager.subscribe() expects. */
export function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
