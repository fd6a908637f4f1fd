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
    expect(matchAuthRoute('GET', '/magiclink')).toEqual({ status: 404 });
  });
});
