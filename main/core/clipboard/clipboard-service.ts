import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { ClipboardPort } from './clipboard-port.js';

export interface ClipboardServiceDeps {
  port: ClipboardPort;
  clock: Clock;
  log: Logger;
  /** The delay before clearing, read at each copy (settings.clipboardClearSeconds). */
  clearAfterSeconds: () => number | Promise<number>;
}

/**
 * Copies codes and clears them again after the configured delay, but only if the clipboard still holds exactly
 * what we wrote: whatever the person copied since is never erased. A new copy supersedes the pending clear.
 */
export class ClipboardService {
  private pending: { text: string; cancel: () => void; generation: number } | undefined;
  private generation = 0;

  constructor(private readonly deps: ClipboardServiceDeps) {}

  /** Writes `text` and schedules its clearing; returns when it will be cleared (ms epoch of the clock). */
  async copy(text: string): Promise<{ clearsAt: number }> {
    const seconds = await this.deps.clearAfterSeconds();
    const generation = ++this.generation;
    this.pending?.cancel();
    this.pending = undefined;
    await this.deps.port.writeText(text);
    const delayMs = seconds * 1000;
    const clearsAt = this.deps.clock.now() + delayMs;
    if (generation === this.generation) {
      const cancel = this.deps.clock.setTimer(delayMs, () => void this.clearIfOurs(generation));
      this.pending = { text, cancel, generation };
    }
    return { clearsAt };
  }

  /** Clears now what we copied, if it is still there (on quit). */
  async flush(): Promise<void> {
    if (this.pending) await this.clearIfOurs(this.pending.generation);
  }

  dispose(): void {
    this.pending?.cancel();
    this.pending = undefined;
  }

  private async clearIfOurs(generation: number): Promise<void> {
    const pending = this.pending;
    if (!pending || pending.generation !== generation) return;
    pending.cancel();
    this.pending = undefined;
    try {
      const current = await this.deps.port.readText();
      // A copy made while we were reading owns the clipboard now.
      if (current === pending.text && generation === this.generation) await this.deps.port.writeText('');
    } catch (error) {
      this.deps.log.error('clearing the clipboard failed', error);
    }
  }
}
