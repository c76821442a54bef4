import { AccountList } from './AccountList.js';
import { AddByLink } from './AddByLink.js';
import { LoadProblem } from './LoadProblem.js';
import { useAccounts } from './use-accounts.js';

export function App() {
  const state = useAccounts();
  return (
    <div className="app">
      <header className="app-header">
        <h1>Authenticator</h1>
      </header>
      <main className="app-main">
        {state.loadError ? (
          <LoadProblem error={state.loadError} onResolved={state.reload} />
        ) : (
          <>
            <AddByLink />
            <AccountList accounts={state.accounts} codes={state.codes} clockOffsetMs={state.clockOffsetMs} />
          </>
        )}
      </main>
    </div>
  );
}
