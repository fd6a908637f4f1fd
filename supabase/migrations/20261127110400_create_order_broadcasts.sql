-- Live order events (CONTRACT §5), sent by the database after commit through private Broadcast channels:
--   orders:<user_key>  ORDER_STATUS_CHANGED {order_id, drink_name, status, previous_status, updated_at}
--   admin:orders       NEW_ORDER {order_id, user_key, username, drink_name, note, status, created_at}
--                      ORDER_STATUS_CHANGED (as above plus user_key, username)
-- SECURITY DEFINER to write realtime.messages (no client may); kept in `private`, not callable through the API.
create function private.orders_broadcast() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  guest_name text := (select username from public.guests where user_key = new.user_key);
  change jsonb;
begin
  if tg_op = 'INSERT' then
    perform realtime.send(
      jsonb_build_object(
        'order_id', new.id, 'user_key', new.user_key, 'username', guest_name, 'drink_name', new.drink_name,
        'note', new.note, 'status', new.status, 'created_at', new.created_at
      ),
      'NEW_ORDER', 'admin:orders', true
    );
  elsif new.status is distinct from old.status then
    change := jsonb_build_object(
      'order_id', new.id, 'drink_name', new.drink_name, 'status', new.status,
      'previous_status', old.status, 'updated_at', new.updated_at
    );
    perform realtime.send(change, 'ORDER_STATUS_CHANGED', 'orders:' || new.user_key::text, true);
    perform realtime.send(
      change || jsonb_build_object('user_key', new.user_key, 'username', guest_name),
      'ORDER_STATUS_CHANGED', 'admin:orders', true
    );
  end if;
  return null;
end;
$$;
revoke all on function private.orders_broadcast() from public;
create trigger orders_broadcast after insert or update on public.orders
for each row execute function private.orders_broadcast();
