import assert from 'node:assert/strict';
import { describeDevice, storedUserAgent } from './device.ts';

Deno.test('devices are described from common user agents', () => {
  const cases: Array<[string | null, string | null]> = [
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'iPhone · Safari',
    ],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36', 'Android · Chrome'],
    [
      'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0 Mobile Safari/537.36',
      'Android · Samsung Internet',
    ],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0', 'Windows · Edge'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0', 'Mac · Firefox'],
    ['curl/8.5.0', 'Unknown device'],
    [null, null],
  ];
  for (const [userAgent, expected] of cases) assert.equal(describeDevice(userAgent), expected, String(userAgent));
});

Deno.test('stored user agents are bounded and free of control characters', () => {
  assert.equal(storedUserAgent('a\u0000b\nc'), 'abc');
  assert.equal(storedUserAgent('x'.repeat(600))?.length, 512);
  assert.equal(storedUserAgent(null), null);
});
