/** Sample lastpass-authenticator files for its reader's tests and the detection matrix, built from the format's public description. */
const account = (fields: Record<string, unknown>) => ({
  accountID: `id-${String(fields.userName)}`, lmiUserId: null, pushNotification: false, timeStep: 30, digits: 6, creationTimestamp: 1700000000000,
  isFavorite: false, algorithm: 'SHA1', folderData: { folderId: 0, position: 0 }, backupInfo: null, ...fields,
});
export const lastPassSample = JSON.stringify({
  deviceId: 'device', deviceSecret: 'device-secret', localDeviceId: 'local', deviceName: 'Pixel', version: 3,
  accounts: [
    account({ issuerName: 'Google', originalIssuerName: 'Google', userName: 'alice@example.com', originalUserName: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' }),
    account({ issuerName: '', originalIssuerName: 'Bänk ✓', userName: 'Zoë', originalUserName: 'zoe', secret: 'mfrg gzdf mztw q2lk nnwg 23tp obyx e43u ov3h o6dz pi======', algorithm: 'SHA256', digits: 7, timeStep: 45 }),
    account({ issuerName: '', originalIssuerName: '', userName: 'no-issuer@example.com', originalUserName: '', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA512', digits: 8, timeStep: 60 }),
    account({ issuerName: 'LastPass', originalIssuerName: 'LastPass', userName: 'me@example.com', originalUserName: 'me@example.com', secret: '', pushNotification: true }),
    account({ issuerName: 'Later', originalIssuerName: 'Later', userName: 'ok', originalUserName: 'ok', secret: 'ORSXG5DTMVRXEZLUMFRGG3DFOI' }),
  ],
  folders: [{ id: 0, name: 'Other', isOpened: true }],
});
