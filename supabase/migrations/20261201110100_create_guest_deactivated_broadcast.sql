-- When a host deactivates a guest, the guest's open app hears it at once (B11): GUEST_DEACTIVATED {user_key} on
-- the guest's private channel orders:<user_key>, sent with realtime.send, so hosted Supabase delivers it too.
-- The policies (is_active_guest) refuse the guest everything from this commit on; channels already open were
-- authorized earlier, so the database also asks Realtime to authorize that guest's private channels again:
-- NOTIFY barkeep_realtime_reauthorize {"sub"}. The embedded stack listens and closes what the policies no longer
-- allow (supabase/local/realtime/reauthorize.ts); on hosted Supabase nobody listens and the app signs out.
-- NOTIFY is delivered after COMMIT in the order sent, so the broadcast goes out before the channel closes.
create function private.guest_deactivated_broadcast() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform realtime.send(jsonb_build_object('user_key', new.user_key), 'GUEST_DEACTIVATED', 'orders:' || new.user_key::text, true);
  perform pg_notify('barkeep_realtime_reauthorize', jsonb_build_object('sub', new.user_key)::text);
  return null;
end;
$$;
revoke all on function private.guest_deactivated_broadcast() from public, anon, authenticated;

create trigger guest_deactivated_broadcast
  after update of is_active on public.guests
  for each row when (old.is_active and not new.is_active)
  execute function private.guest_deactivated_broadcast();
