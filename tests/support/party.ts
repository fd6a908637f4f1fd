// People and things of a party for bar tests: guests and hosts with real tokens, a test section and drinks.
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { signWithKey } from '../../supabase/local/shared/keys.ts';
import { adminSql, guestToken, stackKeys, stackInfo, tokenClient } from './clients.ts';
import type { StackInfo } from './stack-process.ts';

type Sql = ReturnType<typeof adminSql>;

export interface Person {
  id: string;
  name: string;
  token: string;
  client: SupabaseClient;
}

/** A registered guest (a `guests` row) with a guest-key token, as the register function would mint it. */
export async function addGuest(sql: Sql, username = `Guest ${randomUUID().slice(0, 6)}`, stack: StackInfo = stackInfo()): Promise<Person> {
  const [row] = await sql`insert into public.guests (username) values (${username}) returning user_key`;
  const id = row.user_key as string;
  const token = await guestToken(id, { user_key: id, username, is_guest: true, token_type: 'access' }, stack);
  return { id, name: username, token, client: tokenClient(token, stack) };
}

/** A host: an auth.users row in public.hosts, with a session token signed by the stack's key, as Auth would sign it. */
export async function addHost(sql: Sql, stack: StackInfo = stackInfo()): Promise<Person> {
  const id = randomUUID();
  const email = `host-${id.slice(0, 8)}@barkeep.test`;
  await sql`insert into auth.users (id, aud, role, email, created_at, updated_at) values (${id}, 'authenticated', 'authenticated', ${email}, now(), now())`;
  await sql`insert into public.hosts (user_id) values (${id})`;
  const token = await signWithKey({ sub: id, role: 'authenticated', aud: 'authenticated', email }, (await stackKeys(stack)).signingKey, 3600);
  return { id, name: email, token, client: tokenClient(token, stack) };
}

/** A fresh section (at the end of the menu) with active drinks, named so parallel test files never collide. */
export async function addMenu(sql: Sql, drinkNames: string[]): Promise<{ sectionId: string; drinks: Record<string, string> }> {
  const [section] = await sql`insert into public.sections (name) values (${`Test ${randomUUID().slice(0, 8)}`}) returning id`;
  const drinks: Record<string, string> = {};
  for (const name of drinkNames) {
    const recipe = {
      ingredients: [{ name: `${name} base`, amount: '4 cl', optional: false }],
      steps: ['Mix'],
      garnish: null,
      glassware: 'Tumbler',
      prep_time_minutes: 2,
    };
    const [drink] = await sql`insert into public.drinks (section_id, name, recipe) values (${section.id}, ${name}, ${sql.json(recipe)}) returning id`;
    drinks[name] = drink.id as string;
  }
  return { sectionId: section.id as string, drinks };
}
