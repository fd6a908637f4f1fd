// What the guest's banner says about the bar right now, pure: closed, last call passed (B23), or when it comes.
import type { BarSettings } from './types';

export type BarBanner = { message: 'menu.barClosed' | 'menu.lastCallPassed' } | { message: 'menu.lastCall'; at: string } | null;

export function barBanner(settings: BarSettings | null, now: number): BarBanner {
  if (!settings) return null;
  if (!settings.is_open) return { message: 'menu.barClosed' };
  if (!settings.last_call_at) return null;
  return Date.parse(settings.last_call_at) <= now ? { message: 'menu.lastCallPassed' } : { message: 'menu.lastCall', at: settings.last_call_at };
}

/** Whether the bar takes orders now (the database decides in the end; this only greys out the button). */
export function takesOrders(settings: BarSettings | null, now: number): boolean {
  const banner = barBanner(settings, now);
  return banner === null || banner.message === 'menu.lastCall';
}
