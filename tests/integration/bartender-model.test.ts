// The bartender with a language model: a stack of its own whose functions point at the in-repo fake
// OpenAI-compatible server. Tool results as the model sees them, proposals, server quirks, every failure
// mode falling back to the house bartender, the stream arriving through the gateway piece by piece, quotas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askBartender, readEvents, turn, type BartenderEvent } from '../support/bartender.ts';
import { anonClient, serviceClient, tokenClient } from '../support/clients.ts';
import { FAKE_PNG_BASE64, FAKE_PNG_SIDE, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { hostClient, registeredGuest } from '../support/guests.ts';
import { copyProjectWithSecrets } from '../support/project-copy.ts';
import { makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

const CALL_TIMEOUT_SECONDS = 2;
const GUEST_LIMIT = 6;
const BAR_LIMIT = 60;
let fake: FakeOpenAi;
let stack: StackProcess;
let project: Awaited<ReturnType<typeof copyProjectWithSecrets>>;
let dataDir: string;
let hiddenId: string;
let ginTonicId: string;

beforeAll(async () => {
  fake = await startFakeOpenAi();
  project = await copyProjectWithSecrets({
    BARTENDER_BASE_URL: fake.baseUrl,
    BARTENDER_API_KEY: 'test-model-key',
    BARTENDER_MODEL: 'fake-model',
    BARTENDER_TIMEOUT_SECONDS: String(CALL_TIMEOUT_SECONDS),
    BARTENDER_GUEST_LIMIT: String(GUEST_LIMIT),
    BARTENDER_BAR_LIMIT: String(BAR_LIMIT),
    // An hour's window: a test never straddles two windows.
    BARTENDER_LIMIT_WINDOW_SECONDS: '3600',
    BARTENDER_IMAGES_URL: fake.baseUrl,
    BARTENDER_IMAGES_API_KEY: 'test-images-key',
    BARTENDER_IMAGES_MODEL: 'fake-images',
    BARTENDER_IMAGES_TIMEOUT_SECONDS: String(CALL_TIMEOUT_SECONDS),
  });
  dataDir = await makeDataDir();
  stack = await startStackProcess({ dataDir, env: { BARKEEP_SUPABASE_DIR: project.supabaseDir } });
  const service = serviceClient(stack);
  const { data: section } = await service.from('sections').select('id').eq('name', 'Longdrinks').single();
  const hidden = await service
    .from('drinks')
    .insert({
      section_id: section!.id,
      name: 'Hidden Gin Special',
      description: 'Gin and more gin',
      recipe: { ingredients: [{ name: 'Gin', amount: '6 cl' }], steps: [] },
      is_active: false,
    })
    .select('id')
    .single();
  hiddenId = hidden.data!.id;
  ginTonicId = (await service.from('drinks').select('id').eq('name', 'Gin Tonic').single()).data!.id;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await fake?.close();
  await project?.remove();
  if (dataDir) await removeDataDir(dataDir);
});

async function ask(token: string, content: string, locale = 'en'): Promise<{ events: BartenderEvent[]; done: { reply: string; provider: string } }> {
  const response = await askBartender(stack, token, { messages: [{ role: 'user', content }], locale }, 'text/event-stream');
  expect(response.status).toBe(200);
  const events = await readEvents(response);
  return { events, done: events.find((event) => event.event === 'done')!.data as { reply: string; provider: string } };
}
const ofKind = (events: BartenderEvent[], kind: string) => events.filter((event) => event.event === kind).map((event) => event.data);

describe('bartender with a model', () => {
  it('runs the tools as the caller: the model sees tonight’s active drinks only, the cards are database rows', async () => {
    const host = await hostClient(stack);
    const hostToken = (await host.auth.getSession()).data.session!.access_token;
    for (const token of [(await registeredGuest('Mo Model', stack)).access_token, hostToken]) {
      fake.requests.length = 0;
      fake.script(
        {
          kind: 'tools',
          calls: [
            { name: 'search_menu', arguments: { query: 'gin' } },
            { name: 'get_recipe', arguments: { drink_id: hiddenId } },
          ],
        },
        {
          kind: 'tools',
          calls: [
            {
              name: 'show_drinks',
              arguments: { drinks: [{ id: ginTonicId, reason: 'crisp' }, { id: hiddenId }, { id: '00000000-0000-4000-8000-000000000000' }, { id: 'Mojito' }] },
            },
          ],
        },
        { kind: 'text', text: 'A Gin Tonic would be lovely tonight.' },
      );
      const { events, done } = await ask(token, 'Something with gin');
      expect(done).toEqual({ reply: 'A Gin Tonic would be lovely tonight.', provider: 'model:fake-model' });
      expect(ofKind(events, 'drinks')).toEqual([{ drinks: [{ id: ginTonicId, name: 'Gin Tonic', reason: 'crisp' }] }]);
      expect(fake.requests).toHaveLength(3);
      expect(fake.requests[0].authorization).toBe('Bearer test-model-key');
      const sent = JSON.stringify(fake.requests.map((request) => request.body.messages));
      expect(sent).toContain('Gin Tonic');
      expect(sent).not.toContain('Hidden Gin Special');
      expect(sent).not.toContain(hiddenId.slice(0, 8) + '","name"');
      const system = (fake.requests[0].body.messages as Array<{ role: string; content: string }>)[0];
      expect(system.role).toBe('system');
      expect(system.content).toMatch(/Never say an order was placed/);
    }
  });

  it('a proposal is only a proposal, whatever the model says', async () => {
    const guest = await registeredGuest('Pia Proposal', stack);
    fake.script(
      { kind: 'tools', calls: [{ name: 'propose_order', arguments: { drink_id: ginTonicId, note: 'extra Gurke\u202e' } }], quirk: 'one-chunk' },
      { kind: 'text', text: 'Tap Order to get your Gin Tonic.' },
    );
    const { events } = await ask(guest.access_token, 'I want a Gin Tonic');
    expect(ofKind(events, 'order_proposal')).toEqual([{ drink_id: ginTonicId, drink_name: 'Gin Tonic', note: 'extra Gurke' }]);
    expect((await tokenClient(guest.access_token, stack).from('orders').select('id')).data).toEqual([]);
    const toolAnswer = (fake.requests.at(-1)!.body.messages as Array<{ role: string; content: string }>).find((message) => message.role === 'tool')!;
    expect(toolAnswer.content).toMatch(/Not ordered yet/);
  });

  it('copes with servers that send tool calls without index, or finish with "stop", or answer unstreamed', async () => {
    const guest = await registeredGuest('Quinn Quirk', stack);
    for (const quirk of ['no-index', 'stop'] as const) {
      fake.script(
        {
          kind: 'tools',
          calls: [
            { name: 'recommend', arguments: { wish: 'sour' } },
            { name: 'my_orders', arguments: {} },
          ],
          quirk,
        },
        { kind: 'text', text: 'Try a Caipirinha.' },
      );
      const { done } = await ask(guest.access_token, 'something sour');
      expect(done.provider, quirk).toBe('model:fake-model');
      const tools = (fake.requests.at(-1)!.body.messages as Array<{ role: string }>).filter((message) => message.role === 'tool');
      expect(tools, quirk).toHaveLength(2);
    }
    fake.script({ kind: 'json', text: 'Ein Hugo, bitte schön.' });
    const { events, done } = await ask(guest.access_token, 'Was Spritziges', 'de');
    expect(done.reply).toBe('Ein Hugo, bitte schön.');
    expect((ofKind(events, 'drinks')[0] as { drinks: Array<{ name: string }> }).drinks.map((drink) => drink.name)).toEqual(['Hugo']);
  });

  it('falls back to the house bartender within the timeout on 429, 500, a hang and garbage', async () => {
    const guest = await registeredGuest('Fritz Fallback', stack);
    for (const step of [{ kind: 'status', status: 429 }, { kind: 'status', status: 500 }, { kind: 'hang' }, { kind: 'garbage' }] as const) {
      fake.script(step);
      const started = Date.now();
      const { events, done } = await ask(guest.access_token, 'Something fresh with gin');
      const seconds = (Date.now() - started) / 1000;
      const label = JSON.stringify(step);
      expect(done.provider, label).toBe('house_fallback');
      expect(done.reply, label).toMatch(/My pick: Gin Tonic/);
      expect(ofKind(events, 'drinks').length, label).toBe(1);
      // Generous for a busy machine; without the per-call timeout a hang would last the gateway's 150 s.
      expect(seconds, label).toBeLessThan(CALL_TIMEOUT_SECONDS + 8);
    }
  });

  it('streams through the gateway as it is written: the first words arrive while the model is still writing', async () => {
    const guest = await registeredGuest('Ida Incremental', stack);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    fake.script({ kind: 'text', text: 'A Negroni, stirred cold, with a twist of orange.', pieces: 4, gate });
    const arrivals: Array<{ event: string; at: number }> = [];
    const response = await askBartender(stack, guest.access_token, turn('something bitter'), 'text/event-stream');
    // The fake server holds back everything after the first words until the test has read them here:
    // had the gateway or the runner buffered the stream, this would never finish.
    const events = await readEvents(response, (event) => {
      arrivals.push({ event: event.event, at: performance.now() });
      if (event.event === 'delta') release();
    });
    const deltas = events.filter((event) => event.event === 'delta');
    expect(deltas.length).toBeGreaterThanOrEqual(3);
    expect(deltas.map((event) => event.data.text).join('')).toBe('A Negroni, stirred cold, with a twist of orange.');
    expect(arrivals[0].event).toBe('status');
    expect(arrivals.at(-1)!.event).toBe('done');
    expect(arrivals.at(-1)!.at).toBeGreaterThan(arrivals.find((arrival) => arrival.event === 'delta')!.at);
  });

  it('polishes the host’s image prompt with the model, and falls back to the recipe’s prompt when it fails', async () => {
    const host = await hostClient(stack);
    const drink = { name: 'Hugo', description: '', recipe: { ingredients: [{ name: 'Prosecco' }], glassware: 'Weinglas', garnish: null } };
    fake.script({ kind: 'json', text: '"A sparkling Hugo in a wine glass, summer light."' });
    expect((await host.functions.invoke('bartender/image-prompt', { body: { drink } })).data).toEqual({
      prompt: 'A sparkling Hugo in a wine glass, summer light.',
      provider: 'model:fake-model',
      images: true,
    });
    expect(JSON.stringify(fake.requests.at(-1)!.body.messages)).toContain('served in a Weinglas glass');
    fake.script({ kind: 'status', status: 500 });
    const fallback = (await host.functions.invoke('bartender/image-prompt', { body: { drink } })).data;
    expect(fallback.provider).toBe('house_fallback');
    expect(fallback.prompt).toMatch(/^Professional cocktail photography of a "Hugo"/);
  });

  it('generates the host’s drink picture through BARTENDER_IMAGES_URL: a real PNG, the key sent to the provider only', async () => {
    const host = await hostClient(stack);
    fake.requests.length = 0;
    const { data, error, response } = await host.functions.invoke('bartender/image', { body: { prompt: '  A Hugo in a wine glass  ' } });
    expect(error).toBeNull();
    expect(data).toEqual({ b64_json: FAKE_PNG_BASE64, mime: 'image/png' });
    const png = Buffer.from(data.b64_json, 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([FAKE_PNG_SIDE, FAKE_PNG_SIDE]);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      path: '/v1/images/generations',
      authorization: 'Bearer test-images-key',
      body: { model: 'fake-images', prompt: 'A Hugo in a wine glass', n: 1, size: '1024x1024', response_format: 'b64_json' },
    });
    let headers = '';
    response!.headers.forEach((value, name) => (headers += `${name}: ${value}\n`));
    expect(JSON.stringify(data) + headers).not.toContain('test-images-key');
  });

  it('refuses pictures to guests (403), without a token (401) and for a prompt that is empty or too long (400)', async () => {
    fake.requests.length = 0;
    const guest = await registeredGuest('Greta Guest', stack);
    const refused = await tokenClient(guest.access_token, stack).functions.invoke('bartender/image', { body: { prompt: 'A Hugo' } });
    expect(refused.response?.status).toBe(403);
    const anon = await anonClient(stack).functions.invoke('bartender/image', { body: { prompt: 'A Hugo' } });
    expect(anon.response?.status).toBe(401);
    const host = await hostClient(stack);
    for (const prompt of ['', '   ', 'x'.repeat(2001), 42, null]) {
      const bad = await host.functions.invoke('bartender/image', { body: { prompt } });
      expect(bad.response?.status, String(prompt).slice(0, 10)).toBe(400);
      expect(((await bad.response!.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('answers 502 images_failed with a message when the images server fails, hangs or sends no picture', async () => {
    const host = await hostClient(stack);
    const cases = [
      [{ kind: 'status', status: 500 }, /answered 500/],
      [{ kind: 'hang' }, new RegExp(`within ${CALL_TIMEOUT_SECONDS} s`)],
      [{ kind: 'garbage' }, /not a JSON answer/],
      [{ kind: 'not-an-image' }, /not a PNG, JPEG or WebP/],
    ] as const;
    for (const [step, message] of cases) {
      fake.scriptImages(step);
      const failed = await host.functions.invoke('bartender/image', { body: { prompt: 'A Hugo' } });
      expect(failed.response?.status, step.kind).toBe(502);
      const body = (await failed.response!.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('images_failed');
      expect(body.error.message).toMatch(message);
    }
  });

  it('the guest can stop an answer mid-stream', async () => {
    const guest = await registeredGuest('Stella Stop', stack);
    fake.script({ kind: 'hang' });
    const controller = new AbortController();
    const response = await askBartender(stack, guest.access_token, turn('hi'), 'text/event-stream', controller.signal);
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
  });

  it('quotas: a guest gets 429 with Retry-After after their share, then the whole bar after its share', async () => {
    const guest = await registeredGuest('Quentin Quota', stack);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i <= GUEST_LIMIT; i++) {
      fake.script({ kind: 'text', text: 'Cheers.' });
      last = await askBartender(stack, guest.access_token, turn('hi'));
      statuses.push(last.status);
      if (last.status === 200) await last.body?.cancel();
    }
    expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await last!.json()) as { error: { code: string } }).error.code).toBe('rate_limited');

    let barStatus = 200;
    for (let i = 0; i < BAR_LIMIT && barStatus === 200; i++) {
      const someone = await registeredGuest(`Guest ${i}`, stack);
      for (let j = 0; j < GUEST_LIMIT - 1 && barStatus === 200; j++) {
        const response = await askBartender(stack, someone.access_token, turn('hi'));
        barStatus = response.status;
        await response.body?.cancel();
      }
    }
    expect(barStatus).toBe(429);
    const newcomer = await registeredGuest('Nina Newcomer', stack);
    const refused = await askBartender(stack, newcomer.access_token, turn('hi'));
    expect(refused.status, 'a guest who never asked is refused too: the bar’s quota is used up').toBe(429);
  });
});
