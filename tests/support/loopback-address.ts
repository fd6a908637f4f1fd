// Test clients that connect from an address of their own. All of 127.0.0.0/8 reaches this machine, so each test
// account can sign in the way a separate phone or laptop on the party's Wi-Fi does: Auth counts sign-ins per
// client address (30 per 5 minutes), and a whole suite from 127.0.0.1 would be one very busy device.
import { randomInt } from 'node:crypto';
import { Agent, fetch as undiciFetch } from 'undici';

export function randomLoopbackAddress(): string {
  return `127.${randomInt(16, 250)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** A fetch whose connections leave from `address`. */
export function fetchFrom(address: string = randomLoopbackAddress()): typeof fetch {
  const dispatcher = new Agent({ localAddress: address });
  return ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
}
