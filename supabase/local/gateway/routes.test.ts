import { describe, expect, it } from 'vitest';
import { matchRoute } from './routes.ts';

describe('matchRoute', () => {
  it.each([
    ['/rest/v1/drinks', '?select=*', { upstream: 'rest', needsApiKey: true, upstreamPath: '/drinks?select=*' }],
    ['/rest/v1', '', { upstream: 'rest', needsApiKey: true, upstreamPath: '/' }],
    ['/auth/v1/token', '?grant_type=password', { upstream: 'auth', needsApiKey: true, upstreamPath: '/auth/v1/token?grant_type=password' }],
    ['/auth/v1/.well-known/jwks.json', '', { upstream: 'auth', needsApiKey: false }],
    ['/storage/v1/object/public/drinks/a.webp', '', { upstream: 'storage', needsApiKey: false }],
    ['/storage/v1/object/drinks/a.webp', '', { upstream: 'storage', needsApiKey: true }],
    ['/storage/v1/object/sign/drinks/a.webp', '?token=t', { upstream: 'storage', needsApiKey: false }],
    ['/storage/v1/object/upload/sign/drinks/a.webp', '?token=t', { upstream: 'storage', needsApiKey: false }],
    ['/realtime/v1/api/broadcast', '', { upstream: 'realtime', needsApiKey: true }],
    ['/functions/v1/register', '', { upstream: 'functions', needsApiKey: false, functionName: 'register', upstreamPath: '' }],
    ['/functions/v1/echo/a/b', '?x=1', { upstream: 'functions', functionName: 'echo', upstreamPath: '/a/b?x=1' }],
  ])('%s%s', (path, search, expected) => {
    expect(matchRoute(path, search)).toMatchObject(expected);
  });

  it.each(['/', '/rest/v2/x', '/functions/v1', '/functions/v1/', '/restv1', '/graphql/v1'])('%s has no route', (path) => {
    expect(matchRoute(path, '')).toBeUndefined();
  });
});
