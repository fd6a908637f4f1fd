-- Who may join which private order channel (Realtime checks these policies on join, CONTRACT §5):
-- a guest only `orders:<own user_key>`; hosts every `orders:*` and `admin:orders`. No client may broadcast
-- on them (there is no insert policy): only the database sends order events.
create policy "guests read their own order channel" on realtime.messages for select to authenticated
  using ((select realtime.topic()) = 'orders:' || (select auth.uid())::text);

create policy "hosts read every order channel" on realtime.messages for select to authenticated
  using (
    ((select realtime.topic()) like 'orders:%' or (select realtime.topic()) = 'admin:orders')
    and (select public.is_host())
  );
