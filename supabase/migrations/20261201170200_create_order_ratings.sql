-- Guests rate a served drink with one tap (issue #15): liked it / not for me, changeable, only their own
-- served orders. The host's recap shows the favourites; the house bartender's taste model learns from them.
create table public.order_ratings (
  order_id uuid primary key references public.orders (id) on delete cascade,
  user_key uuid not null default (auth.uid()) references public.guests (user_key) on delete cascade,
  rating text not null constraint order_ratings_rating_known check (rating in ('liked', 'not_for_me')),
  rated_at timestamptz not null default now()
);
create index order_ratings_user_key_idx on public.order_ratings (user_key);
alter table public.order_ratings enable row level security;
revoke truncate, references, trigger on public.order_ratings from anon, authenticated;
revoke all on public.order_ratings from anon;

-- An active guest's own rating of their own served order (the orders policy lets them see exactly those).
create function private.can_rate(order_id uuid) returns boolean
language sql stable
set search_path = ''
as $$
  select (select private.is_active_guest()) and exists (
    select 1 from public.orders o where o.id = order_id and o.user_key = (select auth.uid()) and o.status = 'served'
  );
$$;
revoke all on function private.can_rate(uuid) from public;
grant execute on function private.can_rate(uuid) to authenticated;

create policy "active guests read their own ratings" on public.order_ratings for select to authenticated
  using (user_key = (select auth.uid()) and (select private.is_active_guest()));
create policy "hosts read all ratings" on public.order_ratings for select to authenticated
  using ((select public.is_host()));
create policy "guests rate their own served orders" on public.order_ratings for insert to authenticated
  with check (user_key = (select auth.uid()) and private.can_rate(order_id));
create policy "guests change their own ratings" on public.order_ratings for update to authenticated
  using (user_key = (select auth.uid()) and (select private.is_active_guest()))
  with check (user_key = (select auth.uid()) and private.can_rate(order_id));

create function private.order_ratings_touch() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.rated_at := now();
  return new;
end;
$$;
revoke all on function private.order_ratings_touch() from public;
create trigger order_ratings_touch before update on public.order_ratings
for each row execute function private.order_ratings_touch();
