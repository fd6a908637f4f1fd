-- Refresh-token rotation with reuse detection (as Supabase Auth and OAuth 2.0 Security BCP §4.14 do):
-- a live token is swapped for a new one in the same family; a token that was already rotated or revoked
-- revokes the whole family (the login) — whoever holds the newest token of a stolen chain loses it too.
-- Returns `outcome` = 'rotated' (with the guest), 'reused' or 'invalid'. Reuse is not an exception, so
-- the revocation commits.
create function private.rotate_refresh_token(
  p_token_hash text,
  p_new_token_hash text,
  p_refresh_ttl interval,
  p_device text default null,
  p_user_agent text default null
)
returns table (outcome text, user_key uuid, username text)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_token private.refresh_tokens;
  v_guest public.guests;
begin
  select * into v_token from private.refresh_tokens t where t.token_hash = p_token_hash for update;
  if not found then
    return query select 'invalid'::text, null::uuid, null::text;
    return;
  end if;

  if v_token.rotated_at is not null or v_token.revoked_at is not null then
    update private.refresh_tokens t
       set revoked_at = now(), revoked_reason = 'reuse_detected'
     where t.family_id = v_token.family_id and t.revoked_at is null;
    return query select (case when v_token.rotated_at is not null then 'reused' else 'invalid' end)::text, null::uuid, null::text;
    return;
  end if;

  select * into v_guest from public.guests g where g.user_key = v_token.user_key;
  if v_token.expires_at <= now() or not v_guest.is_active then
    return query select 'invalid'::text, null::uuid, null::text;
    return;
  end if;

  update private.refresh_tokens t set rotated_at = now(), last_used_at = now() where t.id = v_token.id;
  insert into private.refresh_tokens (token_hash, user_key, family_id, parent_id, device, user_agent, expires_at, last_used_at)
  values (p_new_token_hash, v_token.user_key, v_token.family_id, v_token.id,
          coalesce(p_device, v_token.device), coalesce(p_user_agent, v_token.user_agent), now() + p_refresh_ttl, now());
  update public.guests g set last_login = now() where g.user_key = v_token.user_key;
  return query select 'rotated'::text, v_guest.user_key, v_guest.username;
end;
$$;
revoke all on function private.rotate_refresh_token(text, text, interval, text, text) from public, anon, authenticated;
grant execute on function private.rotate_refresh_token(text, text, interval, text, text) to service_role;

-- Logout: ends the login the refresh token belongs to, but only for the guest it was issued to.
create function private.revoke_refresh_token(p_token_hash text, p_user_key uuid)
returns boolean
language sql volatile security definer
set search_path = ''
as $$
  with login as (
    select t.family_id from private.refresh_tokens t where t.token_hash = p_token_hash and t.user_key = p_user_key
  ), revoked as (
    update private.refresh_tokens t
       set revoked_at = now(), revoked_reason = 'logout'
      from login
     where t.family_id = login.family_id and t.revoked_at is null
    returning t.id
  )
  select exists (select 1 from login);
$$;
revoke all on function private.revoke_refresh_token(text, uuid) from public, anon, authenticated;
grant execute on function private.revoke_refresh_token(text, uuid) to service_role;
