-- Push subscriptions (finding F4, F5): only real push services, a handful per person, none for a guest who was
-- deactivated or signed out. An endpoint is a URL the dispatcher will POST to, so an unchecked one lets a guest
-- make the server call any address (a private network, the stack itself, a cloud metadata service).

-- The push services browsers subscribe with: FCM (Chrome, Edge on Android, Samsung Internet, Opera), Mozilla
-- autopush (Firefox), Apple (Safari, every iOS browser), WNS (Edge on Windows). https on the default port, a
-- lower-case host name from this list (so never an IP literal, never a private or loopback address), no
-- credentials, printable ASCII. push-dispatch/endpoint.ts applies the same rule before sending.
create function private.is_push_service_endpoint(endpoint text) returns boolean
language sql immutable
set search_path = ''
as $$
  select coalesce(char_length(endpoint) <= 2048 and (
    host = 'fcm.googleapis.com'
    or host ~ '^([a-z0-9-]+\.)+(push\.services\.mozilla\.com|push\.apple\.com|notify\.windows\.com)$'
  ), false)
  from (select substring(endpoint from '^https://([a-z0-9.-]+)(/[!-~]*)?$') as host) as parsed;
$$;
revoke all on function private.is_push_service_endpoint(text) from public;
grant execute on function private.is_push_service_endpoint(text) to authenticated, service_role;

-- Subscriptions stored before these rules that point anywhere else are dropped (with their queued pushes).
delete from public.push_subscriptions where not private.is_push_service_endpoint(endpoint);

-- A person rarely has more than a phone and a laptop; a browser that re-subscribes gets a new endpoint and the
-- old one is dead. So the newest few are kept, and a new device replaces the oldest instead of being refused.
create or replace function private.save_push_subscription(endpoint text, p256dh text, auth text)
returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  max_devices constant integer := 5;
  caller uuid := (select auth.uid());
  saved uuid;
begin
  if caller is null then
    raise exception 'sign in before saving a push subscription' using errcode = '42501';
  end if;
  if not (private.is_active_guest() or private.is_host()) then
    raise exception 'only active guests and hosts can receive notifications' using errcode = '42501';
  end if;
  if endpoint is null or not private.is_push_service_endpoint(endpoint) then
    raise exception 'endpoint must be the https URL of a browser push service (FCM, Mozilla, Apple or Windows)' using errcode = '22023';
  end if;
  if p256dh is null or p256dh !~ '^[A-Za-z0-9_-]{87}$' or auth is null or auth !~ '^[A-Za-z0-9_-]{22}$' then
    raise exception 'p256dh and auth must be the base64url keys of PushSubscription.toJSON()' using errcode = '22023';
  end if;
  -- One caller's saves in turn, so concurrent ones cannot both keep max_devices + 1.
  perform pg_advisory_xact_lock(hashtextextended('barkeep.push_subscriptions:' || caller::text, 0));
  insert into public.push_subscriptions as s (user_key, endpoint, p256dh, auth)
  values (caller, save_push_subscription.endpoint, save_push_subscription.p256dh, save_push_subscription.auth)
  on conflict on constraint push_subscriptions_endpoint_key do update
    set user_key = excluded.user_key, p256dh = excluded.p256dh, auth = excluded.auth, updated_at = now()
  returning s.id into saved;
  delete from public.push_subscriptions s
  where s.user_key = caller
    and s.id not in (
      select k.id from public.push_subscriptions k where k.user_key = caller
      order by k.id = saved desc, k.updated_at desc, k.created_at desc
      limit max_devices
    );
  return saved;
end;
$$;

-- A guest's subscriptions end with their last login: signing out (logout), a replayed refresh token, or the
-- host deactivating them revokes the login's refresh tokens, and a browser that later joins again saves anew.
create function private.forget_push_subscriptions_of_ended_logins() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  delete from public.push_subscriptions s
  where s.user_key = new.user_key
    and not exists (
      select 1 from private.refresh_tokens t
      where t.user_key = new.user_key and t.revoked_at is null and t.rotated_at is null and t.expires_at > now()
    );
  return null;
end;
$$;
revoke all on function private.forget_push_subscriptions_of_ended_logins() from public, anon, authenticated;

create trigger forget_push_subscriptions_when_login_ends
  after update of revoked_at on private.refresh_tokens
  for each row when (old.revoked_at is null and new.revoked_at is not null)
  execute function private.forget_push_subscriptions_of_ended_logins();

-- The dispatcher's claim hands out only pushes for hosts and active guests; anything queued for someone else
-- (a guest deactivated after the push was queued, a row written some other way) is marked failed, never sent.
create or replace function private.claim_push_deliveries(max_rows integer default 50, lease_seconds integer default 120)
returns table (id bigint, endpoint text, p256dh text, auth text, payload jsonb, topic text, attempts integer)
language sql volatile
set search_path = ''
as $$
  with due as (
    select o.id,
           exists (select 1 from public.hosts h where h.user_id = s.user_key)
             or exists (select 1 from public.guests g where g.user_key = s.user_key and g.is_active) as deliverable
    from private.push_outbox o
    join public.push_subscriptions s on s.id = o.subscription_id
    where (o.state = 'pending' and o.next_attempt_at <= now())
       or (o.state = 'sending' and o.locked_until <= now())
    order by o.next_attempt_at, o.id
    limit least(greatest(coalesce(max_rows, 50), 1), 500)
    for update of o skip locked
  ), dropped as (
    update private.push_outbox o
    set state = 'failed', attempts = o.attempts + 1, locked_until = null,
        last_error = 'the recipient is not an active guest or a host'
    from due
    where o.id = due.id and not due.deliverable
  )
  update private.push_outbox o
  set state = 'sending', attempts = o.attempts + 1,
      locked_until = now() + make_interval(secs => least(greatest(coalesce(lease_seconds, 120), 10), 900))
  from due, public.push_subscriptions s
  where o.id = due.id and due.deliverable and s.id = o.subscription_id
  returning o.id, s.endpoint, s.p256dh, s.auth, o.payload, o.topic, o.attempts;
$$;
