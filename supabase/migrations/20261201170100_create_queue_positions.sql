-- Queue position and estimate (issue #15): for each pending or preparing order, how many drinks are ahead of
-- it and about how many minutes until it is ready, computed here because a guest cannot read other guests'
-- orders. Pushed as QUEUE_POSITIONS {positions: [{order_id, ahead, minutes}]} on the guest's own channel
-- `orders:<user_key>`, carrying only that guest's orders (CONTRACT §5's events stay as they are).

-- The queue as the host works it: what is being made first, then what waits, oldest first (the host's lanes,
-- src/lib/host/queue.ts). `minutes` adds up the preparation times of everything ahead and the order itself
-- (recipe.prep_time_minutes, 3 when the recipe says nothing), at least 1. One window pass over open orders.
create function private.queue_positions()
returns table (order_id uuid, user_key uuid, ahead integer, minutes integer)
language sql stable
set search_path = ''
as $$
  select q.id, q.user_key, (row_number() over w - 1)::integer,
         greatest(1, ceil(sum(q.prep) over w))::integer
    from (
      select o.id, o.user_key, o.status, o.created_at,
             coalesce((d.recipe ->> 'prep_time_minutes')::numeric, 3) as prep
        from public.orders o
        join public.drinks d on d.id = o.drink_id
       where o.status in ('pending', 'preparing')
    ) as q
  window w as (order by q.status = 'preparing' desc, q.created_at, q.id rows between unbounded preceding and current row);
$$;
revoke all on function private.queue_positions() from public;

-- The caller's own positions only; definer because counting the orders ahead reads other guests' orders.
create function private.own_queue_positions()
returns table (order_id uuid, ahead integer, minutes integer)
language sql stable security definer
set search_path = ''
as $$
  select q.order_id, q.ahead, q.minutes
    from private.queue_positions() as q
   where q.user_key = (select auth.uid()) and (select private.is_active_guest())
   order by q.ahead;
$$;
revoke all on function private.own_queue_positions() from public;
grant execute on function private.own_queue_positions() to authenticated;

-- What a guest's screen re-reads on every (re)join: `rpc('queue_positions')`.
create function public.queue_positions()
returns table (order_id uuid, ahead integer, minutes integer)
language sql stable
set search_path = ''
as $$
  select * from private.own_queue_positions();
$$;
revoke all on function public.queue_positions() from public, anon;
grant execute on function public.queue_positions() to authenticated;

-- After each statement that changes the queue, one pass computes every position and each affected guest gets
-- one message with their own. A new order joins the end of the queue, so it moves only the orders created
-- after it (normally none but its own); a status change can move everyone behind it, so all open orders'
-- guests hear. Guests whose order just left the queue hear too (an empty or shorter list).
create function private.orders_queue_broadcast() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  since timestamptz := case when tg_op = 'INSERT' then (select min(c.created_at) from changed c) end;
begin
  perform realtime.send(jsonb_build_object('positions', p.positions), 'QUEUE_POSITIONS', 'orders:' || p.user_key::text, true)
    from (
      with q as materialized (select * from private.queue_positions()),
      affected as (
        select c.user_key from changed c
        union
        select o.user_key from public.orders o
         where o.status in ('pending', 'preparing') and (since is null or o.created_at >= since)
      )
      select a.user_key,
             coalesce(jsonb_agg(jsonb_build_object('order_id', q.order_id, 'ahead', q.ahead, 'minutes', q.minutes)
                                order by q.ahead) filter (where q.order_id is not null), '[]'::jsonb) as positions
        from affected a
        left join q on q.user_key = a.user_key
       group by a.user_key
    ) as p;
  return null;
end;
$$;
revoke all on function private.orders_queue_broadcast() from public;
create trigger orders_queue_broadcast_insert after insert on public.orders
referencing new table as changed
for each statement execute function private.orders_queue_broadcast();
create trigger orders_queue_broadcast_update after update on public.orders
referencing new table as changed
for each statement execute function private.orders_queue_broadcast();
