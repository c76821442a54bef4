import { useSyncExternalStore } from 'react';
import type { CodeBatch, CodeView } from '../../../shared/account.js';

/**
 * The latest codes, outside React state: a rollover re-renders only the code digits and countdowns that show a code
 * (a few dozen with a virtualised list), not the list, its drag-and-drop context and every tile around them.
 */
export class CodeStore {
  private codes = new Map<string, CodeView>();
  private offset = 0;
  private readonly listeners = new Set<() => void>();

  /** main's clock minus this page's clock, from the latest batch, so countdowns agree with main even when its clock is moved. */
  get clockOffsetMs(): number {
    return this.offset;
  }

  get(id: string): CodeView | undefined {
    return this.codes.get(id);
  }

  take(batch: CodeBatch): void {
    this.codes = new Map(batch.codes.map((code) => [code.id, code]));
    this.offset = batch.issuedAt - Date.now();
    for (const listener of this.listeners) listener();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** One account's current code; the component re-renders when that code changes. */
export function useCode(store: CodeStore, id: string): CodeView | undefined {
  return useSyncExternalStore(store.subscribe, () => store.get(id));
}
