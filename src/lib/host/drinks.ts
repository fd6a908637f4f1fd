// The host's drinks: all of them (hidden ones too), their sections, and saving, hiding and deleting one.
import { DRINK_COLUMNS, SECTION_COLUMNS, type Drink, type Section } from '$lib/bar/types';
import type { HostClient } from '$lib/supabase/host';
import { drinkProblem, drinkRow, type DrinkForm } from './drink-form';
import { outcomeOf, refused, type Outcome } from './outcome';

export async function listDrinks(client: HostClient): Promise<Outcome<{ drinks: Drink[]; sections: Section[] }>> {
  const [drinks, sections] = await Promise.all([
    client.from('drinks').select(DRINK_COLUMNS),
    client.from('sections').select(SECTION_COLUMNS).order('display_order'),
  ]);
  const drinkList = outcomeOf(drinks);
  const sectionList = outcomeOf(sections);
  if (!drinkList.ok) return drinkList;
  if (!sectionList.ok) return sectionList;
  return { ok: true, value: { drinks: drinkList.value, sections: sectionList.value } };
}

/** Creates or updates the drink of `form`, after the editor's own rules (a name, at least one ingredient). */
export async function saveDrink(client: HostClient, form: DrinkForm): Promise<Outcome> {
  const problem = drinkProblem(form);
  if (problem) return refused(problem);
  const row = drinkRow(form);
  return outcomeOf(form.id ? await client.from('drinks').update(row).eq('id', form.id) : await client.from('drinks').insert(row));
}

export async function setDrinkActive(client: HostClient, id: string, isActive: boolean): Promise<Outcome> {
  return outcomeOf(await client.from('drinks').update({ is_active: isActive }).eq('id', id));
}

/** A drink that was ever ordered stays (its orders keep it): the answer says to hide it instead. */
export async function deleteDrink(client: HostClient, id: string): Promise<Outcome> {
  return outcomeOf(await client.from('drinks').delete().eq('id', id));
}
