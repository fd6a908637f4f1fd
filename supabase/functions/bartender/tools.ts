// The model's tools. Each runs as the caller (their JWT, their RLS) and answers with short JSON, because
// on a laptop CPU reading the prompt is the slow part. Drinks leave here only as rows read from the
// database, so a model can cite an id but never invent an orderable drink.
import { cachedProfileFor, rankFor, reasonFor, searchMenu } from './menu-view.ts';
import { activeDrinks, saveTaste, type BarData } from './bar-data.ts';
import type { Caller } from './caller.ts';
import { readWish } from '../_shared/bartender/wish.ts';
import { TASTE_WORDS } from '../_shared/bartender/vocabulary.ts';
import type { DrinkCard, Locale, MenuDrink, OrderProposal } from '../_shared/bartender/types.ts';

export interface ToolState {
  caller: Caller;
  locale: Locale;
  bar: BarData;
  /** Cards the model chose to show (show_drinks), in order. */
  shown: DrinkCard[];
  proposal: OrderProposal | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOTE_CONTROL = /[\p{Cc}\p{Cf}]/gu;

export const TOOL_SCHEMAS = [
  tool('search_menu', 'Find drinks on tonight’s menu by words, ingredients or flavours.', {
    query: { type: 'string', description: 'e.g. "gin", "fruity", "Minze"' },
    alcohol_free: { type: 'boolean' },
  }),
  tool('get_recipe', 'One drink’s recipe: ingredients with amounts, steps, glass.', { drink_id: { type: 'string' } }, ['drink_id']),
  tool('recommend', 'The best drinks for a wish, using the guest’s taste and orders.', { wish: { type: 'string' } }, ['wish']),
  tool('my_orders', 'The guest’s open orders and their status.', {}),
  tool('get_taste', 'What the guest told you they like.', {}),
  tool('remember_taste', `Save the guest’s taste. Words: ${TASTE_WORDS.join(', ')}.`, {
    likes: { type: 'array', items: { type: 'string' } },
    dislikes: { type: 'array', items: { type: 'string' } },
    alcohol_free: { type: 'boolean' },
  }),
  tool(
    'show_drinks',
    'Show drink cards with an Order button to the guest.',
    {
      drinks: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, reason: { type: 'string' } }, required: ['id'] } },
    },
    ['drinks'],
  ),
  tool(
    'propose_order',
    'Suggest one drink to order. The guest confirms with a tap; it does not order.',
    {
      drink_id: { type: 'string' },
      note: { type: 'string', description: 'e.g. "no ice"' },
    },
    ['drink_id'],
  ),
];

function tool(name: string, description: string, properties: Record<string, unknown>, required: string[] = []) {
  return { type: 'function' as const, function: { name, description, parameters: { type: 'object', properties, required } } };
}

const compact = (drink: MenuDrink) => {
  const profile = cachedProfileFor(drink);
  return {
    id: drink.id,
    name: drink.name,
    section: drink.section,
    ingredients: profile.mainIngredients.join(', '),
    flavours: [...profile.flavours.keys()].join(', '),
    alcohol_free: profile.alcoholFree,
  };
};

/** Re-reads drinks by id as the caller: only active ones come back. */
async function readDrinks(state: ToolState, ids: unknown[]): Promise<MenuDrink[]> {
  const valid = ids.filter((id): id is string => typeof id === 'string' && UUID.test(id)).slice(0, 8);
  return valid.length ? activeDrinks(state.caller.client, valid) : [];
}

export async function runTool(state: ToolState, name: string, args: Record<string, unknown>): Promise<unknown> {
  switch (name) {
    case 'search_menu': {
      const found = searchMenu(state.bar.drinks, typeof args.query === 'string' ? args.query.slice(0, 200) : '', args.alcohol_free === true);
      return { drinks: found.slice(0, 8).map(compact) };
    }
    case 'get_recipe': {
      const [drink] = await readDrinks(state, [args.drink_id]);
      if (!drink) return { error: 'No drink with this id on tonight’s menu. Use search_menu.' };
      return {
        id: drink.id,
        name: drink.name,
        description: drink.description,
        ingredients: drink.recipe.ingredients.map((item) => `${item.amount ? `${item.amount} ` : ''}${item.name}${item.optional ? ' (optional)' : ''}`),
        steps: drink.recipe.steps ?? [],
        glass: drink.recipe.glassware ?? null,
        garnish: drink.recipe.garnish ?? null,
        alcohol_free: cachedProfileFor(drink).alcoholFree,
      };
    }
    case 'recommend': {
      const wish = readWish(typeof args.wish === 'string' ? args.wish.slice(0, 300) : '');
      return {
        drinks: rankFor(state.bar, wish)
          .slice(0, 3)
          .map((pick) => ({ id: pick.drink.id, name: pick.drink.name, reason: reasonFor(pick, state.locale, wish) })),
      };
    }
    case 'my_orders':
      if (!state.caller.isGuest) return { error: 'Only guests have orders.' };
      return { orders: state.bar.openOrders.map((order) => ({ drink: order.drink_name, status: order.status, since: order.created_at })) };
    case 'get_taste':
      return state.bar.taste ?? { likes: [], dislikes: [], alcohol_free: false };
    case 'remember_taste': {
      const words = (value: unknown) =>
        Array.isArray(value) ? value.filter((word): word is string => typeof word === 'string').map((word) => word.toLowerCase()) : [];
      const current = state.bar.taste ?? { likes: [], dislikes: [], alcohol_free: false };
      const saved = await saveTaste(state.caller, {
        likes: [...current.likes, ...words(args.likes)],
        dislikes: [...current.dislikes, ...words(args.dislikes)],
        alcohol_free: typeof args.alcohol_free === 'boolean' ? args.alcohol_free : current.alcohol_free,
      });
      if (!saved) return { error: 'Only guests have a taste to remember.' };
      state.bar.taste = saved;
      return { saved };
    }
    case 'show_drinks': {
      const wanted = Array.isArray(args.drinks)
        ? (args.drinks as Array<Record<string, unknown>>).filter((item) => typeof item === 'object' && item !== null)
        : [];
      const rows = await readDrinks(
        state,
        wanted.map((item) => item.id),
      );
      for (const item of wanted) {
        const row = rows.find((drink) => drink.id === item.id);
        if (!row || state.shown.some((card) => card.id === row.id)) continue;
        const reason =
          typeof item.reason === 'string' && item.reason.trim()
            ? item.reason.trim().slice(0, 160)
            : reasonFor(rankFor(state.bar, readWish(''), [row])[0], state.locale, readWish(''));
        state.shown.push({ id: row.id, name: row.name, reason });
      }
      const missing = wanted.length - rows.length;
      return { shown: rows.map((drink) => drink.name), ...(missing > 0 ? { error: `${missing} id(s) are not on tonight’s menu.` } : {}) };
    }
    case 'propose_order': {
      const [drink] = await readDrinks(state, [args.drink_id]);
      if (!drink) return { error: 'No drink with this id on tonight’s menu. Use search_menu.' };
      const note = typeof args.note === 'string' ? args.note.replace(NOTE_CONTROL, '').trim().slice(0, 200) || null : null;
      state.proposal = { drink_id: drink.id, drink_name: drink.name, note };
      return { proposed: drink.name, note, important: 'Not ordered yet: the guest taps Order on the card to order it.' };
    }
    default:
      return { error: `Unknown tool ${name}.` };
  }
}
