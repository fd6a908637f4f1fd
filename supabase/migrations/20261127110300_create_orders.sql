-- Orders and their status machine, enforced here (src/lib/orders/status.ts mirrors the rules for the UI):
--   pending → preparing → ready → served;  pending → cancelled (guest or host);  preparing → cancelled (host).
-- A guest inserts only (drink_id[, note][, id]); the server fills user_key from the token and status = pending.
create table public.orders (
  id uuid primary key default gen_random_uuid(),
  user_key uuid not null references public.guests (user_key) on delete cascade,
  -- A drink with orders stays (hosts hide it); deleting it is a 409 conflict.
  drink_id uuid not null references public.drinks (id),
  -- The drink's name when ordered, so history and events read well after the host renames or hides it.
  drink_name text not null default '',
  status text not null default 'pending'
    constraint orders_status_known check (status in ('pending', 'preparing', 'ready', 'served', 'cancelled')),
  note text check (char_length(note) <= 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz
);
create index orders_user_key_created_at_idx on public.orders (user_key, created_at desc);
create index orders_drink_id_idx on public.orders (drink_id);
create index orders_open_idx on public.orders (created_at) where status in ('pending', 'preparing', 'ready');
alter table public.orders enable row level security;

create policy "guests read their own orders" on public.orders for select to authenticated
  using (user_key = (select auth.uid()));
create policy "hosts read all orders" on public.orders for select to authenticated using ((select public.is_host()));
create policy "guests place their own orders" on public.orders for insert to authenticated
  with check (user_key = (select auth.uid()) and status = 'pending');
-- Guests may only cancel (the trigger checks it is still pending); hosts move orders along.
create policy "guests cancel their own orders" on public.orders for update to authenticated
  using (user_key = (select auth.uid())) with check (user_key = (select auth.uid()) and status = 'cancelled');
create policy "hosts update orders" on public.orders for update to authenticated
  using ((select public.is_host())) with check ((select public.is_host()));
revoke delete, truncate, references, trigger on public.orders from anon, authenticated;

-- The one transition table, readable by the tests that check status.ts against it.
create function private.order_transition_allowed(from_status text, to_status text, by_host boolean) returns boolean
language sql immutable
set search_path = ''
as $$
  select case
    when from_status = 'pending' and to_status = 'preparing' then by_host
    when from_status = 'pending' and to_status = 'cancelled' then true
    when from_status = 'preparing' and to_status = 'ready' then by_host
    when from_status = 'preparing' and to_status = 'cancelled' then by_host
    when from_status = 'ready' and to_status = 'served' then by_host
    else false
  end;
$$;
revoke all on function private.order_transition_allowed(text, text, boolean) from public;
grant execute on function private.order_transition_allowed(text, text, boolean) to authenticated, service_role;

-- Runs as definer: it must see inactive drinks, the settings and the guest row to give a clear reason, and
-- serialise one guest's orders (the open-orders limit and idempotent retries must hold under concurrency).
create function private.orders_before_insert() returns trigger
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
revoke all on function private.orders_before_insert() from public;
create trigger orders_before_insert before insert on public.orders
for each row execute function private.orders_before_insert();

create function private.orders_before_update() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  -- The service role and direct SQL act as the host.
  by_host boolean := coalesce((select auth.role()), 'service_role') = 'service_role' or (select public.is_host());
begin
  if (new.id, new.user_key, new.drink_id, new.drink_name, new.note, new.created_at)
     is distinct from (old.id, old.user_key, old.drink_id, old.drink_name, old.note, old.created_at) then
    raise exception 'Only the status of an order can change' using detail = 'order_immutable';
  end if;
  if new.status = old.status then
    raise exception 'This order is already %', old.status using detail = 'status_unchanged';
  end if;
  if not private.order_transition_allowed(old.status, new.status, by_host) then
    raise exception 'An order cannot go from % to %', old.status, new.status using detail = 'invalid_transition';
  end if;
  new.updated_at := now();
  new.completed_at := case when new.status = 'served' then now() else null end;
  return new;
end;
$$;
revoke all on function private.orders_before_update() from public;
create trigger orders_before_update before update on public.orders
for each row execute function private.orders_before_update();
