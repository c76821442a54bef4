import { execFileSync } from 'node:child_process';

/** The independent oracle: what oathtool says the TOTP code is at `unixSeconds`. */
export function oathtoolTotp(secret: string, unixSeconds: number, { digits = 6, period = 30, algorithm = 'sha1' } = {}): string {
  return execFileSync('oathtool', [`--totp=${algorithm}`, '-b', '-d', String(digits), '-s', `${period}s`, '-N', `@${unixSeconds}`, secret], { encoding: 'utf8' }).trim();
}
