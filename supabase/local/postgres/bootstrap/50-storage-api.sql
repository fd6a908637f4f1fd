-- Schema `storage` in the shapes Supabase Storage uses (supabase/storage migrations/tenant): buckets and objects
-- under RLS, the path helpers policies use, storage.search() for list, and the guard against direct deletes.
-- Applied once per database after 30-storage.sql (the first, smaller version of this schema), so it is written to
-- bring either that or an empty schema to Supabase's shapes.
create schema if not exists storage;
grant usage on schema storage to anon, authenticated, service_role;

create table if not exists storage.buckets (
  id text primary key,
  name text not null,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);
alter table storage.buckets
  add column if not exists public boolean default false,
  add column if not exists avif_autodetection boolean default false,
  add column if not exists file_size_limit bigint,
  add column if not exists allowed_mime_types text[],
  add column if not exists owner_id text;
create unique index if not exists bname on storage.buckets (name);

create table if not exists storage.objects (
  id uuid primary key default gen_random_uuid(),
  bucket_id text references storage.buckets (id),
  name text,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb
);
alter table storage.objects
  add column if not exists path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  add column if not exists version text,
  add column if not exists owner_id text,
  add column if not exists user_metadata jsonb;
create unique index if not exists bucketid_objname on storage.objects (bucket_id, name);
create index if not exists name_prefix_search on storage.objects (name text_pattern_ops);
-- Older versions of this file made an unnamed unique constraint besides the index above.
alter table storage.objects drop constraint if exists objects_bucket_id_name_key;

alter table storage.objects enable row level security;
alter table storage.buckets enable row level security;
grant all on storage.objects, storage.buckets to anon, authenticated, service_role;

create or replace function storage.foldername(name text) returns text[]
language plpgsql immutable
as $$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[1:array_length(_parts, 1) - 1];
end
$$;

create or replace function storage.filename(name text) returns text
language plpgsql immutable
as $$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[array_length(_parts, 1)];
end
$$;

create or replace function storage.extension(name text) returns text
language plpgsql immutable
as $$
declare
  _parts text[];
  _filename text;
begin
  select string_to_array(name, '/') into _parts;
  select _parts[array_length(_parts, 1)] into _filename;
  return reverse(split_part(reverse(_filename), '.', 1));
end
$$;

-- The operation the Storage API is performing (`storage.operation` is set per request), for operation-aware policies.
create or replace function storage.operation() returns text
language sql stable
as $$ select current_setting('storage.operation', true) $$;

create or replace function storage.update_updated_at_column() returns trigger
language plpgsql
as $$
begin
  new.updated_at = now();
  return new;
end
$$;
drop trigger if exists update_objects_updated_at on storage.objects;
create trigger update_objects_updated_at before update on storage.objects
for each row execute function storage.update_updated_at_column();

-- As on hosted Supabase: rows leave storage.objects through the Storage API only, which deletes the file too
-- (it sets storage.allow_delete_query); a plain SQL delete would orphan files.
create or replace function storage.protect_delete() returns trigger
language plpgsql
as $$
begin
  if coalesce(current_setting('storage.allow_delete_query', true), 'false') <> 'true' then
    raise exception 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
      using hint = 'This prevents accidental data loss from orphaned objects.', errcode = '42501';
  end if;
  return null;
end
$$;
drop trigger if exists protect_buckets_delete on storage.buckets;
create trigger protect_buckets_delete before delete on storage.buckets
for each statement execute function storage.protect_delete();
drop trigger if exists protect_objects_delete on storage.objects;
create trigger protect_objects_delete before delete on storage.objects
for each statement execute function storage.protect_delete();

-- What `list` answers: the entries one level below `prefix` (folders as rows with a null id, then files), filtered
-- by a case-insensitive `search` on the start of the entry's name. SECURITY INVOKER: RLS on objects decides.
-- Same signature as Supabase's storage.search; `levels` is accepted and, as there, derived from prefix instead.
create or replace function storage.search(
  prefix text, bucketname text, limits int default 100, levels int default 1, offsets int default 0,
  search text default '', sortcolumn text default 'name', sortorder text default 'asc'
) returns table (name text, id uuid, updated_at timestamptz, created_at timestamptz, last_accessed_at timestamptz, metadata jsonb)
language plpgsql stable
as $$
declare
  -- A prefix names a folder: `drinks/abc` and `drinks/abc/` list the same entries.
  _prefix text := case when coalesce(prefix, '') = '' or right(prefix, 1) = '/' then coalesce(prefix, '') else prefix || '/' end;
  _depth int := length(_prefix) - length(replace(_prefix, '/', '')) + 1;
  _column text := case lower(coalesce(sortcolumn, 'name')) when 'updated_at' then 'updated_at' when 'created_at' then 'created_at'
                    when 'last_accessed_at' then 'last_accessed_at' else 'name' end;
  _order text := case when lower(coalesce(sortorder, 'asc')) = 'desc' then 'desc' else 'asc' end;
begin
  return query execute format($sql$
    with entries as (
      select o.path_tokens[$1] as entry, array_length(o.path_tokens, 1) = $1 as is_file, o.*
        from storage.objects o
       where o.bucket_id = $2 and left(o.name, length($3)) = $3 and array_length(o.path_tokens, 1) >= $1
    ), filtered as (
      select * from entries
       where $4 = '' or lower(entry) like replace(replace(replace(lower($4), '\', '\\'), '%%', '\%%'), '_', '\_') || '%%'
    ), listed as (
      (select distinct on (entry) entry, null::uuid as id, null::timestamptz as updated_at, null::timestamptz as created_at,
              null::timestamptz as last_accessed_at, null::jsonb as metadata, 0 as kind
         from filtered where not is_file order by entry)
      union all
      (select entry, f.id, f.updated_at, f.created_at, f.last_accessed_at, f.metadata, 1 from filtered f where is_file)
    )
    select entry, id, updated_at, created_at, last_accessed_at, metadata from listed
     order by kind, %1$s %2$s nulls last, entry collate "C" %2$s
     limit $5 offset $6 $sql$, case when _column = 'name' then 'entry collate "C"' else quote_ident(_column) end, _order)
  using _depth, bucketname, _prefix, coalesce(search, ''), least(greatest(coalesce(limits, 100), 0), 1000), greatest(coalesce(offsets, 0), 0);
end
$$;

grant execute on function storage.foldername(text), storage.filename(text), storage.extension(text), storage.operation(),
  storage.search(text, text, int, int, int, text, text, text) to anon, authenticated, service_role;
