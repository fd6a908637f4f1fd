import assert from 'node:assert/strict';
import { isPushServiceEndpoint } from './endpoint.ts';

Deno.test('the push services of every browser are allowed', () => {
  for (const endpoint of [
    'https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b',
    'https://fcm.googleapis.com/wp/dGVzdA',
    'https://updates.push.services.mozilla.com/wpush/v2/gAAAAA',
    'https://web.push.apple.com/QGfpXq',
    'https://wns2-par02p.notify.windows.com/w/?token=BQYAAA',
  ]) {
    assert.equal(isPushServiceEndpoint(endpoint), true, endpoint);
  }
});

Deno.test('anything else is refused: other hosts, IP literals, private and loopback addresses, ports, credentials, http', () => {
  for (const endpoint of [
    'http://fcm.googleapis.com/fcm/send/x',
    'https://10.0.0.1/x',
    'https://192.168.1.20/x',
    'https://127.0.0.1/x',
    'https://[::1]/x',
    'https://[fe80::1]/x',
    'https://169.254.169.254/latest/meta-data/',
    'https://2130706433/x', // 127.0.0.1 as a number
    'https://localhost/x',
    'https://push.example.test/x',
    'https://fcm.googleapis.com.evil.test/x',
    'https://evil-fcm.googleapis.com/x',
    'https://notpush.apple.com/x',
    'https://push.apple.com/x',
    'https://fcm.googleapis.com:8443/x',
    'https://user:secret@fcm.googleapis.com/x',
    'https://fcm.googleapis.com./x',
    'not a url',
    '',
  ]) {
    assert.equal(isPushServiceEndpoint(endpoint), false, endpoint);
  }
});

Deno.test('loopback http is allowed only when the stack says so (a test stack with a local fake push service)', () => {
  assert.equal(isPushServiceEndpoint('http://127.0.0.1:40123/push/abc'), false);
  assert.equal(isPushServiceEndpoint('http://127.0.0.1:40123/push/abc', { allowLoopback: true }), true);
  assert.equal(isPushServiceEndpoint('http://[::1]:40123/push/abc', { allowLoopback: true }), true);
  assert.equal(isPushServiceEndpoint('http://localhost:40123/push/abc', { allowLoopback: true }), true);
  assert.equal(isPushServiceEndpoint('http://10.0.0.1:40123/push/abc', { allowLoopback: true }), false);
  assert.equal(isPushServiceEndpoint('http://169.254.169.254/latest', { allowLoopback: true }), false);
});
