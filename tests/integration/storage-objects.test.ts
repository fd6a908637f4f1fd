// Storage against the real stack with the real storage-js client: uploads (multipart and raw, upsert, update),
// downloads, info/exists, list, move, copy, remove, signed URLs, and what the drink-images bucket's policies allow
// hosts, guests and anon. Errors are checked in Supabase Storage's shape (statusCode as a string, code).
import { createHash } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql, anonClient, serviceClient, stackInfo } from '../support/clients.ts';
import { addGuest, addHost } from '../support/party.ts';
import { BUCKET, bytes, PNG, publicUrl, testKey } from '../support/storage.ts';

const sql = adminSql();
let host: SupabaseClient;
let guest: SupabaseClient;
const anon = anonClient();

beforeAll(async () => {
  host = (await addHost(sql)).client;
  guest = (await addGuest(sql)).client;
});
afterAll(() => sql.end());

const images = () => host.storage.from(BUCKET);

describe('the drink-images bucket', () => {
  it('is public, 5 MB, images only — as the migration made it', async () => {
    const { data, error } = await serviceClient().storage.getBucket(BUCKET);
    expect(error).toBeNull();
    expect(data).toMatchObject({ id: BUCKET, public: true, file_size_limit: 5 * 1024 * 1024 });
    expect(data!.allowed_mime_types).toEqual(['image/webp', 'image/jpeg', 'image/png', 'image/avif']);
  });
});

describe('uploads and downloads', () => {
  it('a host uploads a Blob (multipart); anyone reads it by its public URL, without a token', async () => {
    const key = testKey('cocktail.png');
    const { data, error } = await images().upload(key, new Blob([PNG], { type: 'image/png' }), { cacheControl: '31536000' });
    expect(error).toBeNull();
    expect(data).toMatchObject({ path: key, fullPath: `${BUCKET}/${key}` });
    expect(data!.id).toMatch(/^[0-9a-f-]{36}$/);

    const response = await fetch(publicUrl(key));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('max-age=31536000');
    expect(response.headers.get('etag')).toBe(`"${createHash('md5').update(PNG).digest('hex')}"`);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(Date.parse(response.headers.get('last-modified')!)).toBeGreaterThan(Date.now() - 60_000);
    expect(anon.storage.from(BUCKET).getPublicUrl(key).data.publicUrl).toBe(publicUrl(key));
  });

  it('a raw body keeps contentType, cacheControl and metadata; info and exists report them', async () => {
    const key = testKey('raw.webp');
    const body = bytes(5000);
    const upload = await images().upload(key, body, { contentType: 'image/webp', cacheControl: '60', metadata: { drink: 'Mojito' } });
    expect(upload.error).toBeNull();
    const { data: info, error } = await images().info(key);
    expect(error).toBeNull();
    expect(info).toMatchObject({
      name: key,
      bucketId: BUCKET,
      size: 5000,
      contentType: 'image/webp',
      cacheControl: 'max-age=60',
      metadata: { drink: 'Mojito' },
    });
    expect(await images().exists(key)).toMatchObject({ data: true });
    expect((await images().exists(testKey('missing.webp'))).data).toBe(false);
    const download = await images().download(key);
    expect(Buffer.from(await download.data!.arrayBuffer())).toEqual(body);
  });

  it('refuses a duplicate without upsert (409 in the body); upsert and update replace the content', async () => {
    const key = testKey('twice.png');
    expect((await images().upload(key, bytes(10, 1), { contentType: 'image/png' })).error).toBeNull();
    const duplicate = await images().upload(key, bytes(10, 2), { contentType: 'image/png' });
    expect(duplicate.error).toMatchObject({ statusCode: '409', status: 400, message: 'The resource already exists' });
    expect(Buffer.from(await (await fetch(publicUrl(key))).arrayBuffer())).toEqual(bytes(10, 1));

    expect((await images().upload(key, bytes(10, 3), { contentType: 'image/png', upsert: true })).error).toBeNull();
    expect(Buffer.from(await (await fetch(publicUrl(key))).arrayBuffer())).toEqual(bytes(10, 3));
    expect((await images().update(key, bytes(12, 4), { contentType: 'image/png' })).error).toBeNull();
    expect(Buffer.from(await (await fetch(publicUrl(key))).arrayBuffer())).toEqual(bytes(12, 4));
  });

  it('refuses a type the bucket does not allow (415) and a file over 5 MB (413)', async () => {
    const wrongType = await images().upload(testKey('notes.txt'), 'hello', { contentType: 'text/plain' });
    expect(wrongType.error).toMatchObject({ statusCode: '415', message: 'mime type text/plain is not supported' });
    const heic = await images().upload(testKey('photo.heic'), new Blob([bytes(100)], { type: 'image/heic' }));
    expect(heic.error).toMatchObject({ statusCode: '415' });

    const tooLargeKey = testKey('huge.webp');
    const tooLarge = await images().upload(tooLargeKey, new Blob([bytes(5 * 1024 * 1024 + 1)], { type: 'image/webp' }));
    expect(tooLarge.error).toMatchObject({ statusCode: '413' });
    expect((await images().exists(tooLargeKey)).data).toBe(false);
    const rawTooLarge = await images().upload(tooLargeKey, bytes(5 * 1024 * 1024 + 1), { contentType: 'image/webp' });
    expect(rawTooLarge.error).toMatchObject({ statusCode: '413' });
  });

  it('answers a missing object and a missing bucket with NoSuchKey / NoSuchBucket', async () => {
    const missing = await images().download(testKey('nothing.png'));
    expect(missing.error).toMatchObject({ statusCode: '404' });
    const response = await fetch(publicUrl(testKey('nothing.png')));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ statusCode: '404', code: 'NoSuchKey', error: 'not_found', message: 'Object not found' });
    const noBucket = await host.storage.from('no-such-bucket').upload('a.png', PNG, { contentType: 'image/png' });
    expect(noBucket.error).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
  });
});

describe('who may do what (RLS on storage.objects)', () => {
  let key: string;
  beforeAll(async () => {
    key = testKey('house.png');
    await images().upload(key, PNG, { contentType: 'image/png' });
  });

  it('guests and anon cannot upload, replace, move or remove — and the object stays as it was', async () => {
    for (const client of [guest, anon]) {
      const upload = await client.storage.from(BUCKET).upload(testKey('sneaky.png'), PNG, { contentType: 'image/png' });
      expect(upload.error).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' });
      expect((await client.storage.from(BUCKET).upload(key, bytes(3), { contentType: 'image/png', upsert: true })).error).toMatchObject({ statusCode: '403' });
      expect((await client.storage.from(BUCKET).move(key, `${key}-moved`)).error).not.toBeNull();
      const removal = await client.storage.from(BUCKET).remove([key]);
      expect(removal.data ?? []).toEqual([]);
    }
    expect(Buffer.from(await (await fetch(publicUrl(key))).arrayBuffer())).toEqual(PNG);
  });

  it('guests and anon cannot list or sign; the host can', async () => {
    const folder = key.split('/')[0]!;
    for (const client of [guest, anon]) {
      expect((await client.storage.from(BUCKET).list(folder)).data).toEqual([]);
      expect((await client.storage.from(BUCKET).createSignedUrl(key, 60)).error).toMatchObject({ statusCode: '404' });
    }
    expect((await images().list(folder)).data!.map((entry) => entry.name)).toEqual(['house.png']);
  });

  it('a guest may still read the public URL, like everyone', async () => {
    expect((await guest.storage.from(BUCKET).download(key)).error).toBeNull();
  });

  it('a bad token is refused, even where the bucket is public', async () => {
    const response = await fetch(`${stackInfo().apiUrl}/storage/v1/object/list/${BUCKET}`, {
      method: 'POST',
      headers: { apikey: stackInfo().anonKey, authorization: 'Bearer not-a-jwt', 'content-type': 'application/json' },
      body: JSON.stringify({ prefix: '' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: '403', code: 'AccessDenied' });
  });
});

describe('list, move, copy, remove', () => {
  const folder = testKey('', `list-${Date.now()}`).replace(/\/$/, '');
  beforeAll(async () => {
    for (const name of ['b.png', 'a.png', 'C.png', 'sub/one.png', 'sub/two.png', 'other/x.png']) {
      await images().upload(`${folder}/${name}`, PNG, { contentType: 'image/png' });
    }
  });

  it('lists one level: folders first, then files; limit, offset, sortBy and search', async () => {
    const all = await images().list(folder);
    expect(all.data!.map((entry) => entry.name)).toEqual(['other', 'sub', 'C.png', 'a.png', 'b.png']);
    expect(all.data![0]).toMatchObject({ id: null, metadata: null });
    expect(all.data![2]).toMatchObject({ id: expect.any(String), metadata: { size: PNG.length, mimetype: 'image/png' } });
    expect((await images().list(folder, { limit: 2, offset: 2 })).data!.map((entry) => entry.name)).toEqual(['C.png', 'a.png']);
    expect((await images().list(folder, { sortBy: { column: 'name', order: 'desc' } })).data!.map((entry) => entry.name)).toEqual([
      'sub',
      'other',
      'b.png',
      'a.png',
      'C.png',
    ]);
    expect((await images().list(folder, { search: 'c' })).data!.map((entry) => entry.name)).toEqual(['C.png']);
    expect((await images().list(`${folder}/sub/`)).data!.map((entry) => entry.name)).toEqual(['one.png', 'two.png']);
    expect((await images().list(folder, { search: '%' })).data).toEqual([]);
  });

  it('moves and copies; the old name is gone after a move, both exist after a copy', async () => {
    expect((await images().move(`${folder}/a.png`, `${folder}/moved.png`)).data).toMatchObject({ message: 'Successfully moved' });
    expect((await images().exists(`${folder}/a.png`)).data).toBe(false);
    expect((await fetch(publicUrl(`${folder}/moved.png`))).status).toBe(200);
    expect((await images().copy(`${folder}/b.png`, `${folder}/copy.png`)).data).toEqual({ path: `${BUCKET}/${folder}/copy.png` });
    expect(Buffer.from(await (await fetch(publicUrl(`${folder}/copy.png`))).arrayBuffer())).toEqual(PNG);
    expect((await fetch(publicUrl(`${folder}/b.png`))).status).toBe(200);
    expect((await images().move(`${folder}/b.png`, `${folder}/copy.png`)).error).toMatchObject({ statusCode: '409' });
    expect((await images().move(`${folder}/nope.png`, `${folder}/x.png`)).error).toMatchObject({ statusCode: '404' });
  });

  it('removes several objects at once and returns what it removed', async () => {
    const { data, error } = await images().remove([`${folder}/copy.png`, `${folder}/C.png`, `${folder}/never-there.png`]);
    expect(error).toBeNull();
    expect(data!.map((entry) => entry.name).sort()).toEqual([`${folder}/C.png`, `${folder}/copy.png`]);
    expect((await fetch(publicUrl(`${folder}/copy.png`))).status).toBe(400);
  });
});

describe('signed URLs', () => {
  it('a signed URL works without an apikey until it expires; a batch marks what it could not sign', async () => {
    const key = testKey('signed.png');
    await images().upload(key, PNG, { contentType: 'image/png' });
    const { data } = await images().createSignedUrl(key, 60);
    const response = await fetch(data!.signedUrl);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
    expect(response.headers.get('expires')).not.toBeNull();
    const tampered = data!.signedUrl.replace(/token=([^&]+)/, (_all, token: string) => `token=${token.slice(0, -4)}AAAA`);
    expect((await fetch(tampered)).status).toBe(400);
    expect((await fetch(data!.signedUrl.replace('signed.png', 'other.png'))).status).toBe(400);

    const batch = await images().createSignedUrls([key, testKey('missing.png')], 60);
    expect(batch.data![0]).toMatchObject({ error: null, path: key, signedUrl: expect.stringContaining('token=') });
    expect(batch.data![1]).toMatchObject({ error: expect.stringContaining('does not exist'), signedUrl: null });

    const shortLived = await images().createSignedUrl(key, 1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await fetch(shortLived.data!.signedUrl);
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({ code: 'ExpiredToken' });
  });

  it('a host hands out a signed upload URL; anyone holding it can upload there once; guests cannot get one', async () => {
    const key = testKey('via-signed-url.png');
    const { data, error } = await images().createSignedUploadUrl(key);
    expect(error).toBeNull();
    const upload = await anon.storage.from(BUCKET).uploadToSignedUrl(key, data!.token, new Blob([PNG], { type: 'image/png' }));
    expect(upload.error).toBeNull();
    expect((await fetch(publicUrl(key))).status).toBe(200);
    const again = await anon.storage.from(BUCKET).uploadToSignedUrl(key, data!.token, new Blob([PNG], { type: 'image/png' }));
    expect(again.error).toMatchObject({ statusCode: '409' });
    expect((await anon.storage.from(BUCKET).uploadToSignedUrl(testKey('elsewhere.png'), data!.token, PNG)).error).not.toBeNull();
    expect((await guest.storage.from(BUCKET).createSignedUploadUrl(testKey('guest.png'))).error).toMatchObject({ statusCode: '403' });
  });
});
