-- The AI bartender (CONTRACT §7): the host's on/off switch, and each guest's remembered taste.

-- The host can switch the bartender off for the evening; the function then answers 503 assistant_off.
alter table public.bar_settings add column bartender_enabled boolean not null default true;

-- What a guest told the bartender they like: flavours and base spirits from the taste model's vocabulary
-- (supabase/functions/_shared/bartender/vocabulary.ts), never free text, and whether they drink alcohol.
-- One small row per guest; a guest reads and writes only their own, hosts and other guests none.
create function private.is_taste_vocabulary(words text[]) returns boolean
language sql immutable
set search_path = ''
as $$
  select cardinality(words) <= 24 and coalesce(bool_and(word ~ '^[a-z_]{2,20}$'), true)
    from unnest(words) as word;
$$;
grant execute on function private.is_taste_vocabulary(text[]) to authenticated, service_role;

create table public.guest_tastes (
  user_key uuid primary key default (auth.uid()) references public.guests (user_key) on delete cascade,
  likes text[] not null default '{}' check (private.is_taste_vocabulary(likes)),
  dislikes text[] not null default '{}' check (private.is_taste_vocabulary(dislikes)),
  alcohol_free boolean not null default false,
  updated_at timestamptz not null default now()
);
alter table public.guest_tastes enable row level security;
revoke truncate, references, trigger on public.guest_tastes from anon, authenticated;
revoke all on public.guest_tastes from anon;

-- Only an active guest's own row; a deactivated guest's taste is frozen with the rest of their access.
create policy "guests read their own taste" on public.guest_tastes for select to authenticated
  using (user_key = (select auth.uid()));
create policy "guests add their own taste" on public.guest_tastes for insert to authenticated
  with check (user_key = (select auth.uid())
    and exists (select 1 from public.guests g where g.user_key = (select auth.uid()) and g.is_active));
create policy "guests change their own taste" on public.guest_tastes for update to authenticated
  using (user_key = (select auth.uid()))
  with check (user_key = (select auth.uid())
    and exists (select 1 from public.guests g where g.user_key = (select auth.uid()) and g.is_active));
create policy "guests forget their own taste" on public.guest_tastes for delete to authenticated
  using (user_key = (select auth.uid()));

create function private.guest_tastes_touch() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;
revoke all on function private.guest_tastes_touch() from public;
create trigger guest_tastes_touch before update on public.guest_tastes
for each row execute function private.guest_tastes_touch();
