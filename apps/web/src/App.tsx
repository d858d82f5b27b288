import { QuickExitButton } from './components/QuickExitButton';

export function App() {
  return (
    <>
      <header className="topbar">
        <div className="topbar-inner">
          <span className="app-name">{document.title}</span>
          <QuickExitButton />
        </div>
      </header>
      <main id="main" className="narrow">
        <h1>Casebook</h1>
        <p>Starting…</p>
      </main>
    </>
  );
}
