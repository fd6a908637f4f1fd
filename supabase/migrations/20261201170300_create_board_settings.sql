-- The board as the welcome screen (issue #15): which invite code /board shows as a join QR code and short
-- code. Hosts only — an invite code is a key to the bar, so it is not in bar_settings, which anyone reads.
create table public.board_settings (
  id boolean primary key default true check (id),
  invite_code uuid references public.registration_codes (code) on delete set null,
  -- The address phones open (the host's "Join address" on the codes page), so a board on another screen
  -- shows the same link; null = the board's own origin.
  join_base text check (char_length(join_base) <= 200 and join_base ~ '^https?://[^\s/]+$'),
  updated_at timestamptz not null default now()
);
insert into public.board_settings (id) values (true);
alter table public.board_settings enable row level security;
revoke insert, delete, truncate, references, trigger on public.board_settings from anon, authenticated;
revoke all on public.board_settings from anon;

create policy "hosts read the board settings" on public.board_settings for select to authenticated
  using ((select public.is_host()));
create policy "hosts change the board settings" on public.board_settings for update to authenticated
  using ((select public.is_host())) with check ((select public.is_host()));

create function private.board_settings_touch() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;
revoke all on function private.board_settings_touch() from public;
create trigger board_settings_touch before update on public.board_settings
for each row execute function private.board_settings_touch();

-- An open board follows the host's choice at once: BOARD_CHANGED on the private channel `admin:board`,
-- hosts only.
create function private.board_settings_broadcast() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform realtime.send(jsonb_build_object('updated_at', new.updated_at), 'BOARD_CHANGED', 'admin:board', true);
  return null;
end;
$$;
revoke all on function private.board_settings_broadcast() from public;
create trigger board_settings_broadcast after update on public.board_settings
for each row execute function private.board_settings_broadcast();

create policy "hosts read the board channel" on realtime.messages for select to authenticated
  using ((select realtime.topic()) = 'admin:board' and (select public.is_host()));
