// POST /functions/v1/bartender (CONTRACT §7): the AI bartender for guests and hosts, as SSE or JSON;
// POST /functions/v1/bartender/image-prompt: a drink photo's image prompt, for hosts;
// POST /functions/v1/bartender/image: the picture for such a prompt, when BARTENDER_IMAGES_URL is set.
// Thin: who is asking, is it on, is the input sound, within quota — then chat.ts answers.
import { hitCounter, database } from '../_shared/database.ts';
import { errorJson, json, serveJson } from '../_shared/http.ts';
import { checkRateLimit } from '../_shared/rate-limit.ts';
import { DatabaseError, isBartenderEnabled } from './bar-data.ts';
import { callerFrom, type Caller } from './caller.ts';
import { answerChat } from './chat.ts';
import { eventStream, jsonAnswer } from './events.ts';
import { isHost, parseImagePromptRequest, polishedImagePrompt } from './image-route.ts';
import { generateImage, ImageError, parseImageRequest } from './images.ts';
import { parseChatRequest, readBody } from './request.ts';
import { bartenderSettings } from './settings.ts';

const settings = bartenderSettings((name) => Deno.env.get(name));
const env = { url: Deno.env.get('SUPABASE_URL') ?? '', anonKey: Deno.env.get('SUPABASE_ANON_KEY') ?? '' };

const unauthorized = () => errorJson(401, 'unauthorized', 'Join the bar as a guest (or sign in as the host) to talk to the bartender.');

/** The per-guest quota, then the whole bar's: a chatty guest cannot use up everyone's. */
async function quotaRefusal(caller: Caller): Promise<Response | undefined> {
  const hit = hitCounter(database());
  const window = settings.limitWindowSeconds;
  for (const [rule, key] of [
    [{ name: 'bartender:user', limit: settings.guestLimit, windowSeconds: window }, caller.sub],
    [{ name: 'bartender', limit: settings.barLimit, windowSeconds: window }, 'bar'],
  ] as const) {
    const verdict = await checkRateLimit(rule, key, hit);
    if (!verdict.allowed) {
      return errorJson(429, 'rate_limited', `The bartender needs a breather. Ask again in ${verdict.retryAfterSeconds} s.`, {
        'retry-after': String(verdict.retryAfterSeconds),
      });
    }
  }
  return undefined;
}

Deno.serve(
  serveJson('POST', async (request) => {
    const caller = await callerFrom(request, env);
    if (!caller) return unauthorized();
    let enabled: boolean;
    try {
      enabled = await isBartenderEnabled(caller.client);
    } catch (error) {
      if (error instanceof DatabaseError && (error.status === 401 || error.status === 403)) return unauthorized();
      throw error;
    }
    const body = await readBody(request);
    if (!body.ok) return errorJson(400, 'invalid_request', body.message);

    const path = new URL(request.url).pathname;
    if (path.endsWith('/image-prompt')) {
      if (!(await isHost(caller))) return errorJson(403, 'forbidden', 'Only the host writes image prompts.');
      const drink = parseImagePromptRequest(body.value);
      if (!drink.ok) return errorJson(400, 'invalid_request', drink.message);
      // `images` tells the drink editor whether to offer "Generate picture".
      return json(200, { ...(await polishedImagePrompt(drink.value, settings.model, request.signal)), images: settings.images !== null });
    }
    if (path.endsWith('/image')) {
      if (!(await isHost(caller))) return errorJson(403, 'forbidden', 'Only the host generates drink pictures.');
      const prompt = parseImageRequest(body.value);
      if (!prompt.ok) return errorJson(400, 'invalid_request', prompt.message);
      if (!settings.images) return errorJson(503, 'images_off', 'No images server is set up (BARTENDER_IMAGES_URL). Upload a photo instead.');
      try {
        return json(200, await generateImage(settings.images, prompt.value.prompt, request.signal));
      } catch (error) {
        if (!(error instanceof ImageError)) throw error;
        console.warn(`bartender: picture generation failed: ${error.message}`);
        return errorJson(502, 'images_failed', `The picture could not be generated: ${error.message}`);
      }
    }

    if (!enabled) return errorJson(503, 'assistant_off', 'The host has switched the bartender off for now. The menu still works: pick a drink there.');
    const chat = parseChatRequest(body.value);
    if (!chat.ok) return errorJson(400, 'invalid_request', chat.message);
    const refusal = await quotaRefusal(caller);
    if (refusal) return refusal;

    const run = (sink: Parameters<typeof answerChat>[1], signal: AbortSignal) =>
      answerChat({ caller, request: chat.value, model: settings.model }, sink, AbortSignal.any([signal, request.signal]));
    return (request.headers.get('accept') ?? '').includes('text/event-stream') ? eventStream(run) : jsonAnswer(run, request.signal);
  }),
);
