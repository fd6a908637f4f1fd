-- Out of stock (issue #15): the host marks an ingredient as out; every drink that needs it (a recipe
-- ingredient not marked optional) leaves the guests' menus and refuses orders (`out_of_stock`) until the
-- ingredient is back. Near duplicates fold together: "Lime", "lime " and "Limes" are one ingredient.

-- The folding rule, one home: lower case, inner spaces collapsed, a plural "s"/"es" dropped. Simple on
-- purpose — it folds what hosts actually type twice ("Limes"/"Lime", "Mint Leaves"/"mint leaf" does not).
create function private.ingredient_key(name text) returns text
language sql immutable
set search_path = ''
as $$
  select case
    when folded ~ '(ss|us|is)$' or char_length(folded) <= 3 then folded
    when folded ~ '(ch|sh|x|o)es$' then left(folded, -2)
    when folded ~ 's$' then left(folded, -1)
    else folded
  end
  from (select regexp_replace(lower(btrim(coalesce(name, ''))), '\s+', ' ', 'g') as folded) as f;
$$;
grant execute on function private.ingredient_key(text) to anon, authenticated, service_role;

-- What a drink cannot be made without: its recipe's non-optional ingredients (or, for a drink without a
-- structured recipe, its plain ingredient list), folded.
create function private.required_ingredient_keys(recipe jsonb, ingredients text[]) returns text[]
language sql immutable
set search_path = ''
as $$
  select case
    when jsonb_array_length(coalesce(recipe -> 'ingredients', '[]'::jsonb)) > 0 then array(
      select distinct private.ingredient_key(item ->> 'name')
        from jsonb_array_elements(recipe -> 'ingredients') as item
       where coalesce((item ->> 'optional')::boolean, false) = false
    )
    else array(select distinct private.ingredient_key(name) from unnest(coalesce(ingredients, '{}')) as name)
  end;
$$;
grant execute on function private.required_ingredient_keys(jsonb, text[]) to anon, authenticated, service_role;

create table public.out_of_stock_ingredients (
  key text primary key check (char_length(key) between 1 and 60),
  -- How the host wrote it when marking it out, for the screen.
  name text not null check (char_length(btrim(name)) between 1 and 60),
  marked_at timestamptz not null default now()
);
alter table public.out_of_stock_ingredients enable row level security;
revoke truncate, references, trigger on public.out_of_stock_ingredients from anon, authenticated;
revoke all on public.out_of_stock_ingredients from anon;
create policy "hosts read what is out" on public.out_of_stock_ingredients for select to authenticated
  using ((select public.is_host()));
create policy "hosts mark ingredients out" on public.out_of_stock_ingredients for insert to authenticated
  with check ((select public.is_host()));
create policy "hosts mark ingredients back" on public.out_of_stock_ingredients for delete to authenticated
  using ((select public.is_host()));

create function private.out_of_stock_before_write() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.name := btrim(new.name);
  new.key := private.ingredient_key(new.name);
  return new;
end;
$$;
revoke all on function private.out_of_stock_before_write() from public;
create trigger out_of_stock_before_write before insert or update on public.out_of_stock_ingredients
for each row execute function private.out_of_stock_before_write();

-- Kept on the drink so the menu read, the policy and the order trigger stay one index-free column check.
alter table public.drinks add column is_in_stock boolean not null default true;

create function private.is_drink_in_stock(recipe jsonb, ingredients text[]) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select not exists (
    select 1 from public.out_of_stock_ingredients o
     where o.key = any (private.required_ingredient_keys(recipe, ingredients))
  );
$$;
revoke all on function private.is_drink_in_stock(jsonb, text[]) from public;
-- Hosts' drink edits run the trigger below as themselves; it only says whether a recipe needs something out.
grant execute on function private.is_drink_in_stock(jsonb, text[]) to authenticated, service_role;

-- A host cannot set is_in_stock by hand: every write recomputes it (after drinks_before_write derived the
-- ingredients; triggers fire in name order).
create function private.drinks_stock_before_write() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.is_in_stock := private.is_drink_in_stock(new.recipe, new.ingredients);
  return new;
end;
$$;
revoke all on function private.drinks_stock_before_write() from public;
create trigger drinks_stock_before_write before insert or update on public.drinks
for each row execute function private.drinks_stock_before_write();

-- Marking out or back updates exactly the drinks whose availability changes, in one statement, so open
-- menus hear one MENU_CHANGED (the drinks' statement trigger) and re-read.
create function private.out_of_stock_after_change() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  update public.drinks d set is_in_stock = not d.is_in_stock
   where d.is_in_stock is distinct from private.is_drink_in_stock(d.recipe, d.ingredients);
  return null;
end;
$$;
revoke all on function private.out_of_stock_after_change() from public;
create trigger out_of_stock_after_change after insert or update or delete on public.out_of_stock_ingredients
for each statement execute function private.out_of_stock_after_change();

-- One tap for the host: out (true) or back (false), by any spelling of the name. Runs as the caller, so
-- the table's policies decide (a guest gets 42501).
create function public.set_ingredient_out(ingredient text, is_out boolean) returns void
language plpgsql volatile
set search_path = ''
as $$
begin
  if char_length(btrim(coalesce(ingredient, ''))) not between 1 and 60 then
    raise exception 'An ingredient name has 1 to 60 characters' using errcode = '22023', detail = 'invalid_value';
  end if;
  if is_out then
    insert into public.out_of_stock_ingredients (key, name) values (private.ingredient_key(ingredient), ingredient)
    on conflict (key) do nothing;
  else
    delete from public.out_of_stock_ingredients where key = private.ingredient_key(ingredient);
  end if;
end;
$$;
revoke all on function public.set_ingredient_out(text, boolean) from public, anon;
grant execute on function public.set_ingredient_out(text, boolean) to authenticated;

-- Tonight's ingredients for the host's search: near duplicates folded into one row, named by the most
-- common spelling, with how many drinks use it and whether it is out. Runs as the caller (hosts see every
-- drink; anyone else only the menu), so it tells nobody more than they may read.
create function public.bar_ingredients()
returns table (key text, name text, drink_count integer, is_out boolean)
language sql stable
set search_path = ''
as $$
  with used as (
    select private.ingredient_key(i) as key, btrim(i) as name, d.id
      from public.drinks d, unnest(d.ingredients) as i
  )
  select u.key, mode() within group (order by u.name) as name, count(distinct u.id)::integer as drink_count,
         exists (select 1 from public.out_of_stock_ingredients o where o.key = u.key) as is_out
    from used u
   where u.key <> ''
   group by u.key
  union all
  -- Marked out but no longer on any drink: still listed, so the host can bring it back.
  select o.key, o.name, 0, true from public.out_of_stock_ingredients o
   where not exists (select 1 from used u where u.key = o.key)
   order by 2;
$$;
revoke all on function public.bar_ingredients() from public, anon;
grant execute on function public.bar_ingredients() to authenticated;

-- Guests (and anon) see drinks that are on and in stock; hosts see all of them.
drop policy "anyone reads active drinks" on public.drinks;
create policy "anyone reads available drinks" on public.drinks for select to anon, authenticated
  using ((is_active and is_in_stock) or (select public.is_host()));

-- The order trigger refuses a drink that is out, with its own stable reason (same mechanism as drink_unavailable).
create or replace function private.orders_before_insert() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  existing_owner uuid;
  guest public.guests%rowtype;
  settings public.bar_settings%rowtype;
  drink public.drinks%rowtype;
  open_count integer;
begin
  if coalesce((select auth.role()), 'service_role') = 'service_role' then
    -- The service role and direct SQL (seed, maintenance) may place an order for a given guest.
    caller := new.user_key;
  end if;
  if caller is null then
    raise exception 'Sign in as a guest to order' using errcode = '42501';
  end if;
  new.user_key := caller;

  perform pg_advisory_xact_lock(hashtextextended('barkeep.orders:' || caller::text, 0));

  -- A retry of an order that already went through (same client-chosen id) succeeds without a second order.
  select user_key into existing_owner from public.orders where id = new.id;
  if found then
    if existing_owner = caller then
      return null;
    end if;
    raise exception 'An order with this id already exists' using errcode = '23505';
  end if;

  select * into guest from public.guests where user_key = caller;
  if not found then
    raise exception 'Only registered guests can order' using detail = 'not_a_guest';
  end if;
  if not guest.is_active then
    raise exception 'Your access to the bar has been revoked' using detail = 'guest_inactive';
  end if;

  select * into settings from public.bar_settings where id;
  if not coalesce(settings.is_open, false) then
    raise exception 'The bar is closed right now' using detail = 'bar_closed';
  end if;
  if settings.last_call_at is not null and settings.last_call_at <= now() then
    raise exception 'Last call has passed: the bar takes no new orders' using detail = 'last_call_passed';
  end if;

  select * into drink from public.drinks where id = new.drink_id;
  if not found or not drink.is_active then
    raise exception 'This drink is not available right now' using detail = 'drink_unavailable';
  end if;
  if not drink.is_in_stock then
    raise exception 'This drink is out of stock right now' using detail = 'out_of_stock';
  end if;

  select count(*) into open_count from public.orders
  where user_key = caller and status in ('pending', 'preparing');
  if open_count >= settings.max_open_orders_per_guest then
    raise exception 'You already have % open orders: wait until one is ready', open_count
      using detail = 'too_many_open_orders';
  end if;

  new.drink_name := drink.name;
  new.status := 'pending';
  new.note := nullif(btrim(new.note), '');
  new.created_at := now();
  new.updated_at := now();
  new.completed_at := null;
  return new;
end;
$$;
