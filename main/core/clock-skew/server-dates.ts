import type { HttpTransport } from '../net/http-transport.js';
import type { DateSample } from './offset-estimator.js';

/** Where the `Date` of every Microsoft response goes (the clock-skew feature listens). */
export interface ServerDateFeed {
  onSample(listener: (sample: DateSample) => void): () => void;
}

/**
 * The transport, unchanged, plus a feed of each response's `Date` header with the moments the request left and its
 * answer arrived. Every identity and Graph request goes through this one transport, so every answer counts. The
 * moments come from this computer's own clock (`localNow`), never the app's corrected one: the offset being
 * measured is the computer's, and measuring the corrected clock would measure the correction.
 */
export function observeServerDates(transport: HttpTransport, localNow: () => number = Date.now): { transport: HttpTransport; feed: ServerDateFeed } {
  const listeners = new Set<(sample: DateSample) => void>();
  return {
    transport: {
      async send(request) {
        const sentAt = localNow();
        const response = await transport.send(request);
        const receivedAt = localNow();
        const serverDate = parseHttpDate(response.headers.date);
        if (serverDate !== null) for (const listener of listeners) listener({ sentAt, receivedAt, serverDate });
        return response;
      },
    },
    feed: {
      onSample(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}

/** RFC 9110's preferred format, IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), which Microsoft's services send. */
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * A Date header as ms since the epoch; null when absent or not an IMF-fixdate. The obsolete formats a client
 * should still read are not worth a guess here: a sample less only delays the estimate.
 */
export function parseHttpDate(value: string | undefined): number | null {
  if (value === undefined || !IMF_FIXDATE.test(value.trim())) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}
