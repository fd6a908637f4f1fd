import { describe, expect, it } from 'vitest';
import { HOST_SESSION_MAX_AGE_SECONDS, hostCookieOptions, hostDocumentCookies } from './host-cookies';

describe('the host session cookie', () => {
  it('lives for a party (3 days), not @supabase/ssr’s 400 days; removals stay removals', () => {
    expect(HOST_SESSION_MAX_AGE_SECONDS).toBe(3 * 24 * 3600);
    expect(hostCookieOptions({ path: '/', sameSite: 'lax', maxAge: 400 * 24 * 3600 })).toEqual({ path: '/', sameSite: 'lax', maxAge: 3 * 24 * 3600 });
    expect(hostCookieOptions({ maxAge: 60 })).toEqual({ maxAge: 60 });
    expect(hostCookieOptions({ maxAge: 0 })).toEqual({ maxAge: 0 });
  });

  it('is written to document.cookie with that lifetime by the browser client', () => {
    const written: string[] = [];
    const doc = {
      get cookie() {
        return 'sb-barkeep-host-auth-token=base64-abc; other=1';
      },
      set cookie(value: string) {
        written.push(value);
      },
    };
    const cookies = hostDocumentCookies(doc);
    expect(cookies.getAll()).toEqual([
      { name: 'sb-barkeep-host-auth-token', value: 'base64-abc' },
      { name: 'other', value: '1' },
    ]);
    cookies.setAll([
      { name: 'sb-barkeep-host-auth-token', value: 'base64-new', options: { path: '/', sameSite: 'lax', maxAge: 400 * 24 * 3600 } },
      { name: 'sb-barkeep-host-auth-token.1', value: '', options: { path: '/', maxAge: 0 } },
    ]);
    expect(written).toEqual([
      'sb-barkeep-host-auth-token=base64-new; Max-Age=259200; Path=/; SameSite=Lax',
      'sb-barkeep-host-auth-token.1=; Max-Age=0; Path=/',
    ]);
  });
});
