// The host's menu sections: list with their number of drinks, add, rename, reorder, delete.
import type { HostClient } from '$lib/supabase/host';
import { outcomeOf, refused, type Outcome } from './outcome';

export interface SectionRow {
  id: string;
  name: string;
  display_order: number;
  drinks: { count: number }[];
}

export async function listSections(client: HostClient): Promise<Outcome<SectionRow[]>> {
  return outcomeOf(await client.from('sections').select('id, name, display_order, drinks(count)').order('display_order'));
}

/** A section name must be there and be new (B20); the database holds the same rule (sections_name_unique). */
export function sectionNameProblem(name: string, sections: SectionRow[], exceptId?: string): Outcome<string> {
  const trimmed = name.trim();
  if (!trimmed) return refused('sections.needName');
  const taken = sections.find((section) => section.id !== exceptId && section.name.trim().toLocaleLowerCase() === trimmed.toLocaleLowerCase());
  return taken ? refused('sections.nameTaken', { name: taken.name }) : { ok: true, value: trimmed };
}

export async function addSection(client: HostClient, name: string, sections: SectionRow[]): Promise<Outcome> {
  const checked = sectionNameProblem(name, sections);
  if (!checked.ok) return checked;
  return outcomeOf(await client.from('sections').insert({ name: checked.value }));
}

export async function renameSection(client: HostClient, section: SectionRow, name: string, sections: SectionRow[]): Promise<Outcome> {
  const checked = sectionNameProblem(name, sections, section.id);
  if (!checked.ok) return checked;
  if (checked.value === section.name) return { ok: true, value: null };
  return outcomeOf(await client.from('sections').update({ name: checked.value }).eq('id', section.id));
}

/** Swaps the section at `index` with its neighbour; one call rewrites every position. */
export async function moveSection(client: HostClient, sections: SectionRow[], index: number, delta: -1 | 1): Promise<Outcome> {
  const ids = sections.map((section) => section.id);
  if (!ids[index] || !ids[index + delta]) return { ok: true, value: null };
  [ids[index], ids[index + delta]] = [ids[index + delta], ids[index]];
  return outcomeOf(await client.rpc('reorder_sections', { ordered_ids: ids }));
}

export async function deleteSection(client: HostClient, id: string): Promise<Outcome> {
  return outcomeOf(await client.from('sections').delete().eq('id', id));
}
