// Writes a connection's WebSocket messages (wire.ts) straight to its TCP socket. The first message of a turn of the
// event loop leaves at once, so a lone broadcast costs one `write`; more messages to the same socket in that turn
// (a transaction that sends to several of its topics, a join's reply then its replay) are corked and leave together
// in one `writev` when the turn ends. Order is the order of `write` calls, whether corked or not.
import type { Writable } from 'node:stream';
import type { WireFrame } from './wire.ts';

let turn = 0;
let turnEnding = false;

function endTurn(): void {
  turnEnding = false;
  turn += 1;
}

/** Numbers the current run of synchronous code; one nextTick per run in which anything was written, not per write. */
function currentTurn(): number {
  if (!turnEnding) {
    turnEnding = true;
    process.nextTick(endTurn);
  }
  return turn;
}

export class SocketWriter {
  private lastTurn = -1;
  private corked = false;

  constructor(private readonly socket: Writable) {}

  /** Bytes written but not yet handed to the kernel (corked ones included): how far the client lags behind. */
  get bufferedBytes(): number {
    return this.socket.writableLength;
  }

  write(frame: WireFrame): void {
    const now = currentTurn();
    if (now === this.lastTurn && !this.corked) {
      this.socket.cork();
      this.corked = true;
      process.nextTick(() => this.uncork());
    }
    this.lastTurn = now;
    this.socket.write(frame);
  }

  private uncork(): void {
    this.corked = false;
    this.socket.uncork();
  }
}
