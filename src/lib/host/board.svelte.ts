// What the welcome board shows besides the queue: the invite code the host picked (as a join QR code and its
// short typed form) and the bar's switches for the closed / last call banners. Each comes through the one
// live-data helper, so a stack restart means reconnect and re-read, for hours without a reload.
import QRCode from 'qrcode';
import { SETTINGS_COLUMNS, type BarSettings } from '$lib/bar/types';
import { createLiveChannel, type LiveChannel } from '$lib/live/live-channel.svelte';
import type { HostClient } from '$lib/supabase/host';
import { codeStatus, joinUrl, type InviteCode } from './invite-codes';
import { outcomeOf, type Outcome } from './outcome';

export const BOARD_COLUMNS = 'invite_code, join_base, registration_codes(code, short_code, expires_at, max_uses, use_count, revoked_at)';

type BoardCode = Pick<InviteCode, 'code' | 'short_code' | 'expires_at' | 'max_uses' | 'use_count' | 'revoked_at'>;

export interface BoardInvite {
  url: string;
  shortCode: string;
  /** The QR code as an SVG data URL. */
  qr: string;
  /** The origin phones open, for "open … and type". */
  host: string;
}

/** The board's invite for a picked code, or null when none is picked or it no longer lets anyone in. */
export async function boardInvite(code: BoardCode | null, base: string, now: number): Promise<BoardInvite | null> {
  if (!code || codeStatus({ ...code, created_at: '', notes: null }, now) !== 'active') return null;
  const url = joinUrl(base, code.code);
  // High error correction: a phone across a dim room still reads it with a glare spot on the screen.
  const svg = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'H', color: { dark: '#000000', light: '#ffffff' } });
  return { url, shortCode: code.short_code, qr: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, host: new URL(url).host };
}

export class Board {
  invite = $state<BoardInvite | null>(null);
  settings = $state<BarSettings | null>(null);
  #live: LiveChannel[] = [];
  #code: BoardCode | null = null;
  #base = '';
  #expiryTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private client: HostClient) {}

  start(): void {
    this.#live = [
      createLiveChannel({ client: this.client, topic: 'admin:board', events: ['BOARD_CHANGED'], resync: () => this.#loadBoard(), pollWhileOfflineMs: 15_000 }),
      createLiveChannel({
        client: this.client,
        topic: 'bar:settings',
        events: ['BAR_SETTINGS_CHANGED'],
        resync: () => this.#loadSettings(),
        pollWhileOfflineMs: 15_000,
      }),
    ];
    // A code that expires during the evening leaves the screen without anyone touching the board.
    this.#expiryTimer = setInterval(() => void this.#render(), 60_000);
  }

  async stop(): Promise<void> {
    clearInterval(this.#expiryTimer);
    await Promise.all(this.#live.map((live) => live.stop()));
  }

  get liveStatus() {
    return this.#live[0]?.status ?? 'connecting';
  }

  async #loadBoard(): Promise<void> {
    const { data, error } = await this.client.from('board_settings').select(BOARD_COLUMNS).maybeSingle();
    if (error) throw new Error(error.message);
    const embedded = data?.registration_codes as BoardCode | BoardCode[] | null | undefined;
    this.#code = (Array.isArray(embedded) ? embedded[0] : embedded) ?? null;
    this.#base = data?.join_base ?? location.origin;
    await this.#render();
  }

  async #render(): Promise<void> {
    this.invite = await boardInvite(this.#code, this.#base, Date.now());
  }

  async #loadSettings(): Promise<void> {
    const { data, error } = await this.client.from('bar_settings').select(SETTINGS_COLUMNS).maybeSingle();
    if (error) throw new Error(error.message);
    this.settings = data;
  }
}

/** The host's pick on the codes page: this code (and the join address phones open) on the board. */
export async function showOnBoard(client: HostClient, code: string, joinBase: string): Promise<Outcome> {
  return outcomeOf(await client.from('board_settings').update({ invite_code: code, join_base: joinBase }).eq('id', true));
}

/** Which code the board shows now, for the codes page. */
export async function boardCode(client: HostClient): Promise<string | null> {
  const { data } = await client.from('board_settings').select('invite_code').maybeSingle();
  return data?.invite_code ?? null;
}
