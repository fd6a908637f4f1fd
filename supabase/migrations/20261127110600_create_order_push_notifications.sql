-- Web Push for people whose app is closed: "your drink is ready" to the guest, "new order" to the hosts.
-- Queued in the same transaction through private.enqueue_push (the push outbox migration); called
-- dynamically so ordering keeps working on a database without the push outbox.
create function private.orders_queue_push() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  can_push boolean := to_regprocedure('private.enqueue_push(uuid, jsonb, text)') is not null;
  host_id uuid;
begin
  if not can_push then
    return null;
  end if;
  if tg_op = 'UPDATE' and new.status = 'ready' and old.status is distinct from 'ready' then
    execute 'select private.enqueue_push($1, $2, $3)'
      using new.user_key,
        jsonb_build_object('type', 'order_ready', 'order_id', new.id, 'drink_name', new.drink_name, 'url', '/orders/' || new.id),
        replace(new.id::text, '-', '');
  elsif tg_op = 'INSERT' then
    for host_id in select user_id from public.hosts loop
      execute 'select private.enqueue_push($1, $2, $3)'
        using host_id,
          jsonb_build_object(
            'type', 'new_order', 'order_id', new.id, 'drink_name', new.drink_name, 'url', '/host',
            'username', (select username from public.guests where user_key = new.user_key)
          ),
          null::text;
    end loop;
  end if;
  return null;
end;
$$;
revoke all on function private.orders_queue_push() from public;
create trigger orders_queue_push after insert or update of status on public.orders
for each row execute function private.orders_queue_push();
