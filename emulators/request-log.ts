import type { IncomingMessage } from 'node:http';
import type { RequestRecord } from './control-types.js';
import type { ServiceTarget } from './faults.js';
import { header } from './http/io.js';

const MAX_RECORDS = 10_000;

/** The secret segment of pre-authenticated URLs (/dl/<secret>, /up/<secret>) is a credential: never logged. */
export function redactPath(pathAndQuery: string): string {
  return pathAndQuery.replace(/^\/(dl|up)\/[^/?]+/, '/$1/…');
}

/** What tests assert on: which requests arrived, how they were answered, with which preconditions. */
export class RequestLog {
  private records: RequestRecord[] = [];

  begin(req: IncomingMessage, target: ServiceTarget, pathAndQuery: string): RequestRecord {
    const record: RequestRecord = {
      time: new Date().toISOString(),
      target,
      method: req.method ?? 'GET',
      path: redactPath(pathAndQuery),
      status: 0,
      ifMatch: header(req, 'if-match') ?? null,
      ifNoneMatch: header(req, 'if-none-match') ?? null,
      contentRange: header(req, 'content-range') ?? null,
      authorization: header(req, 'authorization') !== undefined,
      fault: null,
    };
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
    return record;
  }

  list(target?: ServiceTarget): RequestRecord[] {
    return this.records.filter((record) => target === undefined || record.target === target).map((record) => ({ ...record }));
  }

  clear(): void {
    this.records = [];
  }
}
