import type { AccountView } from '../../../shared/account.js';
import { algorithmLabel } from '../accounts/format.js';

/**
 * What kind of codes the account makes, in a quiet row under the code: type, algorithm, digits, period (an HOTP
 * account's counter is beside its code: CodePanel).
 */
export function AccountFacts({ otp }: { otp: AccountView['otp'] }) {
  const facts: [string, string][] = [
    ['Type', otp.type === 'steam' ? 'Steam Guard' : otp.type.toUpperCase()],
    ['Algorithm', algorithmLabel(otp.algorithm)],
    ['Digits', String(otp.digits)],
    ...(otp.type === 'hotp' ? [] : [['Period', `${otp.period} s`] as [string, string]]),
  ];
  return (
    <dl className="account-facts">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
