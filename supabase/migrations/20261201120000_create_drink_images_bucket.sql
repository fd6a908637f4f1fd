-- Drink photos (CONTRACT §6): bucket `drink-images`, public read through /storage/v1/object/public/drink-images/…,
-- written only by hosts. Works unchanged on hosted Supabase: a row in storage.buckets and policies on
-- storage.objects, nothing created or altered in the platform's schema.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('drink-images', 'drink-images', true, 5 * 1024 * 1024, array['image/webp', 'image/jpeg', 'image/png', 'image/avif'])
on conflict (id) do update
  set public = excluded.public, file_size_limit = excluded.file_size_limit, allowed_mime_types = excluded.allowed_mime_types;

-- Public URLs need no policy (the bucket is public). Hosts need SELECT too: upsert, remove, move and list read the
-- rows they change. Guests and anon get no policy at all, so they cannot write, remove or list.
create policy "hosts read drink image rows" on storage.objects for select to authenticated
  using (bucket_id = 'drink-images' and (select public.is_host()));
create policy "hosts upload drink images" on storage.objects for insert to authenticated
  with check (bucket_id = 'drink-images' and (select public.is_host()));
create policy "hosts replace drink images" on storage.objects for update to authenticated
  using (bucket_id = 'drink-images' and (select public.is_host()))
  with check (bucket_id = 'drink-images' and (select public.is_host()));
create policy "hosts remove drink images" on storage.objects for delete to authenticated
  using (bucket_id = 'drink-images' and (select public.is_host()));
