-- Guest refresh tokens, in the unexposed `private` schema: never readable through the API.
-- Only the SHA-256 of a token is stored. Every login starts a family; each rotation adds a child
-- (parent_id) and marks its parent rotated, so a replayed parent reveals a stolen chain.
create table private.refresh_tokens (
  id bigint generated always as identity primary key,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  user_key uuid not null references public.guests (user_key) on delete cascade,
  family_id uuid not null,
  parent_id bigint references private.refresh_tokens (id) on delete set null,
  device text check (char_length(device) <= 100),
  user_agent text check (char_length(user_agent) <= 512),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_used_at timestamptz,
  rotated_at timestamptz,
  revoked_at timestamptz,
  revoked_reason text check (revoked_reason in ('logout', 'reuse_detected', 'guest_deactivated'))
);
create index refresh_tokens_guest_idx on private.refresh_tokens (user_key) where revoked_at is null;
create index refresh_tokens_family_idx on private.refresh_tokens (family_id);
create index refresh_tokens_parent_idx on private.refresh_tokens (parent_id);
alter table private.refresh_tokens enable row level security;
revoke all on private.refresh_tokens from public, anon, authenticated;

-- A host deactivating a guest (update guests set is_active = false, through PostgREST) ends every login
-- of that guest at once. SECURITY DEFINER: the host's role has no rights on private.refresh_tokens.
create function private.revoke_tokens_of_deactivated_guest() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  update private.refresh_tokens
     set revoked_at = now(), revoked_reason = 'guest_deactivated'
   where user_key = new.user_key and revoked_at is null;
  return null;
end;
$$;
revoke all on function private.revoke_tokens_of_deactivated_guest() from public, anon, authenticated;

create trigger revoke_tokens_when_deactivated
  after update of is_active on public.guests
  for each row when (old.is_active and not new.is_active)
  execute function private.revoke_tokens_of_deactivated_guest();
