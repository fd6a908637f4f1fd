-- Redeeming an invite code: ONE statement takes a use from the code (a conditional update that holds
-- `use_count < max_uses` under any concurrency: concurrent updaters of the row queue on its lock and
-- re-check the condition), creates the guest and stores the hash of their first refresh token.
-- No row comes back for an unknown, expired, exhausted or revoked code, and nothing is stored.
create function private.register_guest(
  p_code uuid,
  p_username text,
  p_token_hash text,
  p_refresh_ttl interval,
  p_device text default null,
  p_user_agent text default null
)
returns table (user_key uuid, username text)
language sql volatile security definer
set search_path = ''
as $$
  with redeemed as (
    update public.registration_codes c
       set use_count = c.use_count + 1
     where c.code = p_code
       and c.revoked_at is null
       and c.expires_at > clock_timestamp()
       and c.use_count < c.max_uses
    returning c.code
  ), guest as (
    insert into public.guests (username, registration_code)
    select p_username, redeemed.code from redeemed
    returning guests.user_key, guests.username
  ), first_token as (
    insert into private.refresh_tokens (token_hash, user_key, family_id, device, user_agent, expires_at, last_used_at)
    select p_token_hash, guest.user_key, gen_random_uuid(), p_device, p_user_agent, now() + p_refresh_ttl, now() from guest
  )
  select guest.user_key, guest.username from guest;
$$;
revoke all on function private.register_guest(uuid, text, text, interval, text, text) from public, anon, authenticated;
grant execute on function private.register_guest(uuid, text, text, interval, text, text) to service_role;
