-- Menu sections ("Cocktails", "Alkoholfrei", …), shown in `display_order`. Anyone may read them; hosts manage them.
create table public.sections (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 1 and 60),
  -- Deferred so a reorder can swap positions inside one statement or transaction.
  display_order integer not null check (display_order >= 0),
  created_at timestamptz not null default now(),
  constraint sections_display_order_key unique (display_order) deferrable initially deferred
);
alter table public.sections enable row level security;

create policy "anyone reads sections" on public.sections for select to anon, authenticated using (true);
create policy "hosts add sections" on public.sections for insert to authenticated with check ((select public.is_host()));
create policy "hosts change sections" on public.sections for update to authenticated
  using ((select public.is_host())) with check ((select public.is_host()));
create policy "hosts delete sections" on public.sections for delete to authenticated using ((select public.is_host()));
revoke truncate, references, trigger on public.sections from anon, authenticated;

-- New sections go to the end unless the host picks a place. Sections are public, so no definer rights needed.
create function private.next_section_order() returns integer
language sql volatile
set search_path = ''
as $$
  select coalesce(max(display_order) + 1, 0) from public.sections;
$$;
revoke all on function private.next_section_order() from public;
grant execute on function private.next_section_order() to authenticated, service_role;
alter table public.sections alter column display_order set default private.next_section_order();

-- Reorders every section at once: position in `ordered_ids` becomes the display order. Runs as the caller,
-- so RLS decides (hosts only); the deferred unique constraint is checked at commit.
create function public.reorder_sections(ordered_ids uuid[]) returns void
language plpgsql
set search_path = ''
as $$
begin
  if not (select public.is_host()) then
    raise exception 'Only the host can reorder sections' using errcode = '42501';
  end if;
  if (select count(*) from public.sections) <> coalesce(cardinality(ordered_ids), 0)
     or exists (select 1 from public.sections s where not (s.id = any (ordered_ids))) then
    raise exception 'Reordering needs every section exactly once' using detail = 'invalid_section_order';
  end if;
  update public.sections s set display_order = array_position(ordered_ids, s.id) - 1
  where s.display_order is distinct from array_position(ordered_ids, s.id) - 1;
end;
$$;
revoke all on function public.reorder_sections(uuid[]) from public, anon;
grant execute on function public.reorder_sections(uuid[]) to authenticated, service_role;
