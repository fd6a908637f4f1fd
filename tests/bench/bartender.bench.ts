// The house bartender's speed: the taste model alone (what the function and the phone's "For you" row
// run), then whole answers through the gateway (JWT, RLS reads of menu, taste and orders, the quotas)
// on a stack of its own with the quotas lifted.
import postgres from 'postgres';
import { houseBartender } from '../../supabase/functions/_shared/bartender/house.ts';
import type { MenuDrink } from '../../supabase/functions/_shared/bartender/types.ts';
import { askBartender, readEvents, turn } from '../support/bartender.ts';
import { registeredGuest } from '../support/guests.ts';
import { copyProjectWithSecrets } from '../support/project-copy.ts';
import { makeDataDir, removeDataDir, startBenchStack } from './stack.ts';
import { report } from './stats.ts';

const QUESTIONS: Array<[string, 'de' | 'en']> = [
  ['Something fresh with gin', 'en'],
  ['alkoholfrei und fruchtig', 'de'],
  ['Tell me about the Negroni', 'en'],
  ['Ich nehme einen Mojito ohne Eis', 'de'],
  ['Where is my drink?', 'en'],
  ['nicht zu süß, aber stark', 'de'],
  ['Surprise me', 'en'],
  ['Was mit Kaffee?', 'de'],
];

export default async function benchBartender(): Promise<void> {
  const project = await copyProjectWithSecrets({ BARTENDER_GUEST_LIMIT: '1000000', BARTENDER_BAR_LIMIT: '1000000' });
  const dataDir = await makeDataDir();
  const stack = await startBenchStack({ dataDir, env: { BARKEEP_SUPABASE_DIR: project.supabaseDir } });
  const sql = postgres(stack.dbUrl, { max: 2, onnotice: () => {} });
  try {
    const drinks =
      (await sql`select d.id, d.name, d.description, d.recipe, s.name as section from public.drinks d join public.sections s on s.id = d.section_id where d.is_active`) as unknown as MenuDrink[];
    const model: number[] = [];
    for (let round = 0; round < 250; round++) {
      for (const [content, locale] of QUESTIONS) {
        const started = performance.now();
        houseBartender({ messages: [{ role: 'user', content }], locale, drinks: drinks.map((drink) => ({ ...drink })), openOrders: [] });
        model.push(performance.now() - started);
      }
    }
    report(`taste model, one answer (${drinks.length} drinks, cold profiles)`, model);

    const guest = await registeredGuest('Bench Bartender', stack);
    for (const [accept, label] of [
      ['application/json', 'JSON'],
      ['text/event-stream', 'SSE, until done'],
    ] as const) {
      const samples: number[] = [];
      for (let i = 0; i < 200; i++) {
        const [content, locale] = QUESTIONS[i % QUESTIONS.length];
        const started = performance.now();
        const response = await askBartender(stack, guest.access_token, { ...turn(content), locale }, accept);
        if (accept === 'application/json') await response.json();
        else await readEvents(response);
        samples.push(performance.now() - started);
      }
      report(`house answer through the gateway, ${label}`, samples.slice(10));
    }
  } finally {
    await sql.end();
    await stack.stop();
    await removeDataDir(dataDir);
    await project.remove();
  }
}
