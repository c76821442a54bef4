import { describe, expect, it } from 'vitest';
import { CLOCK_OFF_THRESHOLD_MS } from '../../../shared/clock-offset-text.js';
import { seededRandom } from '../testing/test-helpers.js';
import { ClockOffsetEstimator, type DateSample } from './offset-estimator.js';
import { observeServerDates, parseHttpDate } from './server-dates.js';

/**
 * A request to a server whose clock is `offsetMs` ahead of ours: it leaves at `sentAt` (our clock), the server
 * makes its answer `toServerMs` later and stamps it with its time truncated to the second, as RFC 9110 dates are,
 * and the answer arrives `backMs` after that.
 */
function exchange(sentAt: number, offsetMs: number, toServerMs: number, backMs: number): DateSample {
  const madeAt = sentAt + toServerMs;
  return { sentAt, receivedAt: madeAt + backMs, serverDate: Math.floor((madeAt + offsetMs) / 1000) * 1000 };
}

function estimateOf(samples: DateSample[]): number | null {
  const estimator = new ClockOffsetEstimator();
  for (const sample of samples) estimator.add(sample);
  return estimator.estimate();
}

const START = Date.UTC(2026, 11, 7, 3, 40, 0, 123);

describe('the clock offset estimate', () => {
  it('never calls a correct clock off: 20,000 runs of random latencies up to 10 s, either way, anywhere in the second', () => {
    const random = seededRandom(14_7);
    let worst = 0;
    for (let run = 0; run < 20_000; run++) {
      const samples = Array.from({ length: 3 + Math.floor(random() * 7) }, (_, i) => {
        const total = random() * 10_000; // the slowest answer the estimate keeps
        const toServer = random() * total;
        return exchange(START + i * 300_000 + random() * 1000, 0, toServer, total - toServer);
      });
      const estimate = estimateOf(samples)!;
      worst = Math.max(worst, Math.abs(estimate));
    }
    // The bound the estimator promises, (round trip + 1 s) / 2, and far from the threshold.
    expect(worst).toBeLessThanOrEqual(5_500);
    expect(worst).toBeLessThan(CLOCK_OFF_THRESHOLD_MS);
  });

  it('accounts for the Date header\'s whole seconds: no half-second bias, and within half a second on a fast network', () => {
    const random = seededRandom(9110);
    const offset = 90_000;
    let sum = 0;
    const runs = 2000;
    for (let run = 0; run < runs; run++) {
      // Answers within 20 ms, made at any moment of the server's second.
      const samples = Array.from({ length: 5 }, (_, i) => exchange(START + i * 60_000 + random() * 1000, offset, random() * 10, random() * 10));
      const error = estimateOf(samples)! - offset;
      expect(Math.abs(error)).toBeLessThanOrEqual(510);
      sum += error;
    }
    // Reading Date as the exact moment would be 500 ms low on average; the midpoint of its second is not.
    expect(Math.abs(sum / runs)).toBeLessThan(60);
  });

  it('ignores one-off outliers: a proxy\'s stale Date, a server an hour off, a reply that took a minute', () => {
    const good = (i: number) => exchange(START + i * 1000, 90_000, 80, 80);
    const stale = { ...good(2), serverDate: good(2).serverDate - 3_600_000 };
    const wild = { ...good(4), serverDate: good(4).serverDate + 7_200_000 };
    const estimate = estimateOf([good(0), good(1), stale, good(3), wild]);
    expect(Math.abs(estimate! - 90_000)).toBeLessThan(1000);

    const estimator = new ClockOffsetEstimator();
    expect(estimator.add(exchange(START, 0, 30_000, 30_000))).toBe(false); // a minute's round trip says little
    expect(estimator.add({ sentAt: START, receivedAt: START - 5, serverDate: START })).toBe(false); // our clock jumped back meanwhile
    expect(estimator.add(good(0))).toBe(true);
  });

  it('says nothing before three samples, then follows a clock that was put right after three', () => {
    const estimator = new ClockOffsetEstimator();
    estimator.add(exchange(START, 90_000, 50, 50));
    estimator.add(exchange(START + 1000, 90_000, 50, 50));
    expect(estimator.estimate()).toBeNull();
    for (let i = 2; i < 12; i++) estimator.add(exchange(START + i * 1000, 90_000, 50, 50));
    expect(Math.round(estimator.estimate()! / 1000)).toBe(90);
    // The person fixes the system clock: from now on our clock agrees with the servers'.
    const later = START + 3_600_000;
    for (let i = 0; i < 2; i++) estimator.add(exchange(later + i * 1000, 0, 50, 50));
    expect(Math.round(estimator.estimate()! / 1000)).toBe(90); // two of five: still the old majority
    estimator.add(exchange(later + 5000, 0, 50, 50));
    expect(Math.abs(estimator.estimate()!)).toBeLessThan(1000);
  });
});

describe('Date headers', () => {
  it('reads RFC 9110 IMF-fixdate and nothing looser', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Mon, 07 Dec 2026 03:41:09 GMT')).toBe(Date.UTC(2026, 11, 7, 3, 41, 9));
    for (const loose of [undefined, '', '1', 'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994', '2026-12-07T03:41:09Z', 'Sun, 06 Nov 1994 08:49:37 +0100']) {
      expect(parseHttpDate(loose), String(loose)).toBeNull();
    }
  });

  it('the transport passes answers through unchanged and reports each Date with the moments around it', async () => {
    let local = START;
    const answer = { status: 200, headers: { date: 'Mon, 07 Dec 2026 03:41:09 GMT' }, body: Buffer.from('{}') };
    const inner = {
      send: async () => {
        local += 120; // the request is on its way
        return answer;
      },
    };
    const { transport, feed } = observeServerDates(inner, () => local);
    const samples: DateSample[] = [];
    feed.onSample((sample) => samples.push(sample));
    expect(await transport.send({ method: 'GET', url: 'https://login.example/' })).toBe(answer);
    expect(samples).toEqual([{ sentAt: START, receivedAt: START + 120, serverDate: Date.UTC(2026, 11, 7, 3, 41, 9) }]);
  });
});
