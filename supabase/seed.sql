-- Runs once, on a fresh local database (npm start), after the migrations.
-- A German party menu: 27 real drinks in five sections, with recipes. Ingredients: [name, amount, optional?].
create function pg_temp.add_drink(
  section_name text, drink_name text, description text, glassware text, garnish text, minutes int,
  ingredients jsonb, steps jsonb
) returns void
language sql
as $$
  insert into public.drinks (section_id, name, description, recipe)
  select s.id, drink_name, description, jsonb_build_object(
    'ingredients', (
      select jsonb_agg(jsonb_build_object('name', item ->> 0, 'amount', item ->> 1, 'optional', coalesce((item ->> 2)::boolean, false)) order by position)
      from jsonb_array_elements(ingredients) with ordinality as entry(item, position)
    ),
    'steps', steps, 'garnish', garnish, 'glassware', glassware, 'prep_time_minutes', minutes
  )
  from public.sections s where s.name = section_name;
$$;

insert into public.sections (name, display_order) values
  ('Cocktails', 0), ('Longdrinks', 1), ('Spritz', 2), ('Alkoholfrei', 3), ('Shots', 4);

select pg_temp.add_drink('Cocktails', 'Mojito', 'Kubanischer Klassiker mit Rum, Limette und frischer Minze.', 'Highball', 'Minzzweig', 4,
  '[["Weißer Rum", "5 cl"], ["Limettensaft", "3 cl"], ["Rohrzucker", "2 TL"], ["Minze", "8 Blätter"], ["Sodawasser", "auffüllen"]]',
  '["Minze, Zucker und Limettensaft im Glas leicht andrücken", "Glas mit Crushed Ice füllen, Rum dazugeben", "Mit Sodawasser auffüllen und umrühren"]');
select pg_temp.add_drink('Cocktails', 'Caipirinha', 'Brasiliens Nationalcocktail: Cachaça, Limette, Rohrzucker.', 'Tumbler', null, 3,
  '[["Cachaça", "5 cl"], ["Limette", "½ Stück"], ["Rohrzucker", "2 TL"]]',
  '["Limette achteln und mit dem Zucker im Glas zerstoßen", "Glas mit Crushed Ice füllen", "Cachaça dazugeben und umrühren"]');
select pg_temp.add_drink('Cocktails', 'Margarita', 'Tequila, Orangenlikör und Limette – mit Salzrand, wenn du magst.', 'Cocktailschale', 'Limettenscheibe', 3,
  '[["Tequila", "5 cl"], ["Triple Sec", "2 cl"], ["Limettensaft", "2 cl"], ["Salz", "für den Rand", true]]',
  '["Glasrand mit Limette befeuchten und in Salz tupfen", "Tequila, Triple Sec und Limettensaft auf Eis shaken", "In das Glas abseihen"]');
select pg_temp.add_drink('Cocktails', 'Whiskey Sour', 'Bourbon, Zitrone und Zucker, cremig geschüttelt.', 'Tumbler', 'Orangenzeste', 4,
  '[["Bourbon", "5 cl"], ["Zitronensaft", "3 cl"], ["Zuckersirup", "2 cl"], ["Eiweiß", "1 Stück", true]]',
  '["Alle Zutaten ohne Eis kräftig shaken", "Eis dazugeben und nochmals shaken", "Auf frisches Eis abseihen"]');
select pg_temp.add_drink('Cocktails', 'Espresso Martini', 'Wodka, Kaffeelikör und frischer Espresso mit Crema.', 'Martiniglas', '3 Kaffeebohnen', 4,
  '[["Wodka", "4 cl"], ["Kaffeelikör", "2 cl"], ["Espresso", "3 cl"], ["Zuckersirup", "1 cl", true]]',
  '["Espresso frisch ziehen", "Alles mit viel Eis kräftig shaken", "Doppelt in ein gekühltes Glas abseihen"]');
select pg_temp.add_drink('Cocktails', 'Negroni', 'Bitter, süß, stark: Gin, Campari und roter Wermut zu gleichen Teilen.', 'Tumbler', 'Orangenzeste', 2,
  '[["Gin", "3 cl"], ["Campari", "3 cl"], ["Roter Wermut", "3 cl"]]',
  '["Alle Zutaten auf Eis kalt rühren", "Auf einen großen Eiswürfel abseihen", "Orangenzeste darüber ausdrücken"]');
select pg_temp.add_drink('Cocktails', 'Piña Colada', 'Rum, Kokos und Ananas – Urlaub im Glas.', 'Hurricane', 'Ananasstück', 4,
  '[["Weißer Rum", "5 cl"], ["Kokoscreme", "3 cl"], ["Ananassaft", "9 cl"], ["Sahne", "2 cl", true]]',
  '["Alle Zutaten mit Eis shaken oder kurz mixen", "Auf Crushed Ice abseihen"]');
select pg_temp.add_drink('Cocktails', 'Cosmopolitan', 'Zitronenwodka, Cranberry und Limette.', 'Martiniglas', 'Orangenzeste', 3,
  '[["Zitronenwodka", "4 cl"], ["Triple Sec", "1,5 cl"], ["Limettensaft", "1,5 cl"], ["Cranberrysaft", "3 cl"]]',
  '["Alle Zutaten auf Eis shaken", "In ein gekühltes Glas abseihen"]');
select pg_temp.add_drink('Cocktails', 'Old Fashioned', 'Bourbon, ein Hauch Zucker und Angostura.', 'Tumbler', 'Orangenzeste', 3,
  '[["Bourbon", "6 cl"], ["Zuckersirup", "1 cl"], ["Angostura", "2 Dashes"]]',
  '["Zuckersirup und Angostura ins Glas geben", "Bourbon und einen großen Eiswürfel dazu", "30 Sekunden kalt rühren"]');

select pg_temp.add_drink('Longdrinks', 'Gin Tonic', 'Der Klassiker – mit Gurke, wenn du magst.', 'Copa', 'Gurkenscheibe', 2,
  '[["Gin", "4 cl"], ["Tonic Water", "12 cl"], ["Gurke", "2 Scheiben", true]]',
  '["Glas mit Eis füllen", "Gin dazugeben", "Mit Tonic Water auffüllen und kurz umrühren"]');
select pg_temp.add_drink('Longdrinks', 'Moscow Mule', 'Wodka, Ginger Beer und Limette im Kupferbecher.', 'Kupferbecher', 'Limettenscheibe', 2,
  '[["Wodka", "5 cl"], ["Limettensaft", "1,5 cl"], ["Ginger Beer", "12 cl"]]',
  '["Becher mit Eis füllen", "Wodka und Limettensaft dazugeben", "Mit Ginger Beer auffüllen"]');
select pg_temp.add_drink('Longdrinks', 'Cuba Libre', 'Brauner Rum, Cola und ein Spritzer Limette.', 'Highball', 'Limettenspalte', 1,
  '[["Brauner Rum", "5 cl"], ["Cola", "12 cl"], ["Limettensaft", "1 cl"]]',
  '["Glas mit Eis füllen", "Rum und Limettensaft dazugeben", "Mit Cola auffüllen"]');
select pg_temp.add_drink('Longdrinks', 'Dark ''n'' Stormy', 'Dunkler Rum über würzigem Ginger Beer.', 'Highball', 'Limettenspalte', 2,
  '[["Dunkler Rum", "6 cl"], ["Ginger Beer", "10 cl"], ["Limettensaft", "1 cl", true]]',
  '["Glas mit Eis und Ginger Beer füllen", "Rum vorsichtig obenauf gießen"]');
select pg_temp.add_drink('Longdrinks', 'Paloma', 'Mexikos Lieblingsdrink: Tequila und Grapefruit.', 'Highball', 'Grapefruitspalte', 2,
  '[["Tequila", "5 cl"], ["Limettensaft", "1 cl"], ["Grapefruitlimonade", "12 cl"], ["Salz", "1 Prise", true]]',
  '["Glas mit Eis füllen", "Tequila und Limettensaft dazugeben", "Mit Grapefruitlimonade auffüllen"]');
select pg_temp.add_drink('Longdrinks', 'Tequila Sunrise', 'Tequila und Orangensaft mit Grenadine-Sonnenaufgang.', 'Highball', 'Orangenscheibe', 2,
  '[["Tequila", "5 cl"], ["Orangensaft", "10 cl"], ["Grenadine", "1,5 cl"]]',
  '["Tequila und Orangensaft auf Eis geben", "Grenadine langsam hineinlaufen lassen, nicht rühren"]');

select pg_temp.add_drink('Spritz', 'Aperol Spritz', 'Aperol, Prosecco und ein Schuss Soda.', 'Weinglas', 'Orangenscheibe', 2,
  '[["Aperol", "6 cl"], ["Prosecco", "9 cl"], ["Sodawasser", "3 cl"]]',
  '["Weinglas mit Eis füllen", "Prosecco, dann Aperol dazugeben", "Mit Soda toppen"]');
select pg_temp.add_drink('Spritz', 'Hugo', 'Holunderblüte, Prosecco, Minze und Limette.', 'Weinglas', 'Minzzweig', 2,
  '[["Holunderblütensirup", "2 cl"], ["Prosecco", "10 cl"], ["Sodawasser", "4 cl"], ["Minze", "4 Blätter"], ["Limette", "2 Scheiben"]]',
  '["Minze leicht andrücken und ins Glas geben", "Eis, Sirup und Prosecco dazugeben", "Mit Soda auffüllen"]');
select pg_temp.add_drink('Spritz', 'Lillet Wild Berry', 'Lillet Blanc mit Wild Berry und frischen Beeren.', 'Weinglas', 'Beeren', 2,
  '[["Lillet Blanc", "5 cl"], ["Wild Berry", "10 cl"], ["Beeren", "1 Handvoll", true]]',
  '["Weinglas mit Eis füllen", "Lillet und Wild Berry dazugeben", "Mit Beeren garnieren"]');
select pg_temp.add_drink('Spritz', 'Limoncello Spritz', 'Zitronig-frisch: Limoncello mit Prosecco.', 'Weinglas', 'Zitronenscheibe', 2,
  '[["Limoncello", "4 cl"], ["Prosecco", "8 cl"], ["Sodawasser", "4 cl"]]',
  '["Weinglas mit Eis füllen", "Limoncello und Prosecco dazugeben", "Mit Soda toppen"]');

select pg_temp.add_drink('Alkoholfrei', 'Virgin Mojito', 'Der Mojito ohne Rum – Limette, Minze, Soda.', 'Highball', 'Minzzweig', 3,
  '[["Limettensaft", "3 cl"], ["Rohrzucker", "2 TL"], ["Minze", "8 Blätter"], ["Sodawasser", "auffüllen"]]',
  '["Minze, Zucker und Limettensaft im Glas andrücken", "Mit Crushed Ice füllen", "Mit Sodawasser auffüllen"]');
select pg_temp.add_drink('Alkoholfrei', 'Virgin Colada', 'Kokos und Ananas, cremig und ohne Alkohol.', 'Hurricane', 'Ananasstück', 3,
  '[["Kokoscreme", "4 cl"], ["Ananassaft", "12 cl"], ["Sahne", "2 cl", true]]',
  '["Alle Zutaten mit Eis shaken", "Auf Crushed Ice abseihen"]');
select pg_temp.add_drink('Alkoholfrei', 'Shirley Temple', 'Ginger Ale mit Grenadine und Kirsche.', 'Highball', 'Maraschinokirsche', 1,
  '[["Ginger Ale", "15 cl"], ["Grenadine", "2 cl"]]',
  '["Glas mit Eis füllen", "Ginger Ale eingießen", "Grenadine dazugeben"]');
select pg_temp.add_drink('Alkoholfrei', 'Ipanema', 'Die alkoholfreie Caipirinha mit Ginger Ale und Maracuja.', 'Tumbler', 'Limettenspalte', 3,
  '[["Limette", "½ Stück"], ["Rohrzucker", "2 TL"], ["Maracujasaft", "2 cl"], ["Ginger Ale", "15 cl"]]',
  '["Limette achteln und mit Zucker zerstoßen", "Crushed Ice und Maracujasaft dazugeben", "Mit Ginger Ale auffüllen"]');
select pg_temp.add_drink('Alkoholfrei', 'Hugo alkoholfrei', 'Holunderblüte, Minze und Limette mit Soda.', 'Weinglas', 'Minzzweig', 2,
  '[["Holunderblütensirup", "3 cl"], ["Sodawasser", "15 cl"], ["Minze", "4 Blätter"], ["Limette", "2 Scheiben"]]',
  '["Minze leicht andrücken", "Eis, Sirup und Limette ins Glas geben", "Mit Soda auffüllen"]');
select pg_temp.add_drink('Alkoholfrei', 'Hausgemachte Zitronenlimonade', 'Zitrone, Zucker und Sprudel – frisch gemacht.', 'Highball', 'Zitronenscheibe', 2,
  '[["Zitronensaft", "4 cl"], ["Zuckersirup", "2 cl"], ["Sodawasser", "15 cl"], ["Minze", "2 Blätter", true]]',
  '["Zitronensaft und Sirup ins Glas geben", "Mit Eis und Soda auffüllen, umrühren"]');

select pg_temp.add_drink('Shots', 'B-52', 'Drei Schichten: Kaffeelikör, Irish Cream, Orangenlikör.', 'Shotglas', null, 2,
  '[["Kaffeelikör", "2 cl"], ["Irish Cream", "2 cl"], ["Grand Marnier", "2 cl"]]',
  '["Kaffeelikör ins Glas geben", "Irish Cream über einen Löffelrücken schichten", "Grand Marnier ebenso obenauf schichten"]');
select pg_temp.add_drink('Shots', 'Tequila mit Salz und Zitrone', 'Der Partyklassiker.', 'Shotglas', 'Zitronenspalte', 1,
  '[["Tequila", "2 cl"], ["Salz", "1 Prise"], ["Zitrone", "1 Spalte"]]',
  '["Tequila einschenken", "Mit Salz und Zitronenspalte servieren"]');
