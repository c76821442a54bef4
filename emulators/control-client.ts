import { z } from 'zod';
import {
  EmulatorConfig,
  FaultView,
  FileView,
  FileWithContent,
  RequestRecord,
  SettingsView,
  UserView,
  type FaultInput,
  type SettingsInput,
} from './control-types.js';
import type { EmulatedUserInput } from './index.js';

export class EmulatorControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorControlError';
  }
}

export interface StoredFileContent extends FileView {
  bytes: Buffer;
}

const ControlFailure = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const Count = (key: string) => z.object({ [key]: z.number() }).transform((value) => value[key] ?? 0);

/**
 * The typed client of the emulators' control API (control-api.ts), for tests and the harness. Every method
 * validates the answer, and fails with EmulatorControlError (status, code, message) when the API refuses.
 */
export class EmulatorControl {
  constructor(readonly baseUrl: string) {}

  /** Everything MSAL, the Graph client and the transport need to talk to these emulators. */
  config(): Promise<EmulatorConfig> {
    return this.call('GET', '/config', EmulatorConfig);
  }

  /** Users, files, tokens, faults, the request log and settings back to a fresh start (same ports and CA). */
  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }

  createUser(input: EmulatedUserInput): Promise<UserView> {
    return this.call('POST', '/users', UserView, input);
  }

  users(): Promise<UserView[]> {
    return this.call('GET', '/users', z.array(UserView));
  }

  user(username: string): Promise<UserView> {
    return this.call('GET', `/users/${enc(username)}`, UserView);
  }

  async deleteUser(username: string): Promise<void> {
    await this.call('DELETE', `/users/${enc(username)}`);
  }

  /** The files in the user's app folder. */
  files(username: string): Promise<FileView[]> {
    return this.call('GET', `/users/${enc(username)}/files`, z.array(FileView));
  }

  /** A file of the user's app folder with its bytes, or null when there is none. */
  async readFile(username: string, name: string): Promise<StoredFileContent | null> {
    try {
      const { contentBase64, ...file } = await this.call('GET', `/users/${enc(username)}/files/${enc(name)}`, FileWithContent);
      return { ...file, bytes: Buffer.from(contentBase64, 'base64') };
    } catch (error) {
      if (error instanceof EmulatorControlError && error.code === 'fileNotFound') return null;
      throw error;
    }
  }

  /** Writes a file as if another device had (new eTag), bypassing the quota. */
  putFile(username: string, name: string, content: Uint8Array | string): Promise<FileView> {
    return this.call('PUT', `/users/${enc(username)}/files/${enc(name)}`, FileView, typeof content === 'string' ? Buffer.from(content) : content);
  }

  /** Makes a file of `size` bytes in the emulator (`{"header":` then spaces, never a valid backup) without sending it. */
  fillFile(username: string, name: string, size: number): Promise<FileView> {
    return this.call('POST', `/users/${enc(username)}/files/${enc(name)}/fill`, FileView, { size });
  }

  /** Deletes a file; false when there was none. */
  async deleteFile(username: string, name: string): Promise<boolean> {
    try {
      await this.call('DELETE', `/users/${enc(username)}/files/${enc(name)}`);
      return true;
    } catch (error) {
      if (error instanceof EmulatorControlError && error.code === 'fileNotFound') return false;
      throw error;
    }
  }

  setQuota(username: string, totalBytes: number): Promise<{ total: number; used: number }> {
    return this.call('PUT', `/users/${enc(username)}/quota`, z.object({ total: z.number(), used: z.number() }), { total: totalBytes });
  }

  /** Makes the user's access tokens expired now (Graph answers 401); returns how many. */
  expireAccessTokens(username: string): Promise<number> {
    return this.call('POST', `/users/${enc(username)}/access-tokens/expire`, Count('expired'), {});
  }

  /** Revokes the user's refresh tokens (refresh answers invalid_grant AADSTS50173); returns how many. */
  revokeRefreshTokens(username: string): Promise<number> {
    return this.call('POST', `/users/${enc(username)}/refresh-tokens/revoke`, Count('revoked'), {});
  }

  /** Makes the user's refresh tokens expired (refresh answers invalid_grant AADSTS700082); returns how many. */
  expireRefreshTokens(username: string): Promise<number> {
    return this.call('POST', `/users/${enc(username)}/refresh-tokens/expire`, Count('expired'), {});
  }

  settings(): Promise<SettingsView> {
    return this.call('GET', '/settings', SettingsView);
  }

  updateSettings(input: SettingsInput): Promise<SettingsView> {
    return this.call('PUT', '/settings', SettingsView, input);
  }

  /** expires_in (seconds) of access tokens issued from now on. */
  setAccessTokenLifetime(seconds: number): Promise<SettingsView> {
    return this.updateSettings({ accessTokenLifetimeSeconds: seconds });
  }

  /** Serves every identity and Graph response's Date header `ms` ahead of real time (negative: behind); 0 for real time. */
  setDateSkew(ms: number): Promise<SettingsView> {
    return this.updateSettings({ dateSkewMs: ms });
  }

  /** Adds a fault; it hits the next `count` (default 1; -1: all until clearFaults) matching requests. */
  addFault(fault: FaultInput): Promise<FaultView> {
    return this.call('POST', '/faults', FaultView, fault);
  }

  faults(): Promise<FaultView[]> {
    return this.call('GET', '/faults', z.array(FaultView));
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  /** The requests the emulators received, oldest first (never tokens or bodies). */
  requests(target?: 'login' | 'graph'): Promise<RequestRecord[]> {
    return this.call('GET', target ? `/requests?target=${target}` : '/requests', z.array(RequestRecord));
  }

  async clearRequests(): Promise<void> {
    await this.call('DELETE', '/requests');
  }

  private async call(method: string, path: string): Promise<void>;
  private async call<T extends z.ZodType>(method: string, path: string, schema: T, body?: unknown): Promise<z.output<T>>;
  private async call(method: string, path: string, schema?: z.ZodType, body?: unknown): Promise<unknown> {
    const raw = body instanceof Uint8Array;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': raw ? 'application/octet-stream' : 'application/json' },
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const failure = ControlFailure.safeParse(json);
      throw failure.success
        ? new EmulatorControlError(response.status, failure.data.error.code, failure.data.error.message)
        : new EmulatorControlError(response.status, 'unknown', `${method} ${path} answered ${response.status}.`);
    }
    return schema ? schema.parse(json) : undefined;
  }
}

const enc = encodeURIComponent;
