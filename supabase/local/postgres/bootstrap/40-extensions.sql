-- Extensions live in schema `extensions`, as on hosted Supabase, where PostgREST does not expose them (pgcrypto in
-- `public` made /rest/v1/rpc/dearmor answer 500). Databases made by older stacks have pgcrypto in `public`: it moves.
-- `extensions` is on the search path, so migrations that call pgcrypto's functions unqualified keep working.
create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;

do $$
begin
  if exists (select from pg_extension where extname = 'pgcrypto' and extnamespace <> 'extensions'::regnamespace) then
    alter extension pgcrypto set schema extensions;
  else
    create extension if not exists pgcrypto with schema extensions;
  end if;
  execute format('alter database %I set search_path to "$user", public, extensions', current_database());
end
$$;
