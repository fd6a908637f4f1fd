// Which handler answers a method and path under /auth/v1 — the part of GoTrue's API Barkeep uses.
import { createUser, deleteUserById, getUserById, listAllUsers, updateUserById } from './handlers/admin.ts';
import type { AuthHandler } from './handlers/context.ts';
import { logout } from './handlers/logout.ts';
import { health, jwks, settings, signup } from './handlers/meta.ts';
import { token } from './handlers/token.ts';
import { getUser, updateUser } from './handlers/user.ts';

type Methods = Partial<Record<string, AuthHandler>>;

const EXACT: Record<string, Methods> = {
  '/.well-known/jwks.json': { GET: jwks },
  '/health': { GET: health },
  '/settings': { GET: settings },
  '/signup': { POST: signup },
  '/token': { POST: token },
  '/user': { GET: getUser, PUT: updateUser },
  '/logout': { POST: logout },
  '/admin/users': { GET: listAllUsers, POST: createUser },
};

const ADMIN_USER: Methods = { GET: getUserById, PUT: updateUserById, DELETE: deleteUserById };

export type RouteMatch = { handler: AuthHandler; userId?: string } | { status: 404 | 405 };

/** `path` is the part after `/auth/v1`. */
export function matchAuthRoute(method: string, path: string): RouteMatch {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  let methods = EXACT[normalized];
  let userId: string | undefined;
  const adminUser = /^\/admin\/users\/([^/]+)$/.exec(normalized);
  if (!methods && adminUser) {
    methods = ADMIN_USER;
    userId = decodeURIComponent(adminUser[1]!);
  }
  if (!methods) return { status: 404 };
  const handler = methods[method === 'HEAD' ? 'GET' : method];
  return handler ? { handler, userId } : { status: 405 };
}
