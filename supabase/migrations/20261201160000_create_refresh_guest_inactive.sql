-- A refresh for a guest the host deactivated answers why (outcome 'inactive' → 403 guest_inactive), so the app
-- tells the guest "the host ended your access" whichever comes first: the live GUEST_DEACTIVATED broadcast, a
-- re-sync, an order, or (the app was closed meanwhile) this refresh. Before, the refresh said only 'invalid',
-- and which note the guest saw depended on timing. Only a token of this guest says so: an unknown token
-- still learns nothing. Otherwise unchanged from 20261201110200_create_refresh_reuse_grace.sql.
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
  -- Deactivation already revoked every login of this guest (revoke_tokens_when_deactivated).
  if not v_guest.is_active then
    return query select 'inactive'::text, null::uuid, null::text;
    return;
  end if;

  if v_token.rotated_at is not null and v_token.revoked_at is null
     and clock_timestamp() - v_token.rotated_at < interval '10 seconds' then
    select * into v_child from private.refresh_tokens t where t.parent_id = v_token.id for update;
    if v_child.token_hash = p_new_token_hash and v_child.rotated_at is null and v_child.revoked_at is null
       and v_child.expires_at > now() then
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

  if v_token.expires_at <= now() then
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
