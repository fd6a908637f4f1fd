-- Guests: created by the register function when a code is redeemed. `user_key` is the `sub` of their tokens.
create table public.guests (
  user_key uuid primary key default gen_random_uuid(),
  -- Mirrors supabase/functions/_shared/validate.ts (trimmed, 2–50 characters, no control characters).
  username text not null check (char_length(username) between 2 and 50 and username = btrim(username) and username !~ '[[:cntrl:]]'),
  created_at timestamptz not null default now(),
  last_login timestamptz not null default now(),
  is_active boolean not null default true,
  registration_code uuid references public.registration_codes (code) on delete set null
);
create index guests_registration_code_idx on public.guests (registration_code);
alter table public.guests enable row level security;

-- Rows are created only by the register function; through the API a host may rename or (de)activate a guest.
revoke insert, update, delete on public.guests from anon, authenticated;
grant update (username, is_active) on public.guests to authenticated;

create policy "guests read their own row" on public.guests for select to authenticated
  using (user_key = (select auth.uid()));
create policy "hosts read guests" on public.guests for select to authenticated using ((select public.is_host()));
create policy "hosts update guests" on public.guests for update to authenticated
  using ((select public.is_host())) with check ((select public.is_host()));
