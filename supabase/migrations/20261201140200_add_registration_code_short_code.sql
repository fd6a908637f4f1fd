-- A short form of every invite code, for reading aloud or writing on a card: 10 characters of Crockford's
-- base32 (digits and letters without I, L, O and U, so nothing looks like something else), 50 random bits,
-- shown grouped as K7QM-3XPD-R2. The QR link keeps the UUID; the register function accepts either
-- (supabase/functions/_shared/invite-code.ts parses both), still rate-limited, still one 403 for any code
-- that does not work.
create function private.new_short_code() returns text
language sql volatile
set search_path = ''
as $$
  -- gen_random_uuid() is a strong random source: bytes 0–5 and 7–10 carry at least 5 random low bits each
  -- (byte 6 holds the version, byte 8's top bits the variant).
  select string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', get_byte(b.bytes, p.position) % 32 + 1, 1), '' order by p.ordinality)
    from (select uuid_send(gen_random_uuid()) as bytes) b,
         unnest(array[0, 1, 2, 3, 4, 5, 7, 8, 9, 10]) with ordinality as p(position, ordinality);
$$;
revoke all on function private.new_short_code() from public;
grant execute on function private.new_short_code() to authenticated, service_role;

alter table public.registration_codes
  add column short_code text not null default private.new_short_code()
    constraint registration_codes_short_code_shape check (short_code ~ '^[0-9A-HJKMNP-TV-Z]{10}$');
alter table public.registration_codes add constraint registration_codes_short_code_key unique (short_code);

-- The register function's lookup: the UUID, or the short form (already normalised by the function). PL/pgSQL,
-- so the cast to uuid only ever sees something shaped like one (SQL may evaluate both sides of an OR).
create function private.registration_code_for(p_typed text) returns uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if p_typed ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return (select c.code from public.registration_codes c where c.code = p_typed::uuid);
  end if;
  return (select c.code from public.registration_codes c where c.short_code = p_typed);
end;
$$;
revoke all on function private.registration_code_for(text) from public, anon, authenticated;
grant execute on function private.registration_code_for(text) to service_role;
