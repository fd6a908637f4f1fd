// Where an answer goes: an SSE stream (CONTRACT §7 events, written as they happen) or one JSON body.
import { corsHeaders, json } from '../_shared/http.ts';
import type { DrinkCard, OrderProposal } from '../_shared/bartender/types.ts';

export interface AnswerSink {
  status(text: string): void;
  delta(text: string): void;
  drinks(drinks: DrinkCard[]): void;
  proposal(proposal: OrderProposal): void;
  done(reply: string, provider: string): void;
  error(code: string, message: string): void;
}

/** An SSE response; `run` writes into the sink; `onCancel` fires when the guest stops (closes the stream). */
export function eventStream(run: (sink: AnswerSink, signal: AbortSignal) => Promise<void>): Response {
  const encoder = new TextEncoder();
  const cancelled = new AbortController();
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (event: string, data: unknown) => {
        if (open) controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      const sink: AnswerSink = {
        status: (text) => send('status', { text }),
        delta: (text) => send('delta', { text }),
        drinks: (drinks) => send('drinks', { drinks }),
        proposal: (proposal) => send('order_proposal', proposal),
        done: (reply, provider) => send('done', { reply, provider }),
        error: (code, message) => send('error', { code, message }),
      };
      run(sink, cancelled.signal)
        .catch((error) => {
          const id = crypto.randomUUID();
          console.error(`bartender ${id} failed:`, error);
          sink.error('internal_error', `Something went wrong on our side (request ${id}). Please ask again.`);
        })
        .finally(() => {
          if (!open) return;
          open = false;
          controller.close();
        });
    },
    cancel() {
      open = false;
      cancelled.abort();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { ...corsHeaders, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' },
  });
}

/** Collects the same events into the JSON answer `{reply, drinks, order_proposal, provider}`. */
export async function jsonAnswer(run: (sink: AnswerSink, signal: AbortSignal) => Promise<void>, signal: AbortSignal): Promise<Response> {
  const answer = { reply: '', drinks: [] as DrinkCard[], order_proposal: null as OrderProposal | null, provider: '' };
  let failure: { code: string; message: string } | null = null;
  await run(
    {
      status: () => {},
      delta: () => {},
      drinks: (drinks) => (answer.drinks = drinks),
      proposal: (proposal) => (answer.order_proposal = proposal),
      done: (reply, provider) => Object.assign(answer, { reply, provider }),
      error: (code, message) => (failure = { code, message }),
    },
    signal,
  );
  return failure ? json(500, { error: failure }) : json(200, answer);
}
