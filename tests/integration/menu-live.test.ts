// B12 at the database: any change to drinks or sections sends MENU_CHANGED on the private channel
// `bar:menu`, once per statement, which signed-in guests may join (the phones re-read the menu then).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql } from '../support/clients.ts';
import { addGuest, addMenu } from '../support/party.ts';
import { joinPrivate } from '../support/channels.ts';

describe('menu changes go live', () => {
  const sql = adminSql();
  afterAll(() => sql.end());
  let menu: Awaited<ReturnType<typeof addMenu>>;
  beforeAll(async () => {
    menu = await addMenu(sql, ['Live One', 'Live Two']);
  });

  it('hiding drinks tells every open menu once', async () => {
    const guest = await addGuest(sql);
    const joined = await joinPrivate(guest.client, 'bar:menu', ['MENU_CHANGED']);
    try {
      await sql`update public.drinks set is_active = false where section_id = ${menu.sectionId}`;
      await joined.next((event) => event.payload.table === 'drinks');
      await sql`select 1`; // a statement that changes nothing sends nothing
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(joined.events.filter((event) => event.payload.table === 'drinks')).toHaveLength(1);
    } finally {
      await guest.client.removeChannel(joined.channel);
    }
  });
});
