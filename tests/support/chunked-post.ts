// A request body that the server can only refuse by its length: `total` bytes sent chunked (no Content-Length), on
// a connection of its own so the rest of the body delays nothing else. Resolves with the status of the answer,
// which may come before the body is all sent.
import { request as httpRequest } from 'node:http';

export function chunkedPost(url: string, total: number, headers: Record<string, string> = {}, prefix = ''): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        agent: false,
        hostname: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: 'POST',
        headers: { 'transfer-encoding': 'chunked', ...headers },
      },
      (answer) => {
        answer.resume();
        resolve(answer.statusCode ?? 0);
      },
    );
    outgoing.on('error', (error) => reject(new Error(`${target.pathname}: ${error.message}`)));
    outgoing.write(prefix);
    const chunk = Buffer.alloc(64 * 1024, 'y');
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!outgoing.write(chunk)) return void outgoing.once('drain', pump);
      }
      outgoing.end();
    };
    pump();
  });
}
