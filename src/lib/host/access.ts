// Which /host pages a visitor may see: the rule hooks.server.ts and the host layout both apply.
export type HostAccess = 'allow' | 'sign-in' | 'not-host';

/** Pages of the host area open to everyone: signing in and out. */
const OPEN_HOST_PATHS = new Set(['/host/login', '/host/logout']);

/** The host's screens: everything under /host, and the TV board at /board (it shows guests' names). */
export function isHostPath(pathname: string): boolean {
  return pathname === '/host' || pathname.startsWith('/host/') || pathname === '/board' || pathname === '/board/';
}

export function hostAccess(pathname: string, visitor: { signedIn: boolean; isHost: boolean }): HostAccess {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (!isHostPath(path) || OPEN_HOST_PATHS.has(path)) return 'allow';
  if (!visitor.signedIn) return 'sign-in';
  return visitor.isHost ? 'allow' : 'not-host';
}

/** The login page URL that brings the host back to `pathname` afterwards. */
export function signInUrl(pathname: string, search = ''): string {
  const next = pathname + search;
  return next === '/host' ? '/host/login' : `/host/login?next=${encodeURIComponent(next)}`;
}

/** Where to go after signing in: only a path inside the host area, never another site (no open redirect). */
export function afterSignIn(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/host';
  try {
    const url = new URL(next, 'http://app.invalid');
    if (url.origin !== 'http://app.invalid' || !isHostPath(url.pathname) || url.pathname.startsWith('/host/log')) return '/host';
    return url.pathname + url.search;
  } catch {
    return '/host';
  }
}
