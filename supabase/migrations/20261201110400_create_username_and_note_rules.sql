-- What a name or a note may hide (finding F11). Names and notes are shown to hosts, on the TV board and to the
-- bartender; characters that render as nothing or turn text around must not reach them. The register function
-- applies the full username rule (supabase/functions/_shared/validate.ts, with Unicode properties); these are
-- the database's own checks for every writer (a host renaming a guest, an order through the API), written with
-- explicit code point ranges because PostgreSQL's regex classes follow the database locale.

-- Unicode Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 16): soft hyphen, combining grapheme
-- joiner, Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), zero-width and bidi controls, variation selectors, tags.
create function private.has_invisible_characters(value text) returns boolean
language sql immutable strict
set search_path = ''
as $$
  select value ~ '[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]';
$$;

-- The common combining-mark blocks (the ones "Zalgo" text piles up).
create function private.strip_combining_marks(value text) returns text
language sql immutable strict
set search_path = ''
as $$
  select regexp_replace(value, '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g');
$$;

-- A guest's name: 2–50 characters, trimmed, no control or invisible characters, at most 4 combining marks on one
-- letter, and at least 2 characters that are neither spaces, the allowed punctuation (- _ . ' ’) nor marks.
create function private.is_valid_username(name text) returns boolean
language sql immutable strict
set search_path = ''
as $$
  select char_length(name) between 2 and 50
    and name = btrim(name)
    and name !~ '[\u0001-\u001f\u007f-\u009f]'
    and not private.has_invisible_characters(name)
    and name !~ '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]{5}'
    and char_length(regexp_replace(private.strip_combining_marks(name), '[[:space:]_.''\u2019-]', '', 'g')) >= 2;
$$;

-- An order note is one line of plain text: no control characters (line breaks and tabs included), no format
-- characters (Unicode Cf: bidi overrides and isolates, zero-width space, BOM, tags), no line or paragraph
-- separators. The one exception is U+200D ZERO WIDTH JOINER, which phone keyboards put inside emoji such as
-- 👩‍🍳 or 🤷‍♀️; it neither hides text nor changes its direction.
create function private.not_plain_line_pattern() returns text
language sql immutable
set search_path = ''
as $$
  select '[\u0001-\u001f\u007f-\u009f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200c\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]'::text;
$$;

create function private.is_plain_line(value text) returns boolean
language sql immutable strict
set search_path = ''
as $$
  select value !~ private.not_plain_line_pattern();
$$;

revoke all on function private.has_invisible_characters(text), private.strip_combining_marks(text),
  private.is_valid_username(text), private.not_plain_line_pattern(), private.is_plain_line(text) from public;
grant execute on function private.has_invisible_characters(text), private.strip_combining_marks(text),
  private.is_valid_username(text), private.not_plain_line_pattern(), private.is_plain_line(text) to anon, authenticated, service_role;

-- Names: the new rule for every name written from now on. Names already stored are left as they are (there is no
-- safe automatic rename); a host can rename a guest whose name shows as blank.
alter table public.guests drop constraint guests_username_check;
alter table public.guests add constraint guests_username_is_valid check (private.is_valid_username(username)) not valid;

-- Notes: the few stored ones with such characters get them replaced by a space (orders are otherwise immutable, so
-- the status trigger steps aside for this one statement), then the rule holds for every row.
alter table public.orders disable trigger orders_before_update;
update public.orders
   set note = nullif(btrim(regexp_replace(note, private.not_plain_line_pattern() || '+', ' ', 'g')), '')
 where not private.is_plain_line(note);
alter table public.orders enable trigger orders_before_update;
alter table public.orders add constraint orders_note_is_one_plain_line check (private.is_plain_line(note));

-- Through the API a refused note gets a clear message and a stable reason (details = 'invalid_note') instead of
-- the constraint's name. Runs after orders_before_insert (triggers fire in name order), which trims the note.
create function private.orders_refuse_unplain_note() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if not private.is_plain_line(new.note) then
    raise exception 'A note is one line of plain text: no line breaks, control or invisible formatting characters'
      using detail = 'invalid_note';
  end if;
  return new;
end;
$$;
revoke all on function private.orders_refuse_unplain_note() from public;
create trigger orders_note_is_plain before insert on public.orders
for each row execute function private.orders_refuse_unplain_note();
