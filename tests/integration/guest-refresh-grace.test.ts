// The refresh-token reuse grace (CONTRACT §3, amended; finding F8): the just-rotated token presented again
// within 10 s — two tabs, a retry after a lost answer — gets the same active child; after that, reuse ends
// the login; and no answer is ever a 200 whose refresh token is already dead.
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { adminSql, stackInfo, tokenClient } from '../support/clients.ts';
import { eventually } from '../support/eventually.ts';
import { hostClient, logout, refresh, registeredGuest } from '../support/guests.ts';

const sql = adminSql();
afterAll(() => sql.end());

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Time passes for one token: it was rotated `seconds` earlier than it really was. */
async function rotatedAgo(token: string, seconds: number): Promise<void> {
  const rows = await sql`update private.refresh_tokens set rotated_at = rotated_at - make_interval(secs => ${seconds})
                          where token_hash = ${hashOf(token)} and rotated_at is not null returning id`;
  expect(rows).toHaveLength(1);
}

async function expectWorks(refreshToken: string): Promise<void> {
  const next = await refresh(refreshToken);
  expect(next.status).toBe(200);
  expect((await tokenClient(next.body.access_token).from('guests').select('username')).data).toHaveLength(1);
}

describe('refresh reuse grace', () => {
  it('concurrent refreshes of one token all succeed with the same child, which keeps working', async () => {
    const sam = await registeredGuest('Sam');
    const answers = await Promise.all(Array.from({ length: 5 }, () => refresh(sam.refresh_token)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    const children = new Set(answers.map((answer) => answer.body.refresh_token));
    expect(children.size).toBe(1);
    expect([...children][0]).not.toBe(sam.refresh_token);
    for (const answer of answers) expect(decodeJwt(answer.body.access_token).sub).toBe(sam.user.user_key);
    await expectWorks([...children][0]);
  });

  it('a retry within 10 s (the first answer was lost) gets the same child, and the login lives on', async () => {
    const sam = await registeredGuest('Sam');
    const first = await refresh(sam.refresh_token);
    await rotatedAgo(sam.refresh_token, 8);
    const retry = await refresh(sam.refresh_token);
    expect(retry.status).toBe(200);
    expect(retry.body.refresh_token).toBe(first.body.refresh_token);
    await expectWorks(first.body.refresh_token);
  });

  it('after 10 s, presenting the rotated token again ends the whole login', async () => {
    const sam = await registeredGuest('Sam');
    const first = await refresh(sam.refresh_token);
    await rotatedAgo(sam.refresh_token, 11);
    const replay = await refresh(sam.refresh_token);
    expect(replay.status).toBe(401);
    expect(replay.body.error?.code).toBe('invalid_refresh_token');
    expect((await refresh(first.body.refresh_token)).status).toBe(401);
  });

  it('never a 200 with a dead token: a child already rotated, logged out or deactivated is not handed out again', async () => {
    // The child was rotated itself: the parent is a replay, and the login ends.
    const kim = await registeredGuest('Kim');
    const child = await refresh(kim.refresh_token);
    const grandchild = await refresh(child.body.refresh_token);
    expect(grandchild.status).toBe(200);
    expect((await refresh(kim.refresh_token)).status).toBe(401);
    expect((await refresh(grandchild.body.refresh_token)).status).toBe(401);

    // Signed out in the other tab meanwhile.
    const ada = await registeredGuest('Ada');
    const adaChild = await refresh(ada.refresh_token);
    expect((await logout(adaChild.body.access_token, adaChild.body.refresh_token)).status).toBe(204);
    expect((await refresh(ada.refresh_token)).status).toBe(401);

    // Deactivated by the host meanwhile.
    const bo = await registeredGuest('Bo');
    await refresh(bo.refresh_token);
    const host = await hostClient();
    expect((await host.from('guests').update({ is_active: false }).eq('user_key', bo.user.user_key)).error).toBeNull();
    const deactivated = await refresh(bo.refresh_token);
    expect(deactivated.status).toBe(403);
    expect(deactivated.body.error?.code).toBe('guest_inactive');
    expect(deactivated.body.access_token).toBeUndefined();
  });

  it('in the database: a rotation waiting on the first one’s lock gets the same child once that commits', async () => {
    const sam = await registeredGuest('Sam');
    const parent = hashOf(sam.refresh_token);
    const child = hashOf('the child the refresh function derived');
    const rotate = (db: postgres.Sql) => db`select outcome, user_key from private.rotate_refresh_token(${parent}, ${child}, interval '30 days')`;
    const first = postgres(stackInfo().dbUrl, { max: 1, onnotice: () => {} });
    const second = postgres(stackInfo().dbUrl, { max: 1, onnotice: () => {} });
    try {
      const [{ pid }] = await second<{ pid: number }[]>`select pg_backend_pid() as pid`;
      let locked!: () => void;
      let commit!: () => void;
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const committing = new Promise<void>((resolve) => (commit = resolve));
      let firstOutcome: unknown;
      const firstRun = first.begin(async (tx) => {
        [firstOutcome] = await rotate(tx as never);
        locked();
        await committing; // the parent row stays locked until this transaction commits
      });
      await lockTaken;
      // postgres.js sends a query once something awaits it: start it now, collect the answer later.
      const secondRun = rotate(second).then((rows) => rows);
      await eventually(
        () => sql`select 1 from pg_stat_activity where pid = ${pid} and wait_event_type = 'Lock'`,
        (rows) => rows.length === 1,
        'the second rotation to wait for the lock',
      );
      commit();
      await firstRun;
      const [secondOutcome] = await secondRun;
      expect(firstOutcome).toEqual({ outcome: 'rotated', user_key: sam.user.user_key });
      expect(secondOutcome).toEqual({ outcome: 'rotated', user_key: sam.user.user_key });
      expect(await sql`select count(*)::int as n from private.refresh_tokens where token_hash = ${child} and revoked_at is null`).toEqual([{ n: 1 }]);
    } finally {
      await first.end();
      await second.end();
    }
  });
});
