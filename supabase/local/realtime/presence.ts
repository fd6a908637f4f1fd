// Presence as Phoenix.Presence shows it to realtime-js: state `{key: {metas: [{phx_ref, …}]}}` after join,
// then `presence_diff` `{joins, leaves}` to every channel of the topic that has presence on and may read it.
import { randomBytes } from 'node:crypto';
import { canReadPresence, fanOutKey, type Channel } from './channel.ts';
import type { FanOut } from './fan-out.ts';
import { encodeText, type Vsn } from './framing.ts';

type Meta = Record<string, unknown> & { phx_ref: string };
type PresenceMap = Record<string, { metas: Meta[] }>;

function newRef(): string {
  return randomBytes(9).toString('base64url');
}

function single(key: string, meta: Meta): PresenceMap {
  return { [key]: { metas: [meta] } };
}

export class PresenceRegistry {
  /** fan-out key → channel → its tracked meta. */
  private readonly topics = new Map<string, Map<Channel, Meta>>();

  constructor(private readonly fanOut: FanOut) {}

  /** The current state of the channel's topic, grouped by presence key. */
  state(channel: Channel): PresenceMap {
    const state: PresenceMap = {};
    for (const [member, meta] of this.topics.get(fanOutKey(channel.isPrivate, channel.name)) ?? []) {
      (state[member.presenceKey] ??= { metas: [] }).metas.push(meta);
    }
    return state;
  }

  /** Tracks or updates the channel's presence; an unchanged payload is a no-op, as on hosted. */
  track(channel: Channel, payload: Record<string, unknown>): void {
    const key = fanOutKey(channel.isPrivate, channel.name);
    let members = this.topics.get(key);
    if (!members) this.topics.set(key, (members = new Map()));
    const previous = members.get(channel);
    if (previous) {
      const { phx_ref: _ref, phx_ref_prev: _prev, ...current } = previous;
      if (JSON.stringify(current) === JSON.stringify(payload)) return;
    }
    const meta: Meta = previous ? { ...payload, phx_ref: newRef(), phx_ref_prev: previous.phx_ref } : { ...payload, phx_ref: newRef() };
    members.set(channel, meta);
    this.broadcastDiff(channel, { joins: single(channel.presenceKey, meta), leaves: previous ? single(channel.presenceKey, previous) : {} });
  }

  untrack(channel: Channel): void {
    const key = fanOutKey(channel.isPrivate, channel.name);
    const members = this.topics.get(key);
    const meta = members?.get(channel);
    if (!members || !meta) return;
    members.delete(channel);
    if (members.size === 0) this.topics.delete(key);
    this.broadcastDiff(channel, { joins: {}, leaves: single(channel.presenceKey, meta) });
  }

  private broadcastDiff(origin: Channel, diff: { joins: PresenceMap; leaves: PresenceMap }): void {
    const frames = new Map<Vsn, string>();
    for (const channel of this.fanOut.channelsOf(origin.isPrivate, origin.name)) {
      if (!channel.presenceEnabled || !canReadPresence(channel)) continue;
      const vsn = channel.outbox.vsn;
      let frame = frames.get(vsn);
      if (frame === undefined) frames.set(vsn, (frame = encodeText(vsn, { joinRef: null, ref: null, topic: origin.topic, event: 'presence_diff', payload: diff })));
      channel.outbox.sendFrame(frame);
    }
  }
}
