// The Realtime fan-out bench's baseline: a bare `ws` server in a process of its own. On `go <round>` from the
// control socket it sends every other socket the frame Realtime would send it — the same vsn 2.0.0 kind 4 bytes
// (framing.ts) with the same payload for that socket's topic — one frame built per socket, as Realtime builds one
// per topic. Nothing else: no join, no authorization, no database.
import { WebSocketServer, type WebSocket } from 'ws';
import { randomUUID } from 'node:crypto';
import { encodeUserBroadcast } from '../../supabase/local/realtime/framing.ts';

const sockets = new Map<WebSocket, string>();
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
wss.on('listening', () => console.log(`PORT ${(wss.address() as { port: number }).port}`));
wss.on('connection', (ws, request) => {
  const key = new URL(request.url ?? '/', 'http://localhost').searchParams.get('key');
  if (key) {
    sockets.set(ws, key);
    ws.on('close', () => sockets.delete(ws));
    return;
  }
  ws.on('message', (data) => {
    const go = /^go (\d+)$/.exec(String(data));
    if (!go) return;
    let n = 0;
    for (const [socket, topicKey] of sockets) {
      const payload = Buffer.from(JSON.stringify({ order_id: ++n, status: 'ready', round: Number(go[1]) }));
      socket.send(encodeUserBroadcast(`realtime:orders:${topicKey}`, { event: 'BENCH', encoding: 'json', payload, meta: { id: randomUUID() } }), {
        binary: true,
      });
    }
  });
});
