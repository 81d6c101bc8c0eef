/**
 * Shares one node's output among several consumers, so upstream work runs once when several
 * terminals (or both inputs of a self-merge) need it.
 *
 * The source is pulled lazily by whichever consumer is ahead; batches are buffered only for
 * consumers that lag behind, and dropped as soon as every consumer has taken them. The
 * leader is never blocked by a laggard: blocking could deadlock a node that drains one input
 * before reading the other (Merge, Append), so memory grows only by the lag.
 */
import type { RecordBatch } from "../data/batch.js";

export class Broadcast {
  private readonly buffers: RecordBatch[][];
  private readonly closed: boolean[];
  private iterator?: AsyncIterator<RecordBatch>;
  private pending?: Promise<void>;
  private done = false;
  private failure?: { error: unknown };

  constructor(private readonly source: AsyncIterable<RecordBatch>, consumers: number) {
    this.buffers = Array.from({ length: consumers }, () => []);
    this.closed = new Array<boolean>(consumers).fill(false);
  }

  /** The iterable for consumer `i` (0-based); each consumer must take exactly one. */
  consumer(i: number): AsyncIterable<RecordBatch> {
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => this.next(i),
        return: async () => {
          this.close(i);
          return { done: true, value: undefined };
        },
      }),
    };
  }

  private async next(i: number): Promise<IteratorResult<RecordBatch>> {
    while (true) {
      const buf = this.buffers[i]!;
      if (buf.length > 0) return { done: false, value: buf.shift()! };
      if (this.failure) throw this.failure.error;
      if (this.done || this.closed[i]) return { done: true, value: undefined };
      await this.pull();
    }
  }

  /** One pull from the source at a time; every open consumer gets the batch. */
  private pull(): Promise<void> {
    if (!this.pending) {
      this.pending = (async () => {
        try {
          this.iterator ??= this.source[Symbol.asyncIterator]();
          const r = await this.iterator.next();
          if (r.done) this.done = true;
          else this.buffers.forEach((b, j) => { if (!this.closed[j]) b.push(r.value); });
        } catch (error) {
          this.failure = { error };
        } finally {
          this.pending = undefined;
        }
      })();
    }
    return this.pending;
  }

  private close(i: number): void {
    this.closed[i] = true;
    this.buffers[i] = [];
    if (this.closed.every(Boolean) && !this.done) {
      this.done = true;
      void this.iterator?.return?.();
    }
  }
}
