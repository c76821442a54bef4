import { generate } from 'selfsigned';

export interface EmulatorCertificates {
  /** The CA certificate (PEM) clients add to their trusted roots. */
  ca: string;
  /** The server's leaf certificate and key (PEM), valid for 127.0.0.1, ::1 and localhost. */
  cert: string;
  key: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A fresh CA and a leaf certificate it signs, made at every start, so no key is ever committed or reused and
 * trusting the CA means trusting exactly this run. A separate CA (rather than one self-signed leaf) is what real
 * servers look like to the TLS stack: the leaf is not a CA, and the chain is checked as it is in production.
 * EC keys: generation takes milliseconds, which keeps test start-up fast.
 */
export async function createEmulatorCertificates(): Promise<EmulatorCertificates> {
  // Backdated a day so a slightly wrong clock on the test machine does not make the certificate "not yet valid".
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const notAfterDate = new Date(Date.now() + 30 * DAY_MS);
  const ca = await generate([{ name: 'commonName', value: 'Authenticator local emulators CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { ca: ca.cert, cert: leaf.cert, key: leaf.private };
}
