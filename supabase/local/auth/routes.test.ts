import { describe, expect, it } from 'vitest';
import { matchAuthRoute } from './routes.ts';

describe('matchAuthRoute', () => {
  it('finds handlers by method and path', () => {
    expect('handler' in matchAuthRoute('POST', '/token')).toBe(true);
    expect('handler' in matchAuthRoute('PUT', '/user')).toBe(true);
    expect('handler' in matchAuthRoute('GET', '/.well-known/jwks.json')).toBe(true);
  });

  it('passes the user id of /admin/users/<id>', () => {
    const match = matchAuthRoute('DELETE', '/admin/users/3f9c1c56-35a4-4c1f-9d54-8f3f34a0f0b1');
    expect(match).toMatchObject({ userId: '3f9c1c56-35a4-4c1f-9d54-8f3f34a0f0b1' });
  });

  it('answers 405 for a known path with another method and 404 for an unknown path', () => {
    expect(matchAuthRoute('DELETE', '/token')).toEqual({ status: 405 });
    expect(matchAuthRoute('GET', '/no-such-endpoint')).toEqual({ status: 404 });
  });

  it.each([
    ['POST', '/otp', 404, 'feature_disabled'],
    ['POST', '/magiclink', 404, 'feature_disabled'],
    ['POST', '/recover', 404, 'feature_disabled'],
    ['POST', '/verify', 403, 'otp_expired'],
    ['POST', '/admin/generate_link', 404, 'feature_disabled'],
    ['GET', '/authorize', 400, 'validation_failed'],

    ['POST', '/sso', 404, 'saml_provider_disabled'],
    ['GET', '/admin/users/3f9c1c56-35a4-4c1f-9d54-8f3f34a0f0b1/factors', 404, 'feature_disabled'],
  ])('%s %s is a feature GoTrue refuses when disabled: %s %s', async (method, path, status, code) => {
    const match = matchAuthRoute(method, path);
    expect('handler' in match).toBe(true);
    if (!('handler' in match)) return;
    const request = new Request('http://auth/x', { method, body: method === 'GET' ? undefined : '{}' });
    await expect(match.handler({} as never, { request } as never)).rejects.toMatchObject({ status, code });
  });

  it.each(['/factors', '/factors/abc/challenge', '/user/identities/authorize', '/reauthenticate'])(
    '%s asks for a session first, as GoTrue does',
    async (path) => {
      const match = matchAuthRoute('POST', path);
      if (!('handler' in match)) throw new Error('no handler');
      const request = new Request('http://auth/x', { method: 'POST', body: '{}' });
      await expect(match.handler({} as never, { request } as never)).rejects.toMatchObject({ status: 401, code: 'no_authorization' });
    },
  );
});
