-- Refresh-token reuse grace (CONTRACT §3 amended, finding F8). Party Wi-Fi loses answers, two tabs refresh at
-- once, clients retry: presenting the just-rotated token again within 10 seconds answers with the same child the
-- first caller got — as Supabase Auth does with refresh_token_reuse_interval — instead of ending the login.
-- The child token is derived from its parent by the functions (HMAC under a key only they hold), so the caller
-- passes the same p_new_token_hash again and this function checks that it names the stored child: no token is
-- kept in clear. The child is handed out again only while it is itself still live; a child already rotated,
-- revoked or expired, an inactive guest, or a reuse after 10 s all end the login as before (never a 200 with a
-- dead token). A concurrent caller waits on the parent's row lock and then takes the grace path.
create or replace function private.rotate_refresh_token(
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
  v_child private.refresh_tokens;
  v_guest public.guests;
begin
  select * into v_token from private.refresh_tokens t where t.token_hash = p_token_hash for update;
  if not found then
    return query select 'invalid'::text, null::uuid, null::text;
    return;
  end if;
  select * into v_guest from public.guests g where g.user_key = v_token.user_key;

  if v_token.rotated_at is not null and v_token.revoked_at is null
     and clock_timestamp() - v_token.rotated_at < interval '10 seconds' then
    select * into v_child from private.refresh_tokens t where t.parent_id = v_token.id for update;
    if v_child.token_hash = p_new_token_hash and v_child.rotated_at is null and v_child.revoked_at is null
       and v_child.expires_at > now() and v_guest.is_active then
      return query select 'rotated'::text, v_guest.user_key, v_guest.username;
      return;
    end if;
  end if;

  if v_token.rotated_at is not null or v_token.revoked_at is not null then
    update private.refresh_tokens t
       set revoked_at = now(), revoked_reason = 'reuse_detected'
     where t.family_id = v_token.family_id and t.revoked_at is null;
    return query select (case when v_token.rotated_at is not null then 'reused' else 'invalid' end)::text, null::uuid, null::text;
    return;
  end if;

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
