import { describe, expect, it } from 'vitest';
import { afterSignIn, hostAccess, signInUrl } from './access';

describe('hostAccess', () => {
  const anonymous = { signedIn: false, isHost: false };
  const nonHost = { signedIn: true, isHost: false };
  const host = { signedIn: true, isHost: true };

  it('leaves pages outside /host alone', () => {
    expect(hostAccess('/', anonymous)).toBe('allow');
    expect(hostAccess('/hostel', anonymous)).toBe('allow');
    expect(hostAccess('/boardgames', anonymous)).toBe('allow');
    expect(hostAccess('/menu', nonHost)).toBe('allow');
  });

  it('keeps login and logout open', () => {
    expect(hostAccess('/host/login', anonymous)).toBe('allow');
    expect(hostAccess('/host/login/', nonHost)).toBe('allow');
    expect(hostAccess('/host/logout', nonHost)).toBe('allow');
  });

  it('sends visitors without a session to sign in, and refuses signed-in non-hosts', () => {
    for (const path of ['/host', '/host/', '/host/drinks', '/host/codes/new', '/board']) {
      expect(hostAccess(path, anonymous)).toBe('sign-in');
      expect(hostAccess(path, nonHost)).toBe('not-host');
      expect(hostAccess(path, host)).toBe('allow');
    }
  });
});

describe('signInUrl and afterSignIn', () => {
  it('round-trips the page the host wanted', () => {
    expect(signInUrl('/host')).toBe('/host/login');
    const url = new URL(signInUrl('/host/codes', '?tab=active'), 'http://x');
    expect(afterSignIn(url.searchParams.get('next'))).toBe('/host/codes?tab=active');
    expect(afterSignIn('/board')).toBe('/board');
  });

  it('never redirects outside the host area', () => {
    for (const next of [null, '', 'https://evil.example/host', '//evil.example/host', '/\\evil.example', '/menu', '/host/login', '/host/logout']) {
      expect(afterSignIn(next)).toBe('/host');
    }
  });
});
