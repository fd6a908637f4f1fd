// Storage under hostile and unlucky input: traversal and control characters in keys, a client that disconnects
// mid-upload, two uploads racing for one key, conditional and range requests, and the bucket API's limits
// (size, MIME wildcards, private buckets). Nothing may be left on disk that no row refers to.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql, anonClient, serviceClient, stackInfo } from '../support/clients.ts';
import { eventually } from '../support/eventually.ts';
import { addHost } from '../support/party.ts';
import { BUCKET, bytes, PNG, publicUrl, storedFiles, testKey } from '../support/storage.ts';

const sql = adminSql();
let host: SupabaseClient;
let hostToken: string;

beforeAll(async () => {
  const person = await addHost(sql);
  host = person.client;
  hostToken = person.token;
});
afterAll(() => sql.end());

const images = () => host.storage.from(BUCKET);

/** Every file in objects/ belongs to a row, and no upload is half-written in tmp/. */
async function expectNoStrayFiles() {
  await eventually(
    async () => {
      const files = await storedFiles();
      const rows = await sql`select version from storage.objects where version = any(${files.objects}::text[])`;
      return { tmp: files.tmp.length, unreferenced: files.objects.length - rows.length };
    },
    (state) => state.tmp === 0 && state.unreferenced === 0,
    'storage folders without leftovers',
    10_000,
  );
}

describe('keys', () => {
  it('refuses traversal and control characters with InvalidKey', async () => {
    const { apiUrl, anonKey } = stackInfo();
    const headers = { apikey: anonKey, authorization: `Bearer ${hostToken}`, 'content-type': 'image/png' };
    for (const key of ['..%2Fsecret.png', 'a/..%2F..%2Fb.png', 'a/%2E%2E%2Fb.png', 'line%0Abreak.png', 'null%00.png', 'tab%09.png', '%C3%BCber.png']) {
      const response = await fetch(`${apiUrl}/storage/v1/object/${BUCKET}/${key}`, { method: 'POST', headers, body: PNG });
      expect(response.status, key).toBe(400);
      expect(((await response.json()) as { code: string }).code, key).toBe('InvalidKey');
    }
    const moved = await images().move(testKey('a.png'), '../../etc/passwd');
    expect(moved.error).toMatchObject({ statusCode: '400' });
    const malformed = await fetch(`${apiUrl}/storage/v1/object/public/${BUCKET}/%E0%A4%A.png`);
    expect(malformed.status).toBe(400);
  });
});

describe('uploads that go wrong', () => {
  /** Starts an upload of `total` bytes, sends `first`, then cuts the connection. */
  function cutUpload(key: string, contentType: string, first: Buffer, total: number): Promise<void> {
    const { apiUrl, anonKey } = stackInfo();
    const url = new URL(`${apiUrl}/storage/v1/object/${BUCKET}/${key}`);
    return new Promise<void>((resolve) => {
      const upload = request(url, {
        method: 'POST',
        headers: { apikey: anonKey, authorization: `Bearer ${hostToken}`, 'content-type': contentType, 'content-length': total },
      });
      upload.on('error', () => resolve());
      upload.write(first);
      // Give the service time to start writing the file, then cut the connection.
      setTimeout(() => {
        upload.destroy();
        resolve();
      }, 300);
    });
  }

  it('leaves nothing behind when the client disconnects mid-body (raw and multipart)', async () => {
    const raw = testKey('cut.webp');
    await cutUpload(raw, 'image/webp', bytes(300_000), 2_000_000);
    const multipart = testKey('cut-form.webp');
    const boundary = 'barkeep-cut-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="cacheControl"\r\n\r\n3600\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name=""; filename="cut.webp"\r\nContent-Type: image/webp\r\n\r\n`,
    );
    await cutUpload(multipart, `multipart/form-data; boundary=${boundary}`, Buffer.concat([head, bytes(300_000)]), 2_000_000);
    for (const key of [raw, multipart]) {
      await eventually(
        async () => (await images().exists(key)).data,
        (exists) => exists === false,
        `no object for ${key}`,
      );
    }
    await expectNoStrayFiles();
  });

  it('leaves nothing behind for uploads refused for size, type or permission', async () => {
    await images().upload(testKey('big.png'), new Blob([bytes(5 * 1024 * 1024 + 10)], { type: 'image/png' }));
    await images().upload(testKey('doc.pdf'), new Blob([bytes(10)], { type: 'application/pdf' }));
    await anonClient().storage.from(BUCKET).upload(testKey('anon.png'), PNG, { contentType: 'image/png' });
    await expectNoStrayFiles();
  });

  it('two uploads racing for one key without upsert: one wins, the other gets 409, the bytes are the winner’s', async () => {
    const key = testKey('race.webp');
    const [first, second] = await Promise.all([
      images().upload(key, bytes(200_000, 1), { contentType: 'image/webp' }),
      images().upload(key, bytes(200_000, 2), { contentType: 'image/webp' }),
    ]);
    const results = [first, second];
    expect(results.filter((result) => result.error === null)).toHaveLength(1);
    expect(results.find((result) => result.error)!.error).toMatchObject({ statusCode: '409' });
    const stored = Buffer.from(await (await fetch(publicUrl(key))).arrayBuffer());
    expect([bytes(200_000, 1), bytes(200_000, 2)]).toContainEqual(stored);
    await expectNoStrayFiles();
  });

  it('two upserts racing for one key: both succeed, the stored file is one of them whole, with its own ETag', async () => {
    const key = testKey('upsert-race.webp');
    const bodies = [bytes(300_000, 3), bytes(300_000, 4), bytes(300_000, 5)];
    const results = await Promise.all(bodies.map((body) => images().upload(key, body, { contentType: 'image/webp', upsert: true })));
    expect(results.every((result) => result.error === null)).toBe(true);
    const response = await fetch(publicUrl(key));
    const stored = Buffer.from(await response.arrayBuffer());
    expect(bodies).toContainEqual(stored);
    expect(response.headers.get('etag')).toBe(`"${createHash('md5').update(stored).digest('hex')}"`);
    const [{ count }] = await sql`select count(*)::int as count from storage.objects where bucket_id = ${BUCKET} and name = ${key}`;
    expect(count).toBe(1);
    await expectNoStrayFiles();
  });
});

describe('conditional and range requests on public URLs', () => {
  const key = testKey('ranges.webp');
  const body = bytes(1000, 9);
  beforeAll(async () => {
    await images().upload(key, body, { contentType: 'image/webp' });
  });

  it('answers If-None-Match and If-Modified-Since with 304, a changed ETag with 200', async () => {
    const first = await fetch(publicUrl(key));
    const etag = first.headers.get('etag')!;
    const notModified = await fetch(publicUrl(key), { headers: { 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(etag);
    expect((await fetch(publicUrl(key), { headers: { 'if-none-match': '"something-else"' } })).status).toBe(200);
    const since = await fetch(publicUrl(key), { headers: { 'if-modified-since': first.headers.get('last-modified')! } });
    expect(since.status).toBe(304);
    const before = await fetch(publicUrl(key), { headers: { 'if-modified-since': new Date(Date.now() - 3600_000).toUTCString() } });
    expect(before.status).toBe(200);
  });

  it('serves byte ranges with 206 and refuses unsatisfiable ones with 416', async () => {
    const part = await fetch(publicUrl(key), { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(body.subarray(10, 20));
    const tail = await fetch(publicUrl(key), { headers: { range: 'bytes=-5' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(body.subarray(995));
    const open = await fetch(publicUrl(key), { headers: { range: 'bytes=990-' } });
    expect(open.headers.get('content-range')).toBe('bytes 990-999/1000');
    const unsatisfiable = await fetch(publicUrl(key), { headers: { range: 'bytes=5000-6000' } });
    expect(unsatisfiable.status).toBe(416);
    expect(unsatisfiable.headers.get('content-range')).toBe('bytes */1000');
  });

  it('HEAD on a public URL gives the headers without a body', async () => {
    const response = await fetch(publicUrl(key), { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('1000');
    expect(response.headers.get('content-type')).toBe('image/webp');
  });
});

describe('buckets', () => {
  const service = serviceClient();
  const name = `private-${Date.now()}`;

  afterAll(async () => {
    await service.storage.emptyBucket(name);
    await service.storage.deleteBucket(name);
  });

  it('the service role creates a private bucket with a size limit and an image/* wildcard', async () => {
    expect((await service.storage.createBucket(name, { public: false, fileSizeLimit: '1KB', allowedMimeTypes: ['image/*'] })).data).toEqual({ name });
    expect((await service.storage.createBucket(name, { public: false })).error).toMatchObject({ statusCode: '409' });
    expect((await service.storage.listBuckets()).data!.map((bucket) => bucket.id)).toContain(name);
    expect((await service.storage.getBucket(name)).data).toMatchObject({ public: false, file_size_limit: 1000, allowed_mime_types: ['image/*'] });
    const files = service.storage.from(name);
    expect((await files.upload('a.gif', bytes(500), { contentType: 'image/gif' })).error).toBeNull();
    expect((await files.upload('b.txt', 'x', { contentType: 'text/plain' })).error).toMatchObject({ statusCode: '415' });
    expect((await files.upload('c.gif', bytes(1001), { contentType: 'image/gif' })).error).toMatchObject({ statusCode: '413' });
  });

  it('a private bucket has no public URL, and RLS hides its objects from callers without a policy', async () => {
    const response = await fetch(`${stackInfo().apiUrl}/storage/v1/object/public/${name}/a.gif`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: '404', code: 'NoSuchBucket' });
    expect((await host.storage.from(name).download('a.gif')).error).toMatchObject({ statusCode: '404' });
    expect((await service.storage.from(name).download('a.gif')).error).toBeNull();
    const signed = await service.storage.from(name).createSignedUrl('a.gif', 60);
    expect((await fetch(signed.data!.signedUrl)).status).toBe(200);
  });

  it('only the service role manages buckets; a bucket with objects cannot be deleted', async () => {
    expect((await host.storage.createBucket(`host-${Date.now()}`, { public: true })).error).toMatchObject({ statusCode: '403' });
    expect((await host.storage.listBuckets()).data).toEqual([]);
    expect((await service.storage.deleteBucket(name)).error).toMatchObject({ statusCode: '409' });
    expect((await service.storage.updateBucket(name, { public: false, fileSizeLimit: 2000 })).data).toMatchObject({ message: 'Successfully updated' });
    expect((await service.storage.getBucket(name)).data!.file_size_limit).toBe(2000);
  });
});
