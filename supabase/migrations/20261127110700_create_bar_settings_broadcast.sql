-- The bar's switches reach every open phone at once: BAR_SETTINGS_CHANGED {is_open, last_call_at,
-- max_open_orders_per_guest, updated_at} on the private channel `bar:settings`, which any signed-in
-- guest or host may join (the same facts anyone can read from public.bar_settings).
create function private.bar_settings_broadcast() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform realtime.send(
    jsonb_build_object(
      'is_open', new.is_open, 'last_call_at', new.last_call_at,
      'max_open_orders_per_guest', new.max_open_orders_per_guest, 'updated_at', new.updated_at
    ),
    'BAR_SETTINGS_CHANGED', 'bar:settings', true
  );
  return null;
end;
$$;
revoke all on function private.bar_settings_broadcast() from public;
create trigger bar_settings_broadcast after update on public.bar_settings
for each row execute function private.bar_settings_broadcast();

create policy "signed-in users read the bar settings channel" on realtime.messages for select to authenticated
  using ((select realtime.topic()) = 'bar:settings');
