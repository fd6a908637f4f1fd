-- A guest orders with `insert into orders (drink_id[, note][, id])`: the orders trigger fills user_key from the
-- token. Saying so as the column's default too lets the generated types (and supabase-js) know the column is
-- not the client's to give.
alter table public.orders alter column user_key set default auth.uid();
