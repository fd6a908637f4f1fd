// One answer of the bartender: the model when one is configured (with tools, as the caller), else — and
// whenever the model fails — the house bartender. Stores no transcript and logs no message text.
import { houseBartender } from '../_shared/bartender/house.ts';
import { drinksNamedIn } from '../_shared/bartender/names.ts';
import { readWish } from '../_shared/bartender/wish.ts';
import type { DrinkCard, Locale } from '../_shared/bartender/types.ts';
import { AgentError, runAgent } from './agent.ts';
import { loadBarData, saveTaste, type BarData } from './bar-data.ts';
import type { Caller } from './caller.ts';
import type { AnswerSink } from './events.ts';
import { rankFor, reasonFor } from './menu-view.ts';
import { systemPrompt } from './prompt.ts';
import { openAiCompatible, ProviderError, type Complete } from './provider.ts';
import type { ChatRequest } from './request.ts';
import type { ModelSettings } from './settings.ts';
import { runTool, TOOL_SCHEMAS, type ToolState } from './tools.ts';

const STATUS: Record<Locale, Record<string, string>> = {
  en: {
    thinking: 'Thinking…',
    menu: 'Looking at the menu…',
    orders: 'Checking your orders…',
    taste: 'Making a note…',
    fallback: 'The house bartender takes over.',
  },
  de: {
    thinking: 'Ich überlege…',
    menu: 'Ich schaue in die Karte…',
    orders: 'Ich schaue nach deiner Bestellung…',
    taste: 'Ich merke mir das…',
    fallback: 'Der Hausbarkeeper übernimmt.',
  },
};
const TOOL_STATUS: Record<string, string> = { my_orders: 'orders', remember_taste: 'taste', get_taste: 'taste' };
const MAX_CARDS = 4;

export interface ChatContext {
  caller: Caller;
  request: ChatRequest;
  model: ModelSettings | null;
  /** For tests of the agent with a scripted model; production uses the OpenAI-compatible client. */
  complete?: Complete;
}

export async function answerChat(context: ChatContext, sink: AnswerSink, signal: AbortSignal): Promise<void> {
  const { caller, request, model } = context;
  const { locale } = request;
  const bar = await loadBarData(caller);
  if (model) {
    sink.status(STATUS[locale].thinking);
    try {
      await modelAnswer(context, model, bar, sink, signal);
      return;
    } catch (error) {
      if (signal.aborted) return;
      if (!(error instanceof ProviderError || error instanceof AgentError)) throw error;
      // One line, no message text: what failed and that the house answered.
      console.warn(`bartender: the model failed (${error instanceof ProviderError ? error.kind : 'agent'}: ${error.message}); the house bartender answered`);
      sink.status(STATUS[locale].fallback);
    }
  }
  await houseAnswer(caller, request, bar, sink, model ? 'house_fallback' : 'house');
}

async function modelAnswer(context: ChatContext, model: ModelSettings, bar: BarData, sink: AnswerSink, signal: AbortSignal): Promise<void> {
  const { caller, request } = context;
  const state: ToolState = { caller, locale: request.locale, bar, shown: [], proposal: null };
  const deadline = AbortSignal.any([signal, AbortSignal.timeout(model.totalTimeoutMs)]);
  const result = await runAgent({
    complete: context.complete ?? openAiCompatible(model),
    runTool: (name, args) => runTool(state, name, args),
    messages: [{ role: 'system', content: systemPrompt(request.locale, caller.isGuest) }, ...request.messages],
    tools: TOOL_SCHEMAS,
    maxToolRounds: model.maxToolRounds,
    signal: deadline,
    onDelta: (text) => sink.delta(text),
    onTool: (name) => sink.status(STATUS[request.locale][TOOL_STATUS[name] ?? 'menu']),
  });
  // Cards: what the model showed, else the drinks its reply names — always rows read as the caller.
  const cards = state.shown.length ? state.shown : namedCards(result.reply, bar, request.locale);
  if (cards.length) sink.drinks(cards.slice(0, MAX_CARDS));
  if (state.proposal) sink.proposal(state.proposal);
  sink.done(result.reply, `model:${model.model}`);
}

function namedCards(reply: string, bar: BarData, locale: Locale): DrinkCard[] {
  const wish = readWish('');
  const named = drinksNamedIn(reply, bar.drinks);
  return rankFor(bar, wish, named)
    .sort((a, b) => named.indexOf(a.drink) - named.indexOf(b.drink))
    .map((pick) => ({ id: pick.drink.id, name: pick.drink.name, reason: reasonFor(pick, locale, wish) }));
}

async function houseAnswer(caller: Caller, request: ChatRequest, bar: BarData, sink: AnswerSink, provider: string): Promise<void> {
  const answer = houseBartender({
    messages: request.messages,
    locale: request.locale,
    drinks: bar.drinks,
    taste: bar.taste ?? undefined,
    ordered: bar.ordered,
    ratings: bar.ratings,
    openOrders: bar.openOrders,
  });
  if (answer.remember) await saveTaste(caller, answer.remember);
  // Sentence by sentence, so the app shows it the way it shows a model's answer.
  for (const sentence of answer.reply.match(/[^.!?]+[.!?]*\s*/g) ?? [answer.reply]) sink.delta(sentence);
  if (answer.drinks.length) sink.drinks(answer.drinks);
  if (answer.order_proposal) sink.proposal(answer.order_proposal);
  sink.done(answer.reply, provider);
}
