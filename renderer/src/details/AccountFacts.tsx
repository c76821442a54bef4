import type { AccountView } from '../../../shared/account.js';

/** What kind of codes the account makes: type, algorithm, digits, and its period or counter. */
export function AccountFacts({ otp }: { otp: AccountView['otp'] }) {
  return (
    <dl className="details-facts">
      <dt>Type</dt>
      <dd>{otp.type === 'steam' ? 'Steam Guard' : otp.type.toUpperCase()}</dd>
      <dt>Algorithm</dt>
      <dd>{otp.algorithm}</dd>
      <dt>Digits</dt>
      <dd>{otp.digits}</dd>
      {otp.type === 'hotp' ? (
        <>
          <dt>Counter</dt>
          <dd>{otp.counter}</dd>
        </>
      ) : (
        <>
          <dt>Period</dt>
          <dd>{otp.period} s</dd>
        </>
      )}
    </dl>
  );
}
