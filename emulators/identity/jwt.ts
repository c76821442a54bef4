import { createHash, generateKeyPair, sign, type JsonWebKey, type KeyObject } from 'node:crypto';

export interface JwtSigner {
  sign(claims: Record<string, unknown>): string;
  /** The JSON Web Key Set served at jwks_uri, so a client that does verify ID tokens can. */
  jwks(): { keys: JsonWebKey[] };
}

/** An RS256 key made at start (as AAD signs ID tokens with RS256); MSAL itself decodes without verifying. */
export async function createJwtSigner(): Promise<JwtSigner> {
  const { privateKey, publicKey } = await new Promise<{ privateKey: KeyObject; publicKey: KeyObject }>((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKeyObject, privateKeyObject) =>
      error ? reject(error) : resolve({ privateKey: privateKeyObject, publicKey: publicKeyObject }),
    ),
  );
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(JSON.stringify(jwk)).digest('base64url').slice(0, 27);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    sign(claims) {
      const input = `${encode({ typ: 'JWT', alg: 'RS256', kid })}.${encode(claims)}`;
      return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
    },
    jwks: () => ({ keys: [{ ...jwk, kid, use: 'sig', alg: 'RS256' }] }),
  };
}
