// Stands in for the Supabase Management API (api.supabase.com), which is out of reach here, so the real pinned
// CLI can run `supabase functions deploy --use-api` and a test can read exactly what it would have uploaded.
// It records; it decides nothing about the functions.
import { createServer, type Server } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface UploadedFunction {
  slug: string;
  metadata: { name?: string; entrypoint_path?: string; import_map_path?: string; verify_jwt?: boolean };
  /** Uploaded files by the path the CLI gave them (relative to the project root). */
  files: Map<string, string>;
}

export interface ManagementApiRecorder {
  uploads: UploadedFunction[];
  /** Bodies of `supabase secrets set`: the name/value pairs it would set. */
  secrets: Array<Array<{ name: string; value: string }>>;
  /** A CLI profile (`supabase --profile <file>`) that sends every Management API call here. */
  profilePath: string;
  close(): Promise<void>;
}

async function readUpload(request: Request, slug: string): Promise<UploadedFunction> {
  const form = await request.formData();
  const files = new Map<string, string>();
  for (const value of form.getAll('file')) {
    if (typeof value !== 'string') files.set(value.name, await value.text());
  }
  const metadata = form.get('metadata');
  return { slug, metadata: typeof metadata === 'string' ? JSON.parse(metadata) : {}, files };
}

export async function startManagementApiRecorder(dir: string): Promise<ManagementApiRecorder> {
  const uploads: UploadedFunction[] = [];
  const secrets: ManagementApiRecorder['secrets'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://recorder');
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const slug = url.searchParams.get('slug');
      if (req.method === 'POST' && /^\/v1\/projects\/[a-z]{20}\/functions\/deploy$/.test(url.pathname) && slug) {
        const request = new Request(url, { method: 'POST', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
        const upload = await readUpload(request, slug);
        uploads.push(upload);
        return reply(201, { id: crypto.randomUUID(), slug, name: slug, status: 'ACTIVE', version: 1, verify_jwt: upload.metadata.verify_jwt });
      }
      if (req.method === 'PUT' && /^\/v1\/projects\/[a-z]{20}\/functions$/.test(url.pathname)) return reply(200, { functions: [] });
      if (req.method === 'POST' && /^\/v1\/projects\/[a-z]{20}\/secrets$/.test(url.pathname)) {
        secrets.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(201).end();
        return;
      }
      reply(404, { message: `recorder: no ${req.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const profilePath = join(dir, 'recorder-profile.yaml');
  await writeFile(
    profilePath,
    [
      `name: barkeep-recorder`,
      `api_url: http://127.0.0.1:${port}`,
      `dashboard_url: http://127.0.0.1:${port}/dashboard`,
      `project_host: supabase.test`,
      '',
    ].join('\n'),
  );
  return {
    uploads,
    secrets,
    profilePath,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
