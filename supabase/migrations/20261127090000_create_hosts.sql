-- Host accounts: Supabase Auth users allowed to run the bar. Added with the service role
-- (`npx barkeep host add`), never through the API.
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

create table public.hosts (
  user_id uuid primary key references auth.users (id) on delete cascade,
  created_at timestamptz not null default now()
);
alter table public.hosts enable row level security;

-- SECURITY DEFINER so policies on every table can ask "is the caller a host?" without recursing into the
-- RLS of `hosts`; kept in the unexposed `private` schema. Guest tokens never count, whatever their `sub`.
create function private.is_host() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce((auth.jwt() ->> 'is_guest')::boolean, false) = false
    and exists (select 1 from public.hosts where user_id = (select auth.uid()));
$$;
revoke all on function private.is_host() from public;
grant execute on function private.is_host() to anon, authenticated, service_role;

create function public.is_host() returns boolean
language sql stable
set search_path = ''
as $$
  select private.is_host();
$$;

create policy "hosts see the host list" on public.hosts for select to authenticated using ((select public.is_host()));
