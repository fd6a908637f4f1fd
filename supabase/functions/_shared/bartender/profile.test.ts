import assert from 'node:assert/strict';
import { centilitres, profileOf } from './profile.ts';
import { seedMenu } from './testing/seed-menu.ts';
import { readWish } from './wish.ts';
import type { MenuDrink } from './types.ts';

const drink = (name: string, ingredients: Array<[string, string?, boolean?]>, extra: Partial<MenuDrink> = {}): MenuDrink => ({
  id: name,
  name,
  description: '',
  recipe: { ingredients: ingredients.map(([item, amount, optional]) => ({ name: item, amount, optional })) },
  ...extra,
});

Deno.test('gin is not ginger: Ginger Beer and Ginger Ale are neither gin nor beer', () => {
  for (const mixer of ['Ginger Beer', 'Ginger Ale', 'Ginger-Ale', 'Gingerale']) {
    const profile = profileOf(drink('Test', [[mixer, '10 cl']]));
    assert.equal(profile.spirits.has('gin'), false, mixer);
    assert.equal(profile.concepts.has('beer'), false, mixer);
    assert.equal(profile.alcoholic, false, mixer);
    assert.ok(profile.flavours.has('spicy'), mixer);
  }
  assert.ok(profileOf(drink('G', [['Gin', '4 cl']])).spirits.has('gin'));
  assert.ok(profileOf(drink('G', [['London Dry Gin', '4 cl']])).spirits.has('gin'));
  assert.ok(profileOf(drink('G', [['Gin-Tonic-Sirup']])).spirits.has('gin'), 'a hyphen is a word boundary');
  assert.ok(profileOf(drink('B', [['Bier', '30 cl']])).alcoholic);
  assert.ok(profileOf(drink('B', [['Craft Beer', '30 cl']])).alcoholic);
});

Deno.test('German compounds are read: Limettensaft is lime, Kaffeelikör is coffee and alcohol, Zitronenwodka is vodka', () => {
  assert.ok(profileOf(drink('L', [['Limettensaft']])).concepts.has('lime'));
  const coffee = profileOf(drink('K', [['Kaffeelikör']]));
  assert.ok(coffee.concepts.has('coffee') && coffee.alcoholic && coffee.flavours.has('coffee'));
  assert.ok(profileOf(drink('Z', [['Zitronenwodka']])).spirits.has('vodka'));
  assert.ok(profileOf(drink('H', [['Holunderblütensirup']])).concepts.has('elderflower'));
  assert.ok(profileOf(drink('S', [['Sodawasser']])).flavours.has('bubbly'));
  assert.equal(profileOf(drink('K', [['Kirschwasser', '2 cl']])).alcoholic, true, 'Kirschwasser is schnapps, not water');
});

Deno.test('alcohol-free needs proof: an unknown ingredient is not assumed to be alcohol-free', () => {
  assert.equal(
    profileOf(
      drink('Mystery', [
        ['Sake', '5 cl'],
        ['Limettensaft', '2 cl'],
      ]),
    ).alcoholFree,
    false,
  );
  assert.equal(profileOf(drink('Mystery', [['Sake', '5 cl']], { section: 'Alkoholfrei' })).alcoholFree, true, 'a label is proof when nothing says alcohol');
  assert.equal(profileOf(drink('Virgin?', [['Rum', '5 cl']], { section: 'Alkoholfrei' })).alcoholFree, false, 'no label beats an alcoholic ingredient');
  assert.equal(
    profileOf(
      drink('Optional', [
        ['Limettensaft', '2 cl'],
        ['Rum', '2 cl', true],
      ]),
    ).alcoholic,
    true,
    'optional alcohol still counts',
  );
});

Deno.test('amounts in cl, ml, teaspoons and top-ups', () => {
  assert.equal(centilitres('4 cl'), 4);
  assert.equal(centilitres('1,5 cl'), 1.5);
  assert.equal(centilitres('20 ml'), 2);
  assert.equal(centilitres('2 TL'), 1);
  assert.equal(centilitres('auffüllen'), 10);
  assert.equal(centilitres('8 Blätter'), 0);
  assert.equal(centilitres(null), 0);
});

Deno.test('the seed menu: exactly the six drinks of the Alkoholfrei section are alcohol-free, Negroni and Old Fashioned are strong', async () => {
  const menu = await seedMenu();
  const alcoholFree = menu
    .filter((item) => profileOf(item).alcoholFree)
    .map((item) => item.name)
    .sort();
  assert.deepEqual(
    alcoholFree,
    menu
      .filter((item) => item.section === 'Alkoholfrei')
      .map((item) => item.name)
      .sort(),
  );
  assert.equal(alcoholFree.length, 6);
  for (const name of ['Negroni', 'Old Fashioned', 'B-52']) assert.ok(profileOf(menu.find((item) => item.name === name)!).flavours.has('strong'), name);
  for (const name of ['Gin Tonic', 'Aperol Spritz', 'Hugo', 'Mojito'])
    assert.ok(!profileOf(menu.find((item) => item.name === name)!).flavours.has('strong'), name);
});

Deno.test('wishes: flavours, spirits, negation within the clause, alcohol-free in both languages', () => {
  const fresh = readWish('Something fresh with gin');
  assert.ok(fresh.concepts.has('gin') && fresh.flavours.has('sour') && fresh.light);
  assert.ok(!readWish('something with ginger').concepts.has('gin'));
  assert.ok(readWish('something with ginger').concepts.has('ginger'));
  const notSweet = readWish('nicht zu süß, aber fruchtig');
  assert.ok(notSweet.avoidFlavours.has('sweet') && notSweet.flavours.has('fruity'));
  assert.ok(readWish("I don't like gin").avoidConcepts.has('gin'));
  assert.ok(readWish('ohne Gin bitte').avoidConcepts.has('gin'));
  for (const text of ['alkoholfrei bitte', 'ohne Alkohol', 'Ich muss noch fahren', 'no alcohol please', 'a virgin cocktail', 'non-alcoholic', 'mocktail']) {
    assert.ok(readWish(text).alcoholFree, text);
  }
  assert.equal(readWish('kein Alkohol').avoidConcepts.size, 0, '"no alcohol" is one wish, not a refused ingredient');
});
