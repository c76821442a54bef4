import type { z } from 'zod';
import { events, type EventName, type EventPayload } from '../../../shared/contract.js';
import type { Logger } from '../logger.js';

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * The core's one way out for events. Every payload is parsed by its contract schema here, before any host sees it,
 * so a field the contract does not name (a stray secret) reaches no host: not the Electron window, not the harness's
 * socket, not the tray. A payload that does not parse is dropped and logged, like a reply that does not.
 */
export class EventBus {
  private readonly sinks = new Set<EventSink>();

  constructor(private readonly log: Logger) {}

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const schema: z.ZodType = events[event];
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      this.log.error(`event ${event} does not match the contract; not sent`);
      return;
    }
    const clean = parsed.data as EventPayload<E>; // the output of this event's own schema
    for (const sink of this.sinks) sink(event, clean);
  }

  /** One event, typed (for listeners inside main such as the tray). Returns a function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.subscribe((name: EventName, payload: unknown) => {
      if (name === event) listener(payload as EventPayload<E>); // the same event, so the same payload type
    });
  }

  /** Every event (for the hosts' transports). Returns a function that unsubscribes. */
  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  clear(): void {
    this.sinks.clear();
  }
}
