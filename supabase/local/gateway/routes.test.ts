import { describe, expect, it } from 'vitest';
import type { Service } from '../shared/service.ts';
import { matchRoute, needsApiKey, supabaseRoutes } from './routes.ts';

const service = (name: string): Service & { name: string } => ({ name, handle: async () => new Response(name), close: async () => {} });
const services = { rest: service('rest'), auth: service('auth'), realtime: service('realtime'), storage: service('storage'), functions: service('functions') };
const routes = supabaseRoutes(services, { storageFileSizeLimit: 10 * 1024 * 1024 });
const nameOf = (path: string) => (matchRoute(routes, path)?.service as { name?: string } | undefined)?.name;

describe('matchRoute', () => {
  it.each([
    ['/rest/v1/drinks', 'rest'],
    ['/rest/v1', 'rest'],
    ['/auth/v1/token', 'auth'],
    ['/realtime/v1/api/broadcast', 'realtime'],
    ['/storage/v1/object/public/drinks/a.webp', 'storage'],
    ['/functions/v1/register', 'functions'],
    ['/functions/v1/echo/a/b', 'functions'],
  ])('%s → %s', (path, expected) => {
    expect(nameOf(path)).toBe(expected);
  });

  it.each(['/', '/rest/v2/x', '/restv1', '/rest/v10', '/graphql/v1'])('%s has no route', (path) => {
    expect(matchRoute(routes, path)).toBeUndefined();
  });
});

describe('needsApiKey', () => {
  it.each([
    ['/rest/v1/drinks', true],
    ['/auth/v1/token', true],
    ['/auth/v1/.well-known/jwks.json', false],
    ['/storage/v1/object/public/drinks/a.webp', false],
    ['/storage/v1/object/drinks/a.webp', true],
    ['/storage/v1/object/sign/drinks/a.webp', false],
    ['/storage/v1/object/upload/sign/drinks/a.webp', false],
    ['/realtime/v1/api/broadcast', true],
    ['/functions/v1/register', false],
  ])('%s → %s', (path, expected) => {
    expect(needsApiKey(matchRoute(routes, path)!, path)).toBe(expected);
  });
});

describe('body limits', () => {
  const limitOf = (path: string, method: string) => matchRoute(routes, path)!.bodyLimit?.(path, method);

  it('lets Storage uploads through up to [storage] file_size_limit (plus multipart framing)', () => {
    expect(limitOf('/storage/v1/object/drink-images/a.webp', 'POST')).toBe(10 * 1024 * 1024 + 64 * 1024);
    expect(limitOf('/storage/v1/object/drink-images/a.webp', 'PUT')).toBe(10 * 1024 * 1024 + 64 * 1024);
  });

  it('keeps the default everywhere else', () => {
    expect(limitOf('/storage/v1/object/upload/sign/drink-images/a.webp', 'PUT')).toBe(10 * 1024 * 1024 + 64 * 1024);
    expect(limitOf('/storage/v1/object/list/drink-images', 'POST')).toBeUndefined();
    expect(limitOf('/storage/v1/object/sign/drink-images/a.webp', 'POST')).toBeUndefined();
    expect(limitOf('/storage/v1/object/drink-images/a.webp', 'GET')).toBeUndefined();
    expect(limitOf('/storage/v1/bucket', 'POST')).toBeUndefined();
    expect(limitOf('/rest/v1/orders', 'POST')).toBeUndefined();
  });
});
