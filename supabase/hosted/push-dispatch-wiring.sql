-- Hosted Supabase only (docs/deploy.md, "Push notifications"): wakes the push-dispatch Edge Function when a push is
-- queued, and every 30 seconds while a delivery is due (retries, anything a wake-up missed). Locally the stack does
-- this itself (LISTEN/NOTIFY), which is why this is no migration: pg_net, pg_cron and Vault exist only on hosted.
--
-- Needs, once: the pg_net and pg_cron extensions enabled, and two Vault secrets:
--   select vault.create_secret('https://<project-ref>.supabase.co', 'barkeep_project_url');
--   select vault.create_secret('<service_role key>', 'barkeep_service_role_key');
-- Safe to run again (it replaces what it made before).

-- One HTTP call to push-dispatch. pg_net sends it from a background worker after the transaction commits, so a
-- rolled-back change wakes nobody. SECURITY DEFINER: it reads Vault, whoever queued the push.
create or replace function private.wake_push_dispatch() returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  perform net.http_post(
    url := (select decrypted_secret from vault.decrypted_secrets where name = 'barkeep_project_url') || '/functions/v1/push-dispatch',
    headers := jsonb_build_object(
      'Content-Type', 'application/json',
      'Authorization', 'Bearer ' || (select decrypted_secret from vault.decrypted_secrets where name = 'barkeep_service_role_key')
    ),
    body := '{}'::jsonb
  );
end;
$$;
revoke all on function private.wake_push_dispatch() from public, anon, authenticated;

create or replace function private.wake_push_dispatch_on_insert() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform private.wake_push_dispatch();
  return null;
end;
$$;
revoke all on function private.wake_push_dispatch_on_insert() from public, anon, authenticated;

-- Once per statement: one order that notifies five devices makes one call; the dispatcher drains them all.
drop trigger if exists wake_push_dispatch on private.push_outbox;
create trigger wake_push_dispatch after insert on private.push_outbox
for each statement execute function private.wake_push_dispatch_on_insert();

-- The sweep wakes the dispatcher only when something is due: a pending delivery whose time has come, or one whose
-- dispatcher lease ran out.
create or replace function private.sweep_push_outbox() returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  if exists (
    select 1 from private.push_outbox
     where (state = 'pending' and next_attempt_at <= now()) or (state = 'sending' and locked_until <= now())
  ) then
    perform private.wake_push_dispatch();
  end if;
end;
$$;
revoke all on function private.sweep_push_outbox() from public, anon, authenticated;

-- cron.schedule with an existing job name replaces that job.
select cron.schedule('barkeep-push-sweep', '30 seconds', 'select private.sweep_push_outbox()');
