// Golden answers of the house bartender on the seed menu (supabase/seed.sql), German and English.
import assert from 'node:assert/strict';
import { houseBartender, type HouseInput } from './house.ts';
import { profileOf } from './profile.ts';
import { rankDrinks, type DrinkRatings } from './recommend.ts';
import { seedMenu } from './testing/seed-menu.ts';
import type { Locale, MenuDrink } from './types.ts';

const menu = await seedMenu();
const byId = new Map(menu.map((item) => [item.id, item]));
const ask = (content: string, locale: Locale, extra: Partial<HouseInput> = {}) =>
  houseBartender({ messages: [{ role: 'user', content }], locale, drinks: menu, ...extra });
const cards = (answer: ReturnType<typeof ask>): MenuDrink[] => answer.drinks.map((card) => byId.get(card.id)!);
const names = (answer: ReturnType<typeof ask>) => answer.drinks.map((card) => card.name);

Deno.test('golden recommendations, English and German', () => {
  const golden: Array<[string, Locale, string]> = [
    ['Something fresh with gin', 'en', 'Gin Tonic'],
    ['Etwas Frisches mit Gin', 'de', 'Gin Tonic'],
    ['alkoholfrei und fruchtig', 'de', 'Ipanema'],
    ['something creamy without alcohol', 'en', 'Virgin Colada'],
    ['Kaffee!', 'de', 'B-52'],
    ['I want something with coffee and vodka', 'en', 'Espresso Martini'],
    ['bitter', 'en', 'Aperol Spritz'],
    ['Was Kräftiges mit Whiskey', 'de', 'Old Fashioned'],
    ['something with ginger', 'en', "Dark 'n' Stormy"],
    ['coconut please', 'en', 'Piña Colada'],
    ['Etwas mit Tequila und Grapefruit', 'de', 'Paloma'],
  ];
  for (const [question, locale, expected] of golden) assert.equal(names(ask(question, locale))[0], expected, question);
});

Deno.test('gin is not ginger: a gin wish gets only gin drinks, a ginger wish never a gin drink for its ginger', () => {
  for (const [question, locale] of [
    ['something with gin', 'en'],
    ['Was mit Gin?', 'de'],
  ] as const) {
    const answer = ask(question, locale);
    assert.ok(answer.drinks.length > 0);
    for (const item of cards(answer)) assert.ok(profileOf(item).spirits.has('gin'), `${question}: ${item.name}`);
  }
  for (const [question, locale] of [
    ['something with ginger', 'en'],
    ['Etwas mit Ginger Beer', 'de'],
    ['mit Ingwer', 'de'],
  ] as const) {
    for (const item of cards(ask(question, locale))) {
      assert.ok(profileOf(item).concepts.has('ginger'), `${question}: ${item.name}`);
      assert.ok(!profileOf(item).spirits.has('gin'), `${question}: ${item.name}`);
    }
  }
});

Deno.test('alcohol-free never recommends alcohol, whatever else is asked', () => {
  const questions: Array<[string, Locale]> = [
    ['alkoholfrei', 'de'],
    ['Ohne Alkohol, aber mit Rum-Geschmack', 'de'],
    ['something strong but alcohol-free', 'en'],
    ['virgin, with gin', 'en'],
    ['I am driving, something bitter', 'en'],
    ['Ich muss noch fahren – was Süßes?', 'de'],
    ['non-alcoholic and creamy', 'en'],
    ['mocktail with coffee', 'en'],
  ];
  for (const [question, locale] of questions) {
    for (const item of cards(ask(question, locale))) assert.ok(profileOf(item).alcoholFree, `${question}: ${item.name}`);
  }
  const taste = { likes: ['gin', 'strong'], dislikes: [], alcohol_free: true };
  for (const question of ['Surprise me', 'Something with gin', 'Overrasch mich', 'Was Starkes']) {
    const answer = ask(question, 'en', { taste });
    assert.ok(answer.drinks.length > 0, question);
    for (const item of cards(answer)) assert.ok(profileOf(item).alcoholFree, `${question} (taste alcohol-free): ${item.name}`);
  }
  const noneLeft = houseBartender({
    messages: [{ role: 'user', content: 'alkoholfrei bitte' }],
    locale: 'de',
    drinks: menu.filter((item) => !profileOf(item).alcoholFree),
  });
  assert.deepEqual(noneLeft.drinks, []);
  assert.match(noneLeft.reply, /nichts Alkoholfreies/);
});

Deno.test('refused ingredients and flavours are honoured', () => {
  for (const item of cards(ask('something sour, but no gin and no rum', 'en'))) {
    assert.ok(!profileOf(item).spirits.has('gin') && !profileOf(item).spirits.has('rum'), item.name);
  }
  const top = cards(ask('fruchtig, aber nicht zu süß', 'de'))[0];
  assert.ok(profileOf(top).flavours.has('fruity'));
});

Deno.test('replies come in the guest’s language, short, and never claim an order was placed', () => {
  const en = ask('Something fresh with gin', 'en');
  const de = ask('Something fresh with gin', 'de');
  assert.match(en.reply, /My pick: Gin Tonic/);
  assert.match(de.reply, /Mein Tipp: Gin Tonic/);
  for (const answer of [en, de, ask('Ich nehme einen Mojito', 'de'), ask('order a Negroni', 'en')]) {
    assert.ok(answer.reply.length < 400, answer.reply);
    assert.doesNotMatch(answer.reply, /\b(ordered|placed|bestellt|aufgegeben)\b/i, answer.reply);
  }
});

Deno.test('intents: tell me about, order with a note, order what was just suggested, where is my drink', () => {
  const about = ask('Tell me about the Negroni', 'en');
  assert.equal(about.order_proposal, null);
  assert.deepEqual(names(about), ['Negroni']);
  assert.match(about.reply, /Campari \(3 cl\)/);
  assert.match(ask('Was ist in einem Virgin Mojito?', 'de').reply, /Ganz ohne Alkohol/);

  const order = ask('Ich nehme einen Mojito ohne Eis', 'de');
  assert.deepEqual(order.order_proposal, { drink_id: menu.find((item) => item.name === 'Mojito')!.id, drink_name: 'Mojito', note: 'ohne Eis' });
  assert.equal(ask('One Virgin Mojito please, I will order it', 'en').order_proposal?.drink_name, 'Virgin Mojito', 'the longest name wins');
  assert.equal(ask('I\u2019ll take a Hugo', 'en').order_proposal?.drink_name, 'Hugo', 'a phone’s typographic apostrophe');
  assert.equal(
    ask('I don\u2019t like gin, something sour', 'en').drinks.some((card) => card.name === 'Gin Tonic'),
    false,
  );

  const suggestion = ask('Something fresh with gin', 'en');
  const followUp = houseBartender({
    messages: [
      { role: 'user', content: 'Something fresh with gin' },
      { role: 'assistant', content: suggestion.reply },
      { role: 'user', content: 'Yes please, I’ll take it' },
    ],
    locale: 'en',
    drinks: menu,
  });
  assert.equal(followUp.order_proposal?.drink_name, 'Gin Tonic');

  const where = ask('Where is my drink?', 'en', {
    openOrders: [
      { drink_name: 'Mojito', status: 'preparing' },
      { drink_name: 'Hugo', status: 'ready' },
    ],
  });
  assert.equal(where.reply, 'Your Mojito is being made right now. Your Hugo is ready – come and get it!');
  assert.match(ask('Wo bleibt mein Drink?', 'de', { openOrders: [] }).reply, /nichts für dich in Arbeit/);
});

Deno.test('taste: likes and orders steer the pick, "I like …" is remembered', () => {
  const remembered = ask('Ich mag Gin und nichts Süßes', 'de');
  assert.deepEqual(remembered.remember, { likes: ['gin'], dislikes: ['sweet'], alcohol_free: false });
  assert.ok(profileOf(cards(remembered)[0]).spirits.has('gin'));
  const tequilaFan = ask('Surprise me', 'en', { ordered: menu.filter((item) => item.name.startsWith('Tequila')).map((item) => item.id) });
  assert.ok(profileOf(cards(tequilaFan)[0]).spirits.has('tequila'), names(tequilaFan).join());
  assert.equal(ask('Surprise me', 'en').remember, null);
});

Deno.test('the same question gets the same answer, in milliseconds', () => {
  assert.deepEqual(ask('something sweet', 'en'), ask('something sweet', 'en'));
});

Deno.test('ratings teach the taste model: "liked it" lifts similar drinks, "not for me" lowers them', () => {
  const rum = menu.filter((item) => profileOf(item).spirits.has('rum'));
  assert.ok(rum.length >= 2);
  const [rated, similar] = rum;
  const scores = (ratings?: DrinkRatings) => new Map(rankDrinks({ drinks: menu, ratings }).map((pick) => [pick.drink.id, pick.score]));
  const plain = scores();
  const liked = scores({ liked: [rated.id], notForMe: [] });
  const disliked = scores({ liked: [], notForMe: [rated.id] });
  // The rated drink and another rum drink score higher after "liked it", lower after "not for me".
  for (const drink of [rated, similar]) {
    assert.ok(liked.get(drink.id)! > plain.get(drink.id)!, drink.name);
    assert.ok(disliked.get(drink.id)! < plain.get(drink.id)!, drink.name);
  }
  // And the house bartender's surprise follows the liked kind.
  const answer = ask('Surprise me', 'en', { ratings: { liked: [rated.id], notForMe: [] } });
  assert.ok(profileOf(cards(answer)[0]).spirits.has('rum'), names(answer).join());
});
