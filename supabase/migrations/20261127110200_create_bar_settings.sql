-- The bar's switches, one row: open/closed, last call, and how many open orders one guest may have.
create table public.bar_settings (
  id boolean primary key default true check (id),
  is_open boolean not null default true,
  -- After this moment the bar takes no new orders; null = no last call announced.
  last_call_at timestamptz,
  max_open_orders_per_guest integer not null default 2 check (max_open_orders_per_guest between 1 and 20),
  updated_at timestamptz not null default now()
);
insert into public.bar_settings (id) values (true);
alter table public.bar_settings enable row level security;

create policy "anyone reads the bar settings" on public.bar_settings for select to anon, authenticated using (true);
create policy "hosts change the bar settings" on public.bar_settings for update to authenticated
  using ((select public.is_host())) with check ((select public.is_host()));
revoke insert, delete, truncate, references, trigger on public.bar_settings from anon, authenticated;

create function private.bar_settings_touch() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;
revoke all on function private.bar_settings_touch() from public;
create trigger bar_settings_touch before update on public.bar_settings
for each row execute function private.bar_settings_touch();
