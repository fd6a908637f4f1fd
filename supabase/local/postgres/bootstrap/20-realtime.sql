-- Schema `realtime` as Supabase Realtime defines it: messages (authorised by RLS), topic(), send().
-- The NOTIFY trigger is the embedded stack's own delivery path: NOTIFY is sent only on commit, in commit order.
create schema if not exists realtime;
grant usage on schema realtime to anon, authenticated, service_role;

create table if not exists realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now(),
  id uuid not null default gen_random_uuid(),
  primary key (id, inserted_at)
);
create index if not exists messages_topic_inserted_at_idx on realtime.messages (topic, inserted_at);
alter table realtime.messages enable row level security;
grant select, insert, update on realtime.messages to anon, authenticated, service_role;

create or replace function realtime.topic() returns text
language sql stable
as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;
grant execute on function realtime.topic() to anon, authenticated, service_role;

create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql
as $$
declare
  generated_id uuid;
  final_payload jsonb;
begin
  begin
    generated_id := gen_random_uuid();
    if payload ? 'id' then
      final_payload := payload;
    else
      final_payload := jsonb_set(payload, '{id}', to_jsonb(generated_id));
    end if;
    perform set_config('realtime.topic', topic, true);
    insert into realtime.messages (id, payload, event, topic, private, extension)
    values (generated_id, final_payload, event, topic, private, 'broadcast');
  exception when others then
    raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
  end;
end;
$$;

create or replace function realtime.notify_embedded_stack() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  header text := jsonb_build_object('id', new.id, 'topic', new.topic, 'event', new.event, 'private', new.private)::text;
  body text := coalesce(new.payload, '{}'::jsonb)::text;
begin
  -- Wire format read by supabase/local/realtime/fan-out.ts: a one-line JSON header, a newline, the payload JSON.
  -- The payload travels as text so the service forwards it without parsing it. NOTIFY payloads are limited to
  -- 8000 bytes: larger messages are announced with `fetch` and loaded by id.
  if octet_length(header) + octet_length(body) > 7500 then
    perform pg_notify('barkeep_realtime', (header::jsonb || '{"fetch": true}'::jsonb)::text || e'\n');
  else
    perform pg_notify('barkeep_realtime', header || e'\n' || body);
  end if;
  return null;
end;
$$;
revoke all on function realtime.notify_embedded_stack() from public;

drop trigger if exists notify_embedded_stack on realtime.messages;
create trigger notify_embedded_stack
after insert on realtime.messages
for each row when (new.extension = 'broadcast')
execute function realtime.notify_embedded_stack();
