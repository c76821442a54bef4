import { createHash } from 'node:crypto';
import type { EmulatorState } from '../state.js';
import { cTagOf, eTagOf, type Drive, type StoredFile } from '../state/drive.js';
import type { EmulatedUser } from '../state/users.js';

/** OneDrive names an app folder after the app registration; this is the project's. */
export const APP_FOLDER_NAME = 'Authenticator';

const MIME_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.bin': 'application/octet-stream',
};

/** OneDrive derives the MIME type from the name, not from the upload's Content-Type. */
function mimeTypeOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot >= 0 ? MIME_TYPES[name.slice(dot).toLowerCase()] : undefined) ?? 'application/octet-stream';
}

const driveType = (drive: Drive) => (drive.owner.kind === 'personal' ? 'personal' : 'business');

/** A file's driveItem, as GET .../approot:/{name} returns it, with a fresh pre-authenticated download URL. */
export function fileJson(state: EmulatorState, drive: Drive, file: StoredFile): Record<string, unknown> {
  const link = state.downloads.create(drive.owner.objectId, file.name, file.bytes);
  return {
    '@microsoft.graph.downloadUrl': `${state.origins.content}/dl/${link}`,
    createdDateTime: file.createdDateTime,
    cTag: cTagOf(file),
    eTag: eTagOf(file),
    id: file.id,
    lastModifiedDateTime: file.lastModifiedDateTime,
    name: file.name,
    size: file.bytes.length,
    parentReference: { driveId: drive.driveId, driveType: driveType(drive), id: drive.appRootId, name: APP_FOLDER_NAME, path: `/drive/root:/Apps/${APP_FOLDER_NAME}` },
    file: {
      mimeType: mimeTypeOf(file.name),
      hashes: {
        sha1Hash: createHash('sha1').update(file.bytes).digest('hex').toUpperCase(),
        sha256Hash: createHash('sha256').update(file.bytes).digest('hex').toUpperCase(),
      },
    },
    fileSystemInfo: { createdDateTime: file.createdDateTime, lastModifiedDateTime: file.lastModifiedDateTime },
  };
}

/** The app folder (GET /me/drive/special/approot): a folder item with specialFolder.name "approot". */
export function appRootJson(drive: Drive): Record<string, unknown> {
  const files = drive.list();
  const modified = files.reduce((latest, file) => (file.lastModifiedDateTime > latest ? file.lastModifiedDateTime : latest), drive.createdDateTime);
  return {
    createdDateTime: drive.createdDateTime,
    cTag: `"c:{${drive.appRootTag}},${drive.revision}"`,
    eTag: `"{${drive.appRootTag}},${drive.revision}"`,
    id: drive.appRootId,
    lastModifiedDateTime: modified,
    name: APP_FOLDER_NAME,
    size: drive.used(),
    parentReference: { driveId: drive.driveId, driveType: driveType(drive), id: drive.rootId, path: '/drive/root:/Apps' },
    fileSystemInfo: { createdDateTime: drive.createdDateTime, lastModifiedDateTime: modified },
    folder: { childCount: files.length },
    specialFolder: { name: 'approot' },
  };
}

/** GET /me/drive, with OneDrive's quota states (nearing at 90 %, critical at 99 %, exceeded when full). */
export function driveJson(drive: Drive): Record<string, unknown> {
  const used = drive.used();
  const ratio = drive.quotaTotal === 0 ? 1 : used / drive.quotaTotal;
  const quotaState = ratio >= 1 ? 'exceeded' : ratio >= 0.99 ? 'critical' : ratio >= 0.9 ? 'nearing' : 'normal';
  return {
    id: drive.driveId,
    driveType: driveType(drive),
    owner: { user: { displayName: drive.owner.displayName, id: drive.owner.graphId } },
    quota: { deleted: 0, remaining: Math.max(drive.quotaTotal - used, 0), state: quotaState, total: drive.quotaTotal, used },
  };
}

/** GET /me's default properties. */
export function meJson(state: EmulatorState, user: EmulatedUser): Record<string, unknown> {
  const [givenName, ...rest] = user.displayName.split(' ');
  return {
    '@odata.context': `${state.origins.api}/v1.0/$metadata#users/$entity`,
    businessPhones: [],
    displayName: user.displayName,
    givenName: givenName ?? null,
    jobTitle: null,
    mail: user.username.includes('@') ? user.username : null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: rest.length > 0 ? rest.join(' ') : null,
    userPrincipalName: user.username,
    id: user.graphId,
  };
}
