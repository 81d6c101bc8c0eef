/**
 * A one-line progress display on an interactive terminal: the node working now, the
 * records it has produced and the elapsed time. Silent when stderr is not a terminal.
 */
import type { RunEvent } from "../engine/run.js";

export class ProgressLine {
  private last = 0;
  private readonly started = Date.now();
  private names = new Map<string, string>();
  private shown = false;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr, private readonly enabled = Boolean(process.stderr.isTTY)) {}

  handle(e: RunEvent): void {
    if (!this.enabled) return;
    if (e.type === "node-start") this.names.set(e.node, e.name);
    if (e.type !== "progress" && e.type !== "node-end") return;
    const now = Date.now();
    if (e.type === "progress" && now - this.last < 100) return;
    this.last = now;
    const secs = ((now - this.started) / 1000).toFixed(1);
    const name = this.names.get(e.node) ?? e.node;
    const extra = e.type === "progress" && e.message ? ` ${e.message}` : "";
    const pct = e.type === "progress" && e.fraction !== undefined ? ` ${(e.fraction * 100).toFixed(0)}%` : "";
    const text = `${secs}s  ${name}: ${e.records.toLocaleString("en")} records${pct}${extra}`;
    this.out.write(`\r\x1b[2K${text.slice(0, (this.out.columns ?? 100) - 1)}`);
    this.shown = true;
  }

  done(): void {
    if (this.enabled && this.shown) this.out.write("\r\x1b[2K");
  }
}
