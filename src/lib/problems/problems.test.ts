// B9: raw database errors reached the host's screen; every server error now maps to a stable code.
import { describe, expect, it } from 'vitest';
import { en } from '$lib/i18n/en';
import { de } from '$lib/i18n/de';
import { PROBLEM_CODES, bartenderProblem, isUnreachable, problemFrom } from './problems';

describe('problem mapper', () => {
  it.each([
    [{ status: 400, code: 'P0001', message: 'The bar is closed right now', details: 'bar_closed' }, 'bar_closed'],
    [{ status: 400, code: 'P0001', message: 'Sold out', details: 'out_of_stock' }, 'out_of_stock'],
    [{ status: 400, code: 'P0001', message: 'x', details: 'section_not_empty' }, 'section_not_empty'],
    [
      { status: 409, code: '23503', message: 'update or delete on table "drinks" violates foreign key constraint "orders_drink_id_fkey" on table "orders"' },
      'drink_has_orders',
    ],
    [
      { status: 400, code: '23502', message: 'null value in column "max_open_orders_per_guest" of relation "bar_settings" violates not-null constraint' },
      'value_required',
    ],
    [{ status: 400, code: '23514', message: 'new row for relation "drinks" violates check constraint "drinks_name_check"' }, 'name_required'],
    [{ status: 400, code: '23514', message: 'new row for relation "sections" violates check constraint "sections_name_check"' }, 'name_required'],
    [{ status: 409, code: '23505', message: 'duplicate key value violates unique constraint "sections_name_unique"' }, 'name_taken'],
    [{ status: 400, code: '23514', message: 'new row violates check constraint "something_new"' }, 'invalid_value'],
    [{ status: 403, code: 'invalid_code', message: 'This invite code is not valid any more.' }, 'invalid_code'],
    [{ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' }, 'invalid_credentials'],
    [{ status: 401, code: 'invalid_refresh_token' }, 'session_ended'],
    [{ status: 0, message: 'TypeError: Failed to fetch' }, 'offline'],
    [{ status: 503, message: 'unavailable' }, 'offline'],
    [{ status: 503, code: '53100', message: 'could not extend file "base/5/16522": No space left on device' }, 'disk_full'],
    [{ status: 500, code: 'XX000', message: 'internal error with secrets' }, 'unknown'],
  ])('%o → %s', (error, code) => {
    expect(problemFrom(error)?.code).toBe(code);
  });

  it('keeps how long to wait when rate limited', () => {
    expect(problemFrom({ status: 429, code: 'rate_limited', retryAfterSeconds: 12 })).toEqual({ code: 'rate_limited', retryAfterSeconds: 12 });
    expect(problemFrom({ status: 429, code: 'over_request_rate_limit' })?.code).toBe('over_request_rate_limit');
  });

  it('no error, no problem; only missing answers are retryable', () => {
    expect(problemFrom(null)).toBeNull();
    expect(isUnreachable({ status: 0 })).toBe(true);
    expect(isUnreachable({ status: 409 })).toBe(false);
  });

  it.each([
    [{ code: 'assistant_off' }, { code: 'assistant_off' }],
    [
      { code: 'rate_limited', retryAfterSeconds: 42 },
      { code: 'assistant_busy', retryAfterSeconds: 42 },
    ],
    [{ code: 'invalid_request' }, { code: 'assistant_invalid_request' }],
    [{ code: 'unauthorized' }, { code: 'session_ended' }],
    [{ code: 'offline' }, { code: 'offline' }],
    [{ code: 'images_off' }, { code: 'images_off' }],
    [{ code: 'images_failed' }, { code: 'images_failed' }],
    [{ code: 'provider_exploded' }, { code: 'unknown' }],
  ])('the bartender says %o → %o', (error, problem) => {
    expect(bartenderProblem(error)).toEqual(problem);
  });

  it("the bartender's words say what to do next, in both languages", () => {
    expect(en['problem.assistant_off']).toMatch(/menu/);
    expect(de['problem.assistant_off']).toMatch(/Karte/);
    expect(en['problem.assistant_busy']).toEqual(expect.objectContaining({ other: expect.stringMatching(/Ask again in \{count\} seconds/) }));
    expect(de['problem.assistant_busy']).toEqual(expect.objectContaining({ other: expect.stringMatching(/\{count\} Sekunden/) }));
    // Not the registration's "lots of guests are arriving".
    expect(en['problem.assistant_busy']).not.toEqual(en['problem.rate_limited']);
  });

  it('has a message for every code in both languages', () => {
    for (const code of PROBLEM_CODES) {
      expect(en[`problem.${code}`], code).toBeTruthy();
      expect(de[`problem.${code}`], code).toBeTruthy();
    }
  });
});
