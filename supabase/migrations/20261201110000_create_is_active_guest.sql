-- A deactivated guest loses every read, write and channel at once (CONTRACT §3, finding F5), not when their
-- 4-hour access token expires: every policy that lets a guest in also asks private.is_active_guest().
-- SECURITY DEFINER so a policy can look at the caller's guests row whatever that row's own RLS says; kept in
-- the unexposed `private` schema.
create function private.is_active_guest() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (select 1 from public.guests g where g.user_key = (select auth.uid()) and g.is_active);
$$;
revoke all on function private.is_active_guest() from public;
grant execute on function private.is_active_guest() to anon, authenticated, service_role;

-- The guest's own row.
drop policy "guests read their own row" on public.guests;
create policy "active guests read their own row" on public.guests for select to authenticated
  using (user_key = (select auth.uid()) and (select private.is_active_guest()));

-- Their orders: read, place, cancel.
drop policy "guests read their own orders" on public.orders;
drop policy "guests place their own orders" on public.orders;
drop policy "guests cancel their own orders" on public.orders;
create policy "active guests read their own orders" on public.orders for select to authenticated
  using (user_key = (select auth.uid()) and (select private.is_active_guest()));
create policy "active guests place their own orders" on public.orders for insert to authenticated
  with check (user_key = (select auth.uid()) and status = 'pending' and (select private.is_active_guest()));
create policy "active guests cancel their own orders" on public.orders for update to authenticated
  using (user_key = (select auth.uid()) and (select private.is_active_guest()))
  with check (user_key = (select auth.uid()) and status = 'cancelled' and (select private.is_active_guest()));

-- Their channels (Realtime asks these policies on join, and again when a token or the guest changes).
drop policy "guests read their own order channel" on realtime.messages;
create policy "active guests read their own order channel" on realtime.messages for select to authenticated
  using ((select realtime.topic()) = 'orders:' || (select auth.uid())::text and (select private.is_active_guest()));
drop policy "signed-in users read the bar settings channel" on realtime.messages;
create policy "active guests and hosts read the bar settings channel" on realtime.messages for select to authenticated
  using ((select realtime.topic()) = 'bar:settings' and ((select private.is_active_guest()) or (select public.is_host())));

-- Their push subscriptions (hosts keep theirs: a host is never deactivated).
drop policy "own subscriptions are visible" on public.push_subscriptions;
drop policy "own subscriptions can be removed" on public.push_subscriptions;
create policy "own subscriptions are visible" on public.push_subscriptions for select to authenticated
  using (user_key = (select auth.uid()) and ((select private.is_active_guest()) or (select public.is_host())));
create policy "own subscriptions can be removed" on public.push_subscriptions for delete to authenticated
  using (user_key = (select auth.uid()) and ((select private.is_active_guest()) or (select public.is_host())));
