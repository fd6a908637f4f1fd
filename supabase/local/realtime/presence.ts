// Presence as Phoenix.Presence shows it to realtime-js: state `{key: {metas: [{phx_ref, …}]}}` after join,
// then `presence_diff` `{joins, leaves}` to every channel of the topic that has presence on and may read it.
// Tracked state is held in memory, so it is budgeted: per client address and for the whole service.
import { randomBytes } from 'node:crypto';
import { canReadPresence, fanOutKey, type Channel } from './channel.ts';
import type { FanOut } from './fan-out.ts';
import { encodeText, type Vsn } from './framing.ts';
import { textWireFrame, type WireFrame } from './wire.ts';

type Meta = Record<string, unknown> & { phx_ref: string };
type PresenceMap = Record<string, { metas: Meta[] }>;

function newRef(): string {
  return randomBytes(9).toString('base64url');
}

function single(key: string, meta: Meta): PresenceMap {
  return { [key]: { metas: [meta] } };
}

export interface PresenceBudget {
  maxBytes: number;
  maxBytesPerAddress: number;
}

export class PresenceRegistry {
  /** fan-out key → channel → its tracked meta and the payload's size. */
  private readonly topics = new Map<string, Map<Channel, { meta: Meta; bytes: number }>>();
  private totalBytes = 0;
  private readonly bytesByAddress = new Map<string, number>();

  constructor(
    private readonly fanOut: FanOut,
    private readonly budget: PresenceBudget = { maxBytes: Infinity, maxBytesPerAddress: Infinity },
  ) {}

  /** The current state of the channel's topic, grouped by presence key. */
  state(channel: Channel): PresenceMap {
    const state: PresenceMap = {};
    for (const [member, { meta }] of this.topics.get(fanOutKey(channel.isPrivate, channel.name)) ?? []) {
      (state[member.presenceKey] ??= { metas: [] }).metas.push(meta);
    }
    return state;
  }

  /** Bytes of presence state held now (all addresses). */
  get heldBytes(): number {
    return this.totalBytes;
  }

  /**
   * Tracks or updates the channel's presence; an unchanged payload is a no-op, as on hosted. False (and nothing
   * changes) when the new state would exceed the budget of the channel's address or of the service.
   */
  track(channel: Channel, payload: Record<string, unknown>, bytes: number): boolean {
    const key = fanOutKey(channel.isPrivate, channel.name);
    const previous = this.topics.get(key)?.get(channel);
    if (previous) {
      const { phx_ref: _ref, phx_ref_prev: _prev, ...current } = previous.meta;
      if (JSON.stringify(current) === JSON.stringify(payload)) return true;
    }
    const address = channel.outbox.address;
    const growth = bytes - (previous?.bytes ?? 0);
    const addressBytes = this.bytesByAddress.get(address) ?? 0;
    if (growth > 0 && (this.totalBytes + growth > this.budget.maxBytes || addressBytes + growth > this.budget.maxBytesPerAddress)) return false;

    let members = this.topics.get(key);
    if (!members) this.topics.set(key, (members = new Map()));
    const meta: Meta = previous ? { ...payload, phx_ref: newRef(), phx_ref_prev: previous.meta.phx_ref } : { ...payload, phx_ref: newRef() };
    members.set(channel, { meta, bytes });
    this.account(address, growth);
    this.broadcastDiff(channel, { joins: single(channel.presenceKey, meta), leaves: previous ? single(channel.presenceKey, previous.meta) : {} });
    return true;
  }

  untrack(channel: Channel): void {
    const key = fanOutKey(channel.isPrivate, channel.name);
    const members = this.topics.get(key);
    const tracked = members?.get(channel);
    if (!members || !tracked) return;
    members.delete(channel);
    if (members.size === 0) this.topics.delete(key);
    this.account(channel.outbox.address, -tracked.bytes);
    this.broadcastDiff(channel, { joins: {}, leaves: single(channel.presenceKey, tracked.meta) });
  }

  private account(address: string, delta: number): void {
    this.totalBytes += delta;
    const next = (this.bytesByAddress.get(address) ?? 0) + delta;
    if (next > 0) this.bytesByAddress.set(address, next);
    else this.bytesByAddress.delete(address);
  }

  private broadcastDiff(origin: Channel, diff: { joins: PresenceMap; leaves: PresenceMap }): void {
    const frames = new Map<Vsn, WireFrame>();
    for (const channel of this.fanOut.channelsOf(origin.isPrivate, origin.name)) {
      if (!channel.presenceEnabled || !canReadPresence(channel)) continue;
      const vsn = channel.outbox.vsn;
      let frame = frames.get(vsn);
      if (frame === undefined)
        frames.set(vsn, (frame = textWireFrame(encodeText(vsn, { joinRef: null, ref: null, topic: origin.topic, event: 'presence_diff', payload: diff }))));
      channel.outbox.sendFrame(frame);
    }
  }
}
