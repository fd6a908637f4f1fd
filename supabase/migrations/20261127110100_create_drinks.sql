-- Drinks with a structured recipe. Guests (and anon) see active drinks; hosts see and manage all of them.
--
-- recipe = {
--   "ingredients": [{"name": "Gin", "amount": "4 cl", "optional": false}, …],
--   "steps": ["Glas mit Eis füllen", …],
--   "garnish": "Limettenscheibe" | null, "glassware": "Highball" | null, "prep_time_minutes": 3 | null
-- }
-- `ingredients` (what the menu filters on) is derived from the recipe's ingredient names.
create function private.is_valid_recipe(recipe jsonb) returns boolean
language sql immutable
set search_path = ''
as $$
  -- coalesce: a missing key makes the comparisons null, and a null CHECK would pass.
  select coalesce(jsonb_typeof(recipe) = 'object'
    and jsonb_typeof(recipe -> 'ingredients') = 'array'
    and jsonb_typeof(recipe -> 'steps') = 'array'
    and jsonb_array_length(recipe -> 'ingredients') <= 30
    and jsonb_array_length(recipe -> 'steps') <= 30
    and not exists (
      select 1 from jsonb_array_elements(recipe -> 'ingredients') as item
      where jsonb_typeof(item) <> 'object'
         or coalesce(jsonb_typeof(item -> 'name'), 'missing') <> 'string'
         or char_length(btrim(item ->> 'name')) not between 1 and 60
         or (item ? 'amount' and jsonb_typeof(item -> 'amount') not in ('string', 'null'))
         or (item ? 'optional' and jsonb_typeof(item -> 'optional') <> 'boolean')
    )
    and not exists (
      select 1 from jsonb_array_elements(recipe -> 'steps') as step
      where jsonb_typeof(step) <> 'string' or char_length(step #>> '{}') not between 1 and 500
    )
    and coalesce(jsonb_typeof(recipe -> 'garnish'), 'null') in ('string', 'null')
    and coalesce(jsonb_typeof(recipe -> 'glassware'), 'null') in ('string', 'null')
    and coalesce(jsonb_typeof(recipe -> 'prep_time_minutes'), 'null') in ('number', 'null')
    and case when jsonb_typeof(recipe -> 'prep_time_minutes') = 'number'
      then (recipe ->> 'prep_time_minutes')::numeric between 0 and 120 else true end, false);
$$;
grant execute on function private.is_valid_recipe(jsonb) to anon, authenticated, service_role;

create table public.drinks (
  id uuid primary key default gen_random_uuid(),
  section_id uuid not null references public.sections (id) on delete restrict,
  name text not null check (char_length(btrim(name)) between 1 and 80),
  description text not null default '' check (char_length(description) <= 500),
  ingredients text[] not null default '{}',
  recipe jsonb not null default '{"ingredients": [], "steps": []}'::jsonb
    constraint recipe_is_structured check (private.is_valid_recipe(recipe)),
  image_path text check (char_length(image_path) <= 300),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index drinks_section_id_idx on public.drinks (section_id);
create index drinks_ingredients_idx on public.drinks using gin (ingredients);
alter table public.drinks enable row level security;

create policy "anyone reads active drinks" on public.drinks for select to anon, authenticated
  using (is_active or (select public.is_host()));
create policy "hosts add drinks" on public.drinks for insert to authenticated with check ((select public.is_host()));
create policy "hosts change drinks" on public.drinks for update to authenticated
  using ((select public.is_host())) with check ((select public.is_host()));
create policy "hosts delete drinks" on public.drinks for delete to authenticated using ((select public.is_host()));
revoke truncate, references, trigger on public.drinks from anon, authenticated;

-- One source of truth for the ingredient filter: the recipe. Also keeps updated_at honest.
create function private.drinks_before_write() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if jsonb_array_length(new.recipe -> 'ingredients') > 0 then
    new.ingredients := array(
      select distinct btrim(item ->> 'name') from jsonb_array_elements(new.recipe -> 'ingredients') as item order by 1
    );
  end if;
  new.updated_at := now();
  return new;
end;
$$;
revoke all on function private.drinks_before_write() from public;
create trigger drinks_before_write before insert or update on public.drinks
for each row execute function private.drinks_before_write();

-- A section that still has drinks cannot be deleted: say so plainly instead of a foreign-key error.
create function private.sections_refuse_delete_with_drinks() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if exists (select 1 from public.drinks where section_id = old.id) then
    raise exception 'This section still has drinks: move or delete them first' using detail = 'section_not_empty';
  end if;
  return old;
end;
$$;
revoke all on function private.sections_refuse_delete_with_drinks() from public;
create trigger sections_refuse_delete_with_drinks before delete on public.sections
for each row execute function private.sections_refuse_delete_with_drinks();
