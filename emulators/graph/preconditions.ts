import { cTagOf, eTagOf, type StoredFile } from '../state/drive.js';
import type { ConflictBehavior } from '../state/upload-sessions.js';
import { GraphError } from './graph-error.js';

/** Entity tags of an If-Match / If-None-Match list; OneDrive's eTags contain commas, so split on the quotes. */
function entityTags(header: string): string[] {
  if (header.trim() === '*') return ['*'];
  const tags = header.match(/(?:W\/)?"[^"]*"/g);
  if (!tags) throw new GraphError(400, 'invalidRequest', 'ETag header is malformed. ETags must be quoted strings.', 'malformedEntityTag');
  return tags.map((tag) => tag.replace(/^W\//, ''));
}

/** A precondition names the current version by its eTag or its cTag (both are accepted, as documented). */
function matches(header: string, file: StoredFile | undefined): boolean {
  if (!file) return false;
  return entityTags(header).some((tag) => tag === '*' || tag === eTagOf(file) || tag === cTagOf(file));
}

/**
 * RFC 9110 preconditions as OneDrive applies them: If-Match fails (412) unless it names the current version (a
 * missing item has none), If-None-Match fails when it does.
 */
export function checkPreconditions(file: StoredFile | undefined, ifMatch: string | undefined, ifNoneMatch: string | undefined): void {
  if (ifMatch !== undefined && !matches(ifMatch, file)) {
    throw new GraphError(412, 'resourceModified', 'ETag does not match the current item\u2019s value.', 'entityTagDoesNotMatch');
  }
  if (ifNoneMatch !== undefined && matches(ifNoneMatch, file)) {
    throw new GraphError(412, 'resourceModified', 'The item matches the If-None-Match condition.', 'entityTagDoesNotMatch');
  }
}

/** Whether a conditional GET can be answered 304 Not Modified. */
export function notModified(file: StoredFile, ifNoneMatch: string | undefined): boolean {
  return ifNoneMatch !== undefined && matches(ifNoneMatch, file);
}

export function parseConflictBehavior(value: string | null | undefined, fallback: ConflictBehavior): ConflictBehavior {
  if (value === null || value === undefined) return fallback;
  if (value === 'fail' || value === 'replace' || value === 'rename') return value;
  throw new GraphError(400, 'invalidRequest', `Invalid value '${value}' for @microsoft.graph.conflictBehavior; use fail, replace or rename.`);
}

export function nameAlreadyExists(name: string): GraphError {
  return new GraphError(409, 'nameAlreadyExists', `An item named '${name}' already exists in the app folder.`);
}

export function quotaLimitReached(): GraphError {
  return new GraphError(507, 'quotaLimitReached', 'Insufficient Space Available');
}

const INVALID_NAME = /["*:<>?\\|]/;
const hasControlCharacter = (name: string) => [...name].some((character) => character.charCodeAt(0) < 0x20);

/** The file name from a path segment: decoded, and checked as OneDrive checks names. */
export function fileName(encoded: string): string {
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    throw new GraphError(400, 'invalidRequest', 'The path is not correctly percent-encoded.', 'invalidPath');
  }
  if (name.includes('/')) {
    throw new GraphError(400, 'notSupported', 'The emulator keeps files directly in the app folder; paths with subfolders are not supported.');
  }
  if (!name || name !== name.trim() || name.endsWith('.') || name.length > 255 || INVALID_NAME.test(name) || hasControlCharacter(name)) {
    throw new GraphError(400, 'invalidRequest', `The name '${name}' contains invalid characters or is not a valid file name.`, 'invalidPath');
  }
  return name;
}
