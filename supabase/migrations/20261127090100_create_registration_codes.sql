-- Invite codes: a host creates them; guests redeem them (through the register function, never directly).
create table public.registration_codes (
  code uuid primary key default gen_random_uuid(),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  max_uses integer not null check (max_uses between 1 and 500),
  use_count integer not null default 0,
  notes text check (char_length(notes) <= 200),
  revoked_at timestamptz,
  constraint use_count_within_max_uses check (use_count between 0 and max_uses),
  constraint validity_between_1_hour_and_7_days check (expires_at - created_at between interval '59 minutes' and interval '7 days 1 minute')
);
create index registration_codes_created_by_idx on public.registration_codes (created_by);
alter table public.registration_codes enable row level security;

-- Hosts choose only what a code is (lifetime, uses, notes) and may revoke it; `code`, `created_at`,
-- `created_by` and `use_count` stay server-filled, so the 1 h – 7 d rule cannot be dodged with a back-dated row.
revoke insert, update on public.registration_codes from anon, authenticated;
grant insert (expires_at, max_uses, notes) on public.registration_codes to authenticated;
grant update (notes, revoked_at) on public.registration_codes to authenticated;

create policy "hosts manage codes" on public.registration_codes for all to authenticated
  using ((select public.is_host())) with check ((select public.is_host()));
