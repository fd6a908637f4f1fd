-- One section per name ("Cocktails" twice confused guests and hosts alike), ignoring case and outer spaces.
-- Databases that already have duplicates keep them apart by a number first, so this migration always applies.
update public.sections s
   set name = left(btrim(s.name), 55) || ' (' || d.position || ')'
  from (
    select id, row_number() over (partition by lower(btrim(name)) order by display_order) as position
      from public.sections
  ) d
 where d.id = s.id and d.position > 1;

create unique index sections_name_unique on public.sections (lower(btrim(name)));
