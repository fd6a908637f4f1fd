// Supabase Realtime compatible service. Until it lands it refuses WebSocket upgrades with 501.
import type { ServiceContext, WebSocketService } from '../shared/service.ts';

export function createRealtimeService(_context: ServiceContext): WebSocketService {
  return {
    async handle() {
      return Response.json({ message: 'Supabase Realtime is not available in the embedded stack yet.' }, { status: 501 });
    },
    upgrade(_request, socket) {
      socket.end('HTTP/1.1 501 Not Implemented\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    },
    async close() {},
  };
}
