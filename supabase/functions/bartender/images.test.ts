import assert from 'node:assert/strict';
import { imageMime, parseImageRequest } from './images.ts';

const b64 = (...bytes: number[]) => btoa(String.fromCharCode(...bytes, ...new Array(12).fill(0)));

Deno.test('a picture prompt is 1–2000 characters, trimmed', () => {
  assert.deepEqual(parseImageRequest({ prompt: '  A Hugo  ' }), { ok: true, value: { prompt: 'A Hugo' } });
  assert.equal(parseImageRequest({ prompt: '😀'.repeat(2000) }).ok, true, 'characters, not UTF-16 units');
  for (const body of [{ prompt: 'x'.repeat(2001) }, { prompt: '   ' }, { prompt: 42 }, {}, null, 'A Hugo']) {
    assert.equal(parseImageRequest(body).ok, false, JSON.stringify(body));
  }
});

Deno.test('the picture type comes from its first bytes: PNG, JPEG, WebP; anything else is none', () => {
  assert.equal(imageMime(b64(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)), 'image/png');
  assert.equal(imageMime(b64(0xff, 0xd8, 0xff, 0xe0)), 'image/jpeg');
  assert.equal(imageMime(btoa('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
  assert.equal(imageMime(btoa('RIFF\0\0\0\0WAVEfmt ')), null);
  assert.equal(imageMime(btoa('<html>nope</html>')), null);
  assert.equal(imageMime('!!!not base64!!!'), null);
});
