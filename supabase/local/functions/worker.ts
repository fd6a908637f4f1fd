// Runs inside Deno, one process per Edge Function. Supabase functions call `Deno.serve(handler)` on import;
// this captures that handler and serves it on the loopback port the stack assigned.
type Handler = (request: Request, info: Deno.ServeHandlerInfo) => Response | Promise<Response>;
type ServeOptions = { handler?: Handler; onError?: (error: unknown) => Response | Promise<Response> };

const port = Number(Deno.env.get('BARKEEP_WORKER_PORT'));
const entry = Deno.env.get('BARKEEP_FUNCTION_ENTRY');
if (!port || !entry) throw new Error('worker needs BARKEEP_WORKER_PORT and BARKEEP_FUNCTION_ENTRY');

const realServe = Deno.serve.bind(Deno);
let captured: { handler: Handler; onError?: ServeOptions['onError'] } | undefined;

// deno-lint-ignore no-explicit-any
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Deno.serve is replaced to capture the handler
(Deno as any).serve = (...args: unknown[]) => {
  const options = (typeof args[0] === 'object' && args[0] !== null ? args[0] : {}) as ServeOptions;
  const handler = (args.find((arg) => typeof arg === 'function') as Handler | undefined) ?? options.handler;
  if (!handler) throw new Error('Deno.serve was called without a handler');
  captured = { handler, onError: options.onError };
  return { finished: new Promise(() => {}), shutdown: async () => {}, ref() {}, unref() {}, addr: { transport: 'tcp', hostname: '127.0.0.1', port } };
};

await import(entry);
if (!captured) throw new Error('The function did not call Deno.serve(handler).');

const { handler, onError } = captured;
realServe(
  {
    port,
    hostname: '127.0.0.1',
    onListen: () => console.log('BARKEEP_WORKER_READY'),
    onError:
      onError ??
      ((error) => {
        console.error(error);
        return Response.json({ code: 'FUNCTION_ERROR', message: 'The function threw an unhandled error (see the stack log).' }, { status: 500 });
      }),
  },
  handler,
);
