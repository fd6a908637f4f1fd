-- What the host's invite-codes page lists: every code with its status and use count. security_invoker,
-- so the RLS of registration_codes applies (hosts only).
create view public.registration_code_statuses with (security_invoker = true) as
select
  c.code,
  c.created_by,
  c.created_at,
  c.expires_at,
  c.max_uses,
  c.use_count,
  c.notes,
  c.revoked_at,
  case
    when c.revoked_at is not null then 'revoked'
    when c.use_count >= c.max_uses then 'used_up'
    when c.expires_at <= now() then 'expired'
    else 'active'
  end as status
from public.registration_codes c;

revoke all on public.registration_code_statuses from anon;
revoke insert, update, delete on public.registration_code_statuses from authenticated;
grant select on public.registration_code_statuses to authenticated, service_role;
