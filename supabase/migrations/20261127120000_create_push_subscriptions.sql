-- Web Push subscriptions: one row per browser that allowed notifications, owned by the guest (or host)
-- whose token saved it. `user_key` is the token's `sub`. The endpoint is a secret capability URL, unique.
create table public.push_subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_key uuid not null,
  endpoint text not null unique check (char_length(endpoint) <= 2048 and endpoint ~ '^https?://[^\s]+$'),
  -- RFC 8291 keys as the browser's PushSubscription.toJSON() gives them (base64url, no padding).
  p256dh text not null check (p256dh ~ '^[A-Za-z0-9_-]{87}$'),
  auth text not null check (auth ~ '^[A-Za-z0-9_-]{22}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index push_subscriptions_user_key_idx on public.push_subscriptions (user_key);
alter table public.push_subscriptions enable row level security;

-- Reading and removing go through RLS; saving goes through save_push_subscription() below, so the
-- table itself takes no direct writes from the API roles.
revoke insert, update, truncate, references, trigger on public.push_subscriptions from anon, authenticated;
create policy "own subscriptions are visible" on public.push_subscriptions for select to authenticated
  using (user_key = (select auth.uid()));
create policy "own subscriptions can be removed" on public.push_subscriptions for delete to authenticated
  using (user_key = (select auth.uid()));

-- Saves the caller's subscription. SECURITY DEFINER because a browser that re-joins as a new guest keeps its
-- endpoint: the row moves to the new owner (only that browser knows the endpoint, so only it can claim it).
-- Guests may register https endpoints only: every real push service is https.
create function private.save_push_subscription(endpoint text, p256dh text, auth text)
returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  saved uuid;
begin
  if caller is null then
    raise exception 'sign in before saving a push subscription' using errcode = '42501';
  end if;
  if endpoint is null or endpoint !~ '^https://[^\s]+$' or char_length(endpoint) > 2048 then
    raise exception 'endpoint must be an https URL' using errcode = '22023';
  end if;
  if p256dh is null or p256dh !~ '^[A-Za-z0-9_-]{87}$' or auth is null or auth !~ '^[A-Za-z0-9_-]{22}$' then
    raise exception 'p256dh and auth must be the base64url keys of PushSubscription.toJSON()' using errcode = '22023';
  end if;
  insert into public.push_subscriptions as s (user_key, endpoint, p256dh, auth)
  values (caller, save_push_subscription.endpoint, save_push_subscription.p256dh, save_push_subscription.auth)
  on conflict on constraint push_subscriptions_endpoint_key do update
    set user_key = excluded.user_key, p256dh = excluded.p256dh, auth = excluded.auth, updated_at = now()
  returning s.id into saved;
  return saved;
end;
$$;
revoke all on function private.save_push_subscription(text, text, text) from public;
grant execute on function private.save_push_subscription(text, text, text) to authenticated;

create function public.save_push_subscription(endpoint text, p256dh text, auth text)
returns uuid
language sql volatile
set search_path = ''
as $$
  select private.save_push_subscription(endpoint, p256dh, auth);
$$;
revoke all on function public.save_push_subscription(text, text, text) from public, anon;
grant execute on function public.save_push_subscription(text, text, text) to authenticated;
