-- The host switching the AI bartender off (or on) reaches open guest pages at once, like closing the bar:
-- BAR_SETTINGS_CHANGED on `bar:settings` now carries bartender_enabled too, so the guest's "Ask the bartender"
-- turns off with a note instead of failing with assistant_off on the next question.
create or replace function private.bar_settings_broadcast() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform realtime.send(
    jsonb_build_object(
      'is_open', new.is_open, 'last_call_at', new.last_call_at,
      'max_open_orders_per_guest', new.max_open_orders_per_guest, 'bartender_enabled', new.bartender_enabled,
      'updated_at', new.updated_at
    ),
    'BAR_SETTINGS_CHANGED', 'bar:settings', true
  );
  return null;
end;
$$;
