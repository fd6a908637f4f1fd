-- Open menus follow the host's edits: any change to drinks or sections sends MENU_CHANGED on the private
-- channel `bar:menu` (once per statement, so a reorder is one message), and phones re-read the menu. Any
-- signed-in guest or host may join it: the menu is public anyway.
create function private.menu_broadcast() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform realtime.send(jsonb_build_object('table', tg_table_name), 'MENU_CHANGED', 'bar:menu', true);
  return null;
end;
$$;
revoke all on function private.menu_broadcast() from public;

create trigger drinks_menu_broadcast after insert or update or delete on public.drinks
for each statement execute function private.menu_broadcast();
create trigger sections_menu_broadcast after insert or update or delete on public.sections
for each statement execute function private.menu_broadcast();

create policy "signed-in users read the menu channel" on realtime.messages for select to authenticated
  using ((select realtime.topic()) = 'bar:menu');
