-- Fixed-window rate limits for the Edge Functions, kept in the database so they hold across function
-- instances (hosted Supabase runs many). One row per key (e.g. "register:203.0.113.7") and window.
create table private.rate_limits (
  key text not null check (char_length(key) <= 200),
  window_start timestamptz not null,
  hits integer not null default 1,
  primary key (key, window_start)
);
create index rate_limits_window_start_idx on private.rate_limits (window_start);
alter table private.rate_limits enable row level security;
revoke all on private.rate_limits from public, anon, authenticated;

-- Counts one hit atomically and returns the hits of this window so far (the caller compares with its limit).
-- Old windows are swept now and then by the callers themselves: no cron needed.
create function private.hit_rate_limit(p_key text, p_window_seconds integer)
returns table (hits integer, retry_after_seconds integer)
language plpgsql security definer
set search_path = ''
as $$
declare
  v_window_start timestamptz := to_timestamp(floor(extract(epoch from clock_timestamp()) / p_window_seconds) * p_window_seconds);
begin
  if random() < 0.01 then
    delete from private.rate_limits where window_start < clock_timestamp() - interval '1 hour';
  end if;
  return query
    insert into private.rate_limits as r (key, window_start) values (p_key, v_window_start)
    on conflict (key, window_start) do update set hits = r.hits + 1
    returning r.hits, greatest(1, ceil(extract(epoch from (v_window_start + make_interval(secs => p_window_seconds) - clock_timestamp())))::integer);
end;
$$;
revoke all on function private.hit_rate_limit(text, integer) from public, anon, authenticated;
grant execute on function private.hit_rate_limit(text, integer) to service_role;
