import { describe, expect, it } from 'vitest';
import { mixIngredients, partsOf, tintOf } from './ingredient-colours';
import { garnishOf, glassOf, illustrationKey, illustrationOf } from './illustration';

describe('glassware', () => {
  it.each([
    ['Highball', 'highball'],
    ['Longdrinkglas', 'highball'],
    ['Collins glass', 'highball'],
    ['Tumbler', 'tumbler'],
    ['Rocks glass', 'tumbler'],
    ['Cocktailschale', 'coupe'],
    ['Coupe', 'coupe'],
    ['Martiniglas', 'martini'],
    ['Martini glass', 'martini'],
    ['Copa', 'copa'],
    ['Gin-Glas', 'copa'],
    ['Weinglas', 'wine'],
    ['Wine glass', 'wine'],
    ['Shotglas', 'shot'],
    ['Shot glass', 'shot'],
    ['Kupferbecher', 'mug'],
    ['Copper mug', 'mug'],
    ['Hurricane', 'hurricane'],
    [null, 'highball'],
    ['Einmachglas', 'highball'],
  ])('%s is drawn as %s', (name, glass) => {
    expect(glassOf(name)).toBe(glass);
  });
});

describe('ingredient colours', () => {
  it('matches names at the start of a word, the longest match first', () => {
    expect(tintOf('Zitronenwodka')?.strength).toBeLessThan(0.1);
    expect(tintOf('Zitronensaft')?.colour).toBe(tintOf('lemon juice')?.colour);
    expect(tintOf('Ginger Ale')?.colour).not.toBe(tintOf('Gin')?.colour);
    expect(tintOf('Limettensaft')).toEqual(tintOf('lime'));
    expect(tintOf('Brauner Rum')?.strength).toBeGreaterThan(tintOf('Weißer Rum')!.strength);
    expect(tintOf('Tonic Water')?.strength).toBe(0);
    expect(tintOf('Mondstaub')).toBeNull();
  });

  it('reads amounts as rough parts', () => {
    expect(partsOf('5 cl')).toBe(5);
    expect(partsOf('2 TL')).toBe(1);
    expect(partsOf('auffüllen')).toBe(10);
    expect(partsOf('top up')).toBe(10);
    expect(partsOf(null)).toBe(2);
  });

  it('mixes by amount and strength: Campari makes a red drink, soda only dilutes', () => {
    const negroni = mixIngredients([
      { name: 'Gin', amount: '3 cl' },
      { name: 'Campari', amount: '3 cl' },
      { name: 'Roter Wermut', amount: '3 cl' },
    ]);
    const [red, green, blue] = [1, 3, 5].map((at) => Number.parseInt(negroni.colour.slice(at, at + 2), 16));
    expect(red).toBeGreaterThan(green * 2);
    expect(red).toBeGreaterThan(blue * 2);
    const strong = mixIngredients([{ name: 'Aperol', amount: '6 cl' }]);
    const diluted = mixIngredients([
      { name: 'Aperol', amount: '6 cl' },
      { name: 'Soda', amount: '20 cl' },
    ]);
    expect(diluted.colour).toBe(strong.colour);
    expect(diluted.opacity).toBeLessThan(strong.opacity);
    expect(mixIngredients([]).colour).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('illustrations', () => {
  const recipe = (glassware: string, ingredients: Array<[string, string]>, garnish: string | null = null, steps: string[] = []) => ({
    glassware,
    garnish,
    steps,
    ingredients: ingredients.map(([name, amount]) => ({ name, amount })),
  });

  it('draws the garnish the recipe names', () => {
    expect(garnishOf('Minzzweig')).toBe('mint');
    expect(garnishOf('Orangenzeste')).toBe('zest');
    expect(garnishOf('Orangenscheibe')).toBe('orange');
    expect(garnishOf('3 Kaffeebohnen')).toBe('beans');
    expect(garnishOf('Maraschinokirsche')).toBe('cherry');
    expect(garnishOf('Limettenspalte')).toBe('lime');
    expect(garnishOf(null)).toBeNull();
  });

  it('layers a layered shot and lets grenadine sink', () => {
    const b52 = illustrationOf(
      recipe(
        'Shotglas',
        [
          ['Kaffeelikör', '2 cl'],
          ['Irish Cream', '2 cl'],
          ['Grand Marnier', '2 cl'],
        ],
        null,
        ['Schichten'],
      ),
    );
    expect(b52.layers).toHaveLength(3);
    const sunrise = illustrationOf(
      recipe('Highball', [
        ['Tequila', '5 cl'],
        ['Orangensaft', '10 cl'],
        ['Grenadine', '2 cl'],
      ]),
    );
    expect(sunrise.layers[0]!.colour).toBe(tintOf('Grenadine')!.colour);
    expect(sunrise.layers).toHaveLength(2);
  });

  it('is deterministic, and drinks that differ look different', () => {
    const mojito = recipe(
      'Highball',
      [
        ['Weißer Rum', '5 cl'],
        ['Limettensaft', '3 cl'],
        ['Sodawasser', 'auffüllen'],
      ],
      'Minzzweig',
    );
    expect(illustrationOf(mojito)).toEqual(illustrationOf(structuredClone(mojito)));
    const cuba = recipe(
      'Highball',
      [
        ['Brauner Rum', '5 cl'],
        ['Cola', 'auffüllen'],
      ],
      'Limettenspalte',
    );
    expect(illustrationKey(illustrationOf(mojito))).not.toBe(illustrationKey(illustrationOf(cuba)));
    expect(illustrationOf(mojito)).toMatchObject({ ice: true, bubbles: true, garnish: 'mint' });
  });
});

describe('the illustration as SVG', async () => {
  const { illustrationSvg, illustrationUrl } = await import('./illustration-svg');
  const { GLASS_SHAPES } = await import('./glass-shapes');
  const negroni = {
    glassware: 'Tumbler',
    garnish: 'Orangenzeste',
    steps: ['Auf Eis rühren'],
    ingredients: [
      { name: 'Campari', amount: '3 cl' },
      { name: 'Gin', amount: '3 cl' },
    ],
  };

  it('draws the glass of the glassware, the drink’s colour and the garnish, with a dark-mode style', () => {
    const svg = illustrationSvg(negroni);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain(GLASS_SHAPES.tumbler.outline);
    expect(svg).toContain(illustrationOf(negroni).layers[0]!.colour);
    expect(svg).toContain('stroke="#ee8a12"');
    expect(svg).toContain('prefers-color-scheme:dark');
    expect(svg.match(/<(\w+)[\s>]/g)!.length).toBeGreaterThan(10);
  });

  it('is the same for the same recipe and a data URL for <img>', () => {
    expect(illustrationSvg(structuredClone(negroni))).toBe(illustrationSvg(negroni));
    expect(illustrationUrl(negroni)).toMatch(/^data:image\/svg\+xml,%3Csvg/);
  });
});
