import assert from 'node:assert/strict';
import { formatShortCode, normaliseInviteCode } from './invite-code.ts';

Deno.test('invite codes: the UUID or its short typed form, forgiving what people confuse', () => {
  assert.equal(normaliseInviteCode(' A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11 '), 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
  assert.equal(normaliseInviteCode('K7QM-3XPD-R2'), 'K7QM3XPDR2');
  assert.equal(normaliseInviteCode('k7qm 3xpd r2'), 'K7QM3XPDR2');
  assert.equal(normaliseInviteCode('K7QM-3XPD-RO'), 'K7QM3XPDR0');
  assert.equal(normaliseInviteCode('I7QM-3XPD-L2'), '17QM3XPD12');
  for (const bad of [null, '', 'nope', 'K7QM-3XPD-R', 'K7QM-3XPD-R22', 'K7QM-3XPD-U2', "K7QM' or 1=1", 'x'.repeat(5000)]) {
    assert.equal(normaliseInviteCode(bad), undefined, String(bad));
  }
  assert.equal(formatShortCode('K7QM3XPDR2'), 'K7QM-3XPD-R2');
});
