// Liveness probe for the Edge Functions path: answers without touching the database.
import { json, preflight } from '../_shared/http.ts';

Deno.serve((request) => preflight(request) ?? json(200, { status: 'ok', time: new Date().toISOString() }));
