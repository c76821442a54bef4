import type { Fault, FaultSpec } from './control-types.js';

export type ServiceTarget = 'login' | 'graph';

/** Faults tests ask for, consumed in the order they were added by the requests they match. */
export class FaultInjector {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: `fault-${this.nextId++}`, remaining: spec.count };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The first live fault matching the request, with one use taken from it. */
  take(target: ServiceTarget, method: string, pathAndQuery: string): Fault | undefined {
    const fault = this.faults.find(
      (candidate) =>
        (candidate.target === 'all' || candidate.target === target) &&
        (candidate.method === undefined || candidate.method === method) &&
        (candidate.pathContains === undefined || pathAndQuery.includes(candidate.pathContains)),
    );
    if (!fault) return undefined;
    if (fault.remaining > 0 && --fault.remaining === 0) this.faults = this.faults.filter((other) => other !== fault);
    return { ...fault };
  }
}
