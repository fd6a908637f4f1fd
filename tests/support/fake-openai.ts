// An in-repo OpenAI-compatible server for tests: `/v1/chat/completions` answers from a script — streamed
// text, tool calls (whole or in pieces, with or without index), 429/500, a hang, garbage — and records
// every request, so a test can read what the bartender sent the model (tool results included).
// `/v1/images/generations` answers a small real PNG as b64_json, or from its own script: 500, a hang, garbage.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';

export type Step =
  | { kind: 'text'; text: string; pieces?: number; gate?: Promise<void> }
  | { kind: 'tools'; calls: Array<{ name: string; arguments: unknown }>; quirk?: 'one-chunk' | 'no-index' | 'stop' }
  | { kind: 'status'; status: number }
  | { kind: 'hang' }
  | { kind: 'garbage' }
  | { kind: 'json'; text: string };

export type ImageStep = { kind: 'png' } | { kind: 'status'; status: number } | { kind: 'hang' } | { kind: 'garbage' } | { kind: 'not-an-image' };

/** A real PNG (8-bit RGB, an orange gradient), as an images API would send one: deflated rows, CRC'd chunks. */
function gradientPng(side: number): Buffer {
  const row = (y: number) =>
    Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: side }, () => [200, 40 + Math.floor((y * 160) / side), 40]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: side }, (_, y) => row(y))));
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 512 px: large enough for the photo path (at least 320 px a side). */
export const FAKE_PNG_SIDE = 512;
export const FAKE_PNG_BASE64 = gradientPng(FAKE_PNG_SIDE).toString('base64');

export interface FakeOpenAi {
  baseUrl: string;
  /** Answers for the next requests, in order; with none left, a short text answer. */
  script(...steps: Step[]): void;
  /** Answers for the next picture requests, in order; with none left, FAKE_PNG_BASE64. */
  scriptImages(...steps: ImageStep[]): void;
  requests: Array<{ path: string; authorization: string | undefined; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

const chunk = (delta: unknown, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const piece of req) text += piece;
  return JSON.parse(text || '{}');
}

async function play(step: Step, res: ServerResponse, hanging: Set<ServerResponse>): Promise<void> {
  if (step.kind === 'status') {
    res.writeHead(step.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'scripted failure' } }));
    return;
  }
  if (step.kind === 'hang') {
    hanging.add(res);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.flushHeaders();
    return;
  }
  if (step.kind === 'json') {
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: step.text }, finish_reason: 'stop' }] }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  if (step.kind === 'garbage') {
    res.end('data: <html>502 Bad Gateway</html>\n\n');
    return;
  }
  if (step.kind === 'text') {
    const words = step.text.split(/(?<= )/);
    const size = Math.max(1, Math.ceil(words.length / (step.pieces ?? 3)));
    for (let i = 0; i < words.length; i += size) {
      res.write(chunk({ content: words.slice(i, i + size).join('') }));
      if (i === 0 && step.gate) await step.gate;
    }
    res.end(chunk({}, 'stop') + 'data: [DONE]\n\n');
    return;
  }
  step.calls.forEach((call, index) => {
    const args = JSON.stringify(call.arguments);
    const id = `call_${index}_${Math.random().toString(36).slice(2, 8)}`;
    if (step.quirk === 'one-chunk' || step.quirk === 'stop') {
      res.write(chunk({ tool_calls: [{ index, id, type: 'function', function: { name: call.name, arguments: args } }] }));
    } else if (step.quirk === 'no-index') {
      res.write(chunk({ tool_calls: [{ id, type: 'function', function: { name: call.name, arguments: args } }] }));
    } else {
      res.write(chunk({ tool_calls: [{ index, id, type: 'function', function: { name: call.name, arguments: '' } }] }));
      const half = Math.floor(args.length / 2);
      res.write(chunk({ tool_calls: [{ index, function: { arguments: args.slice(0, half) } }] }));
      res.write(chunk({ tool_calls: [{ index, function: { arguments: args.slice(half) } }] }));
    }
  });
  res.end(chunk({}, step.quirk === 'stop' ? 'stop' : 'tool_calls') + 'data: [DONE]\n\n');
}

function playImage(step: ImageStep, res: ServerResponse, hanging: Set<ServerResponse>): void {
  if (step.kind === 'status') {
    res.writeHead(step.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'scripted failure' } }));
  } else if (step.kind === 'hang') {
    hanging.add(res);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.flushHeaders();
  } else if (step.kind === 'garbage') {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>');
  } else {
    const b64 = step.kind === 'png' ? FAKE_PNG_BASE64 : Buffer.from('#!/bin/sh\necho not a picture\n').toString('base64');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ created: 0, data: [{ b64_json: b64 }] }));
  }
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const queue: Step[] = [];
  const imageQueue: ImageStep[] = [];
  const requests: FakeOpenAi['requests'] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer(async (req, res) => {
    const isImage = req.url?.endsWith('/images/generations');
    if (req.method !== 'POST' || !(isImage || req.url?.endsWith('/chat/completions'))) {
      res.writeHead(404).end();
      return;
    }
    const body = await readJson(req);
    requests.push({ path: req.url!, authorization: req.headers.authorization, body });
    if (isImage) {
      playImage(imageQueue.shift() ?? { kind: 'png' }, res, hanging);
      return;
    }
    await play(queue.shift() ?? { kind: 'text', text: 'Cheers!' }, res, hanging);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    script: (...steps) => queue.splice(0, queue.length, ...steps),
    scriptImages: (...steps) => imageQueue.splice(0, imageQueue.length, ...steps),
    requests,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
