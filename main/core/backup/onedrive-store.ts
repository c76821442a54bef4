import { FileUpload, GraphError, LargeFileUploadTask, ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { MAX_BACKUP_BYTES } from '../../../shared/backup-limits.js';
import { AppError } from '../../../shared/errors.js';
import { CloudBusyError, type CloudFile, type CloudStore } from './cloud-store.js';
import { appErrorFromGraph, ResponseSizeLimit, retryAfterMs } from './graph-pipeline.js';

/** Files up to this size go up in one request; larger ones through an upload session (Graph's limit is far higher). */
export const SIMPLE_UPLOAD_LIMIT = 4 * 1024 * 1024;
/** Upload-session fragments must be multiples of 320 KiB. */
const FRAGMENT_SIZE = 10 * 320 * 1024;

const DriveItem = z.object({ id: z.string(), eTag: z.string(), lastModifiedDateTime: z.string(), size: z.number().optional() });

export interface OneDriveStoreOptions {
  simpleUploadLimit?: number;
  fragmentSize?: number;
  /** A file larger than this is refused as damaged, before or while downloading (default: the backup format's limit). */
  maxFileBytes?: number;
}

/** The recovery account's OneDrive app folder (/me/drive/special/approot), least privilege: Files.ReadWrite.AppFolder. */
export function oneDriveStore(client: Client, options: OneDriveStoreOptions = {}): CloudStore {
  const simpleLimit = options.simpleUploadLimit ?? SIMPLE_UPLOAD_LIMIT;
  const maxFileBytes = options.maxFileBytes ?? MAX_BACKUP_BYTES;
  const itemPath = (name: string) => `/me/drive/special/approot:/${encodeURIComponent(name)}`;

  return {
    async read(name): Promise<CloudFile | null> {
      try {
        const item = DriveItem.parse(await client.api(itemPath(name)).get());
        // OneDrive's stated size is checked first; the download is capped as well, since it is only what Graph said.
        if (item.size !== undefined && item.size > maxFileBytes) throw tooLarge(maxFileBytes);
        const content: unknown = await client
          .api(`${itemPath(name)}:/content`)
          .middlewareOptions([new ResponseSizeLimit(maxFileBytes, tooLarge(maxFileBytes))])
          .responseType(ResponseType.ARRAYBUFFER)
          .get();
        if (!(content instanceof ArrayBuffer)) throw new AppError('network', 'OneDrive sent an unexpected answer; try again.');
        return { bytes: Buffer.from(content), eTag: item.eTag, lastModified: item.lastModifiedDateTime };
      } catch (error) {
        if (error instanceof GraphError && error.statusCode === 404) return null;
        throw cloudError(error);
      }
    },

    async version(name) {
      try {
        return DriveItem.parse(await client.api(itemPath(name)).get()).eTag;
      } catch (error) {
        if (error instanceof GraphError && error.statusCode === 404) return null;
        throw cloudError(error);
      }
    },

    async write(name, bytes, ifMatch) {
      const conflictBehavior = ifMatch === null ? 'fail' : 'replace';
      const preconditions: Record<string, string> = ifMatch === null ? {} : { 'If-Match': ifMatch };
      try {
        if (bytes.length <= simpleLimit) {
          const item: unknown = await client
            .api(`${itemPath(name)}:/content`)
            .query({ '@microsoft.graph.conflictBehavior': conflictBehavior })
            .headers({ ...preconditions, 'Content-Type': 'application/octet-stream' })
            .put(bytes);
          return { eTag: DriveItem.parse(item).eTag };
        }
        const session = await LargeFileUploadTask.createUploadSession(
          client,
          `${itemPath(name)}:/createUploadSession`,
          { item: { '@microsoft.graph.conflictBehavior': conflictBehavior } },
          preconditions,
        );
        const task = new LargeFileUploadTask(client, new FileUpload(bytes, name, bytes.length), session, {
          rangeSize: options.fragmentSize ?? FRAGMENT_SIZE,
        });
        const result = await task.upload();
        return { eTag: DriveItem.parse(result.responseBody).eTag };
      } catch (error) {
        throw cloudError(error);
      }
    },

    async remove(name) {
      try {
        await client.api(itemPath(name)).delete();
      } catch (error) {
        if (error instanceof GraphError && error.statusCode === 404) return;
        throw cloudError(error);
      }
    },
  };
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'backupDamaged',
    `The backup in OneDrive is larger than any backup this app makes (over ${Math.round(maxBytes / 2 ** 20)} MiB): it is damaged or was not made by this app. It was not downloaded.`,
  );
}

const GraphErrorBody = z.object({ error: z.object({ code: z.string() }) });
const UPLOAD_ERROR_STATUS: Record<string, number> = { nameAlreadyExists: 409, resourceModified: 412, preconditionFailed: 412, quotaLimitReached: 507 };

/** Graph's failures as the kinds the backup page explains. */
function cloudError(error: unknown): AppError {
  if (error instanceof AppError && error.kind === 'network') {
    return new AppError('network', 'OneDrive could not be reached. Check the internet connection.');
  }
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return new AppError('network', 'OneDrive sent an answer this app does not understand.');
  // An upload session's fragments are read raw: a refused last fragment throws Graph's error body itself.
  const code = GraphErrorBody.safeParse(error).data?.error.code;
  if (code) return cloudError(Object.assign(new GraphError(UPLOAD_ERROR_STATUS[code] ?? 0), { code }));
  if (!(error instanceof GraphError)) return new AppError('network', 'OneDrive could not be reached. Check the internet connection.');
  const ours = appErrorFromGraph(error);
  if (ours) return cloudError(ours);
  switch (error.statusCode) {
    case 409:
    case 412:
      return new AppError('cloudConflict', 'The backup in OneDrive was changed by another PC at the same moment.');
    case 507:
      return new AppError('cloudStorageFull', 'The recovery account’s OneDrive is full. Free some space in OneDrive; the backup will then be made by itself.');
    case 401:
    case 403:
      return new AppError('signInRequired', 'OneDrive refused the recovery account’s sign-in. Sign in to the recovery account again.');
    case 429:
    case 503:
    case 504:
      return new CloudBusyError(retryAfterMs(error.headers?.get('retry-after') ?? null, Date.now()));
    default:
      return new AppError('network', `OneDrive answered with an error (${error.statusCode}${error.code ? ` ${error.code}` : ''}).`);
  }
}
