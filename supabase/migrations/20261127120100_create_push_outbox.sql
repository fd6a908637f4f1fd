-- The push queue: one row per notification per subscription, written by database triggers in the same
-- transaction as the change it announces, and drained by the push-dispatch Edge Function (service role).
-- In schema `private`: no API role reads or writes it directly.
create table private.push_outbox (
  id bigint generated always as identity primary key,
  subscription_id uuid not null references public.push_subscriptions (id) on delete cascade,
  payload jsonb not null,
  -- RFC 8030 Topic: a resend replaces an undelivered copy at the push service instead of adding one.
  topic text check (topic ~ '^[A-Za-z0-9_-]{1,32}$'),
  -- pending → sending (claimed, leased) → sent | failed; sending → pending again for a retry.
  state text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_status integer,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index push_outbox_due_idx on private.push_outbox (next_attempt_at) where state in ('pending', 'sending');
create index push_outbox_subscription_idx on private.push_outbox (subscription_id);
revoke all on private.push_outbox from public, anon, authenticated;
grant select, update, delete on private.push_outbox to service_role;

-- Queues `payload` for every subscription of `user_key`. Called by triggers (and the tests); never by API roles.
create function private.enqueue_push(user_key uuid, payload jsonb, topic text default null)
returns integer
language sql volatile security definer
set search_path = ''
as $$
  with queued as (
    insert into private.push_outbox (subscription_id, payload, topic)
    select s.id, enqueue_push.payload, enqueue_push.topic
    from public.push_subscriptions s
    where s.user_key = enqueue_push.user_key
    returning 1
  )
  select count(*)::integer from queued;
$$;
revoke all on function private.enqueue_push(uuid, jsonb, text) from public, anon, authenticated;

-- Locally the stack LISTENs on this channel and wakes the dispatcher; NOTIFY is delivered only on commit.
-- On hosted Supabase a database webhook on this table does the same (see README).
create function private.notify_push_outbox() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform pg_notify('barkeep_push', '');
  return null;
end;
$$;
revoke all on function private.notify_push_outbox() from public;
create trigger notify_push_outbox after insert on private.push_outbox
for each statement execute function private.notify_push_outbox();

-- Claims due deliveries for one dispatcher run. SKIP LOCKED lets concurrent runs share the queue without
-- ever claiming the same row; the lease hands a row back if a dispatcher dies mid-send.
create function private.claim_push_deliveries(max_rows integer default 50, lease_seconds integer default 120)
returns table (id bigint, endpoint text, p256dh text, auth text, payload jsonb, topic text, attempts integer)
language sql volatile
set search_path = ''
as $$
  with due as (
    select o.id
    from private.push_outbox o
    where (o.state = 'pending' and o.next_attempt_at <= now())
       or (o.state = 'sending' and o.locked_until <= now())
    order by o.next_attempt_at, o.id
    limit least(greatest(coalesce(max_rows, 50), 1), 500)
    for update skip locked
  )
  update private.push_outbox o
  set state = 'sending', attempts = o.attempts + 1,
      locked_until = now() + make_interval(secs => least(greatest(coalesce(lease_seconds, 120), 10), 900))
  from due, public.push_subscriptions s
  where o.id = due.id and s.id = o.subscription_id
  returning o.id, s.endpoint, s.p256dh, s.auth, o.payload, o.topic, o.attempts;
$$;

-- Records what the push services answered. results: [{id, outcome: sent|retry|failed|gone, status?, error?,
-- retry_in_seconds?}]. `gone` removes the subscription (and with it its queued rows). Only rows still
-- claimed are touched, so a late answer never overwrites a newer claim. Returns when the next retry is due.
create function private.finish_push_deliveries(results jsonb)
returns timestamptz
language plpgsql volatile
set search_path = ''
as $$
begin
  if jsonb_typeof(results) is distinct from 'array' then
    raise exception 'results must be a JSON array' using errcode = '22023';
  end if;

  delete from public.push_subscriptions s
  using private.push_outbox o, jsonb_to_recordset(results) as r (id bigint, outcome text)
  where r.outcome = 'gone' and o.id = r.id and o.state = 'sending' and s.id = o.subscription_id;

  update private.push_outbox o
  set state = case r.outcome when 'sent' then 'sent' when 'retry' then 'pending' else 'failed' end,
      sent_at = case when r.outcome = 'sent' then now() end,
      next_attempt_at = case when r.outcome = 'retry'
        then now() + make_interval(secs => least(greatest(coalesce(r.retry_in_seconds, 60), 1), 86400))
        else o.next_attempt_at end,
      locked_until = null,
      last_status = r.status,
      last_error = left(r.error, 500)
  from jsonb_to_recordset(results) as r (id bigint, outcome text, status integer, error text, retry_in_seconds integer)
  where o.id = r.id and o.state = 'sending' and r.outcome in ('sent', 'retry', 'failed');

  -- A party's history is not kept: finished rows go after a week.
  delete from private.push_outbox
  where state in ('sent', 'failed') and created_at < now() - interval '7 days';

  return (select min(next_attempt_at) from private.push_outbox where state = 'pending');
end;
$$;

revoke all on function private.claim_push_deliveries(integer, integer) from public, anon, authenticated;
revoke all on function private.finish_push_deliveries(jsonb) from public, anon, authenticated;
grant execute on function private.claim_push_deliveries(integer, integer) to service_role;
grant execute on function private.finish_push_deliveries(jsonb) to service_role;

-- The dispatcher reaches the queue through PostgREST, which exposes only `public`: thin wrappers that only
-- the service role may call.
create function public.claim_push_deliveries(max_rows integer default 50, lease_seconds integer default 120)
returns table (id bigint, endpoint text, p256dh text, auth text, payload jsonb, topic text, attempts integer)
language sql volatile
set search_path = ''
as $$
  select * from private.claim_push_deliveries(max_rows, lease_seconds);
$$;
create function public.finish_push_deliveries(results jsonb)
returns timestamptz
language sql volatile
set search_path = ''
as $$
  select private.finish_push_deliveries(results);
$$;
revoke all on function public.claim_push_deliveries(integer, integer) from public, anon, authenticated;
revoke all on function public.finish_push_deliveries(jsonb) from public, anon, authenticated;
grant execute on function public.claim_push_deliveries(integer, integer) to service_role;
grant execute on function public.finish_push_deliveries(jsonb) to service_role;
