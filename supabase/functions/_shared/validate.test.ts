import assert from 'node:assert/strict';
import { isRefreshTokenShaped, parseRegistrationCode, readJsonObject, refreshTokenField, validateUsername } from './validate.ts';

const post = (body: string) => new Request('http://function/register', { method: 'POST', body });

function failure(input: string): string {
  const result = validateUsername(input);
  assert.equal(result.ok, false, input);
  return result.ok ? '' : result.message;
}

Deno.test('usernames of any script are accepted, trimmed', () => {
  for (const [input, expected] of [
    ['Sam', 'Sam'],
    ['  Sam  ', 'Sam'],
    ["Zoë O'Brien", "Zoë O'Brien"],
    ['Jean-Luc P.', 'Jean-Luc P.'],
    ['史蒂夫', '史蒂夫'],
    ['Ольга', 'Ольга'],
    ['محمد علي', 'محمد علي'],
    ['देवनागरी', 'देवनागरी'],
    ['R2_D2', 'R2_D2'],
    ['Jo', 'Jo'],
    ['a'.repeat(50), 'a'.repeat(50)],
    ['Jose\u0301', 'José'],
    ['Anne\u2019s friend', 'Anne\u2019s friend'],
  ]) {
    assert.deepEqual(validateUsername(input), { ok: true, value: expected }, input);
  }
});

Deno.test('malformed usernames are refused with invalid_username', () => {
  for (const input of [
    undefined,
    null,
    42,
    true,
    {},
    ['Sam'],
    '',
    ' ',
    'S',
    '  S  ',
    'a'.repeat(51),
    'Sam\u0000',
    'Sam\nSmith',
    'Tab\tbed',
    'Sam\u200b',
    '<script>',
    'a@b',
    'Sam!',
    'drop;table',
    '😀😀',
    'Sam\u0007',
    'x\u202eevil',
  ]) {
    const result = validateUsername(input);
    assert.equal(result.ok, false, JSON.stringify(input));
    if (!result.ok) assert.equal(result.code, 'invalid_username');
  }
});

Deno.test('a name needs two visible letters or digits: invisible fillers and stacked marks are refused', () => {
  for (const input of [
    '\u3164\u3164', // Hangul filler, a "letter" that renders as nothing
    '\u115f\u1160', // Hangul choseong and jungseong fillers
    'A\uffa0', // halfwidth Hangul filler beside one real letter
    'Sam\u00ad', // soft hyphen
    'S\u034fam', // combining grapheme joiner
    'Sa\ufe0fm', // variation selector
    'Sam\u{e0041}', // tag character
    '..',
    "'-",
    '_ _', // no letter at all
    'A.',
    '7 -', // only one
    `Z${'\u0336'.repeat(5)}algo`, // a stack of combining marks
  ]) {
    const result = validateUsername(input);
    assert.equal(result.ok, false, JSON.stringify(input));
  }
  assert.match(failure('\u3164\u3164'), /invisible/);
  assert.match(failure('..'), /2 letters or digits/);
  assert.match(failure(`Z${'\u0336'.repeat(5)}algo`), /accent/);
  // Real names with several marks on one letter still pass (Vietnamese, Tibetan, Thai).
  for (const name of ['Nguy\u1ec5n', 'Nguye\u0302\u0303n', '\u0f56\u0f66\u0f92\u0fb2\u0f74\u0f56', '\u0e19\u0e49\u0e33']) {
    assert.equal(validateUsername(name).ok, true, name);
  }
});

Deno.test('emoji in a name are refused with a message that says so', () => {
  for (const input of ['Zoë 🍹', '😀😀', 'Sam ❤️', '🏳️‍🌈 Kim']) {
    assert.match(failure(input), /[Ee]moji/, input);
  }
});

Deno.test('the 2–50 limit counts characters, not UTF-16 units', () => {
  assert.equal(validateUsername('𝒜𝒜').ok, true);
  assert.equal(validateUsername('𝒜'.repeat(50)).ok, true);
  assert.equal(validateUsername('𝒜'.repeat(51)).ok, false);
});

Deno.test('registration codes are UUIDs (normalised to lower case) or their short form', () => {
  assert.equal(parseRegistrationCode('k7qm-3xpd-r2'), 'K7QM3XPDR2');
  assert.equal(parseRegistrationCode('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'), 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
  assert.equal(parseRegistrationCode(' a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 '), 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
  for (const bad of [null, '', 'nope', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1', "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' or 1=1"]) {
    assert.equal(parseRegistrationCode(bad), undefined, String(bad));
  }
});

Deno.test('bodies must be small JSON objects', async () => {
  assert.deepEqual(await readJsonObject(post('{"username":"Sam"}')), { ok: true, value: { username: 'Sam' } });
  for (const body of ['', 'not json', '[]', 'null', '"Sam"', '42', `{"username":"${'a'.repeat(5000)}"}`]) {
    const result = await readJsonObject(post(body));
    assert.equal(result.ok, false, body.slice(0, 20));
    if (!result.ok) assert.equal(result.code, 'invalid_request');
  }
});

Deno.test('refresh_token must be a non-empty string of our shape', () => {
  assert.equal(refreshTokenField({ refresh_token: 'x' }).ok, true);
  for (const body of [{}, { refresh_token: '' }, { refresh_token: 42 }, { refresh_token: null }]) assert.equal(refreshTokenField(body).ok, false);
  assert.equal(isRefreshTokenShaped('_o4n5mCZD5YZo5LMm2Iq87o3tSG2A9-pxoTYnaYBKX8'), true);
  assert.equal(isRefreshTokenShaped('too-short'), false);
  assert.equal(isRefreshTokenShaped('_o4n5mCZD5YZo5LMm2Iq87o3tSG2A9-pxoTYnaYBKX+'), false);
});
