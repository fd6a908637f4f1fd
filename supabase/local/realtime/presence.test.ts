import { describe, expect, it } from 'vitest';
import type { Channel, Outbox } from './channel.ts';
import { FanOut } from './fan-out.ts';
import { PresenceRegistry } from './presence.ts';
import { readWireFrame } from './wire.ts';

type Frame = [
  string | null,
  string | null,
  string,
  string,
  { joins: Record<string, { metas: Array<Record<string, unknown>> }>; leaves: Record<string, { metas: Array<Record<string, unknown>> }> },
];

function member(key: string, options: { presenceEnabled?: boolean; presenceRead?: boolean; address?: string } = {}): Channel & { frames: Frame[] } {
  const frames: Frame[] = [];
  const outbox: Outbox = {
    vsn: '2.0.0',
    address: options.address ?? '10.0.0.1',
    push: () => {},
    sendFrame: (frame) => frames.push(JSON.parse(readWireFrame(frame).data.toString('utf8'))),
  };
  return {
    frames,
    outbox,
    topic: 'realtime:room',
    name: 'room',
    joinRef: '1',
    isPrivate: true,
    self: false,
    ack: false,
    presenceEnabled: options.presenceEnabled ?? true,
    presenceKey: key,
    token: 't',
    claims: { role: 'authenticated', exp: 0 },
    policies: { broadcastRead: true, presenceRead: options.presenceRead ?? true, broadcastWrite: null, presenceWrite: null },
  };
}

describe('PresenceRegistry', () => {
  it('tracks, updates and untracks with Phoenix-shaped diffs to members that may read presence', () => {
    const fanOut = new FanOut();
    const presence = new PresenceRegistry(fanOut);
    const host = member('host');
    const guest = member('guest');
    const deaf = member('deaf', { presenceEnabled: false });
    const denied = member('denied', { presenceRead: false });
    for (const channel of [host, guest, deaf, denied]) fanOut.subscribe(channel);

    presence.track(guest, { name: 'Ana' }, 14);
    const join = host.frames[0];
    expect(join[3]).toBe('presence_diff');
    expect(join[4].joins.guest.metas[0]).toMatchObject({ name: 'Ana', phx_ref: expect.any(String) });
    expect(join[4].leaves).toEqual({});
    expect(guest.frames).toHaveLength(1);
    expect(deaf.frames).toHaveLength(0);
    expect(denied.frames).toHaveLength(0);

    presence.track(guest, { name: 'Ana' }, 14);
    expect(host.frames).toHaveLength(1);

    presence.track(guest, { name: 'Ana', ordering: true }, 30);
    const update = host.frames[1][4];
    expect(update.leaves.guest.metas[0].phx_ref).toBe(join[4].joins.guest.metas[0].phx_ref);
    expect(update.joins.guest.metas[0]).toMatchObject({ ordering: true, phx_ref_prev: join[4].joins.guest.metas[0].phx_ref });
    expect(Object.keys(presence.state(host))).toEqual(['guest']);

    presence.untrack(guest);
    expect(host.frames[2][4]).toEqual({ joins: {}, leaves: { guest: { metas: [expect.objectContaining({ ordering: true })] } } });
    expect(presence.state(host)).toEqual({});
  });

  it('keeps presence state within its budgets: per address and for the whole service', () => {
    const fanOut = new FanOut();
    const presence = new PresenceRegistry(fanOut, { maxBytes: 250, maxBytesPerAddress: 100 });
    const a1 = member('a1', { address: '10.0.0.1' });
    const a2 = member('a2', { address: '10.0.0.1' });
    const others = [1, 2, 3].map((n) => member(`b${n}`, { address: `10.0.0.${n + 1}` }));
    for (const channel of [a1, a2, ...others]) fanOut.subscribe(channel);

    expect(presence.track(a1, { x: 1 }, 60)).toBe(true);
    expect(presence.track(a2, { x: 2 }, 60)).toBe(false); // the address would hold 120 bytes
    expect(presence.track(a1, { x: 3 }, 90)).toBe(true); // replacing its own state only counts the difference
    expect(presence.heldBytes).toBe(90);
    expect(presence.track(others[0]!, { y: 1 }, 80)).toBe(true);
    expect(presence.track(others[1]!, { y: 2 }, 90)).toBe(false); // the service would hold 260 bytes
    presence.untrack(a1);
    expect(presence.heldBytes).toBe(80);
    expect(presence.track(others[1]!, { y: 2 }, 90)).toBe(true);
  });
});
