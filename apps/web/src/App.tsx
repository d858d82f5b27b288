import { useCallback, useEffect, useRef, useState } from 'react';
import { LockWarning } from './components/LockWarning';
import { QuickExitButton } from './components/QuickExitButton';
import { vault } from './data/vault';
import { Diary } from './diary/Diary';
import { revokeAllUrls } from './evidence/blob-urls';
import { useAutoLock } from './lib/auto-lock';
import { applyIdentity, identityFor } from './lib/disguise';
import { loadPrefs, type Prefs, savePrefs } from './lib/prefs';
import { onQuickExit } from './lib/quick-exit';
import { FirstRun } from './screens/FirstRun';
import { NewPassphraseScreen } from './screens/NewPassphraseScreen';
import { RecoveryCodeScreen } from './screens/RecoveryCodeScreen';
import { RecoveryUnlockScreen } from './screens/RecoveryUnlockScreen';
import { RestoreScreen } from './screens/RestoreScreen';
import { UnlockScreen } from './screens/UnlockScreen';
import { LinkDeviceScreen } from './sync/LinkDeviceScreen';
import type { UnlockNoticesView } from './worker/protocol';

type Phase =
  | { name: 'starting' }
  | { name: 'broken' }
  | { name: 'first-run' }
  | { name: 'restore' }
  | { name: 'link-device' }
  | { name: 'recovery-code'; code: string; persisted: boolean | undefined; replaced?: boolean }
  | { name: 'locked' }
  | { name: 'recovery-unlock' }
  | { name: 'new-passphrase' }
  | { name: 'unlocked' };

const UNLOCKED_PHASES: ReadonlySet<Phase['name']> = new Set([
  'recovery-code',
  'new-passphrase',
  'unlocked',
]);

async function requestPersistence(): Promise<boolean | undefined> {
  try {
    if (!navigator.storage?.persist) return undefined;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return undefined;
  }
}

export function App() {
  const [phase, setPhase] = useState<Phase>({ name: 'starting' });
  const [prefs, setPrefsState] = useState<Prefs>(loadPrefs);
  // Each unlock gets a fresh Diary tree, so nothing decrypted survives a lock in React state.
  const [session, setSession] = useState(0);
  // What unlock found since last time (wrong passphrases, a history gone back): kept until
  // the person dismisses it or the casebook locks.
  const [notices, setNotices] = useState<UnlockNoticesView | undefined>();
  const unlocked = UNLOCKED_PHASES.has(phase.name);
  const identity = identityFor(prefs);

  const setPrefs = useCallback((next: Prefs) => {
    savePrefs(next);
    applyIdentity(next);
    setPrefsState(next);
  }, []);

  // Set by the unlocked diary: writes pending drafts, so a lock keeps what was being written.
  const beforeLock = useRef<(() => Promise<void>) | undefined>(undefined);
  const setBeforeLock = useCallback((flush: (() => Promise<void>) | undefined) => {
    beforeLock.current = flush;
  }, []);

  /** Locks: the worker zeroes its keys and is terminated, and the diary is unmounted. */
  const lockNow = useCallback((): Promise<void> => {
    beforeLock.current = undefined;
    const locked = vault.lock();
    revokeAllUrls();
    setNotices(undefined);
    setSession((s) => s + 1);
    setPhase((p) =>
      p.name === 'first-run' || p.name === 'restore' || p.name === 'link-device'
        ? p
        : { name: 'locked' },
    );
    return locked;
  }, []);

  useEffect(() => {
    let live = true;
    vault
      .call('status')
      .then((s) => {
        if (live) setPhase(s.exists ? { name: 'locked' } : { name: 'first-run' });
      })
      .catch(() => {
        if (live) setPhase({ name: 'broken' });
      });
    return () => {
      live = false;
    };
  }, []);

  /** Writes pending drafts first (briefly: a lock must not wait on a stuck write), then locks. */
  const lock = useCallback(() => {
    const flush = beforeLock.current;
    beforeLock.current = undefined;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 1500));
    const flushed = flush ? Promise.race([flush().catch(() => undefined), timeout]) : undefined;
    const locked = flushed ? flushed.then(lockNow) : lockNow();
    // Once the old worker has wiped and gone, a fresh one starts for the unlock screen, so
    // libsodium compiles while the passphrase is typed rather than after Unlock is pressed.
    void locked.then(() => vault.call('status')).catch(() => undefined);
  }, [lockNow]);

  useEffect(
    () =>
      onQuickExit(() => {
        // Posts the lock message at once; the page leaves without waiting for the answer.
        void vault.lock();
        revokeAllUrls();
      }),
    [],
  );

  // Leaving the page (or it going into the back-forward cache) locks at once.
  useEffect(() => {
    window.addEventListener('pagehide', lockNow);
    return () => window.removeEventListener('pagehide', lockNow);
  }, [lockNow]);

  // While the recovery code is on screen, idle time does not lock: writing it down takes a
  // while and it is shown only once. Hiding the page, Lock and Quick exit still lock.
  const idle = useAutoLock(
    unlocked,
    phase.name === 'recovery-code' ? 24 * 60 : prefs.idleMinutes,
    prefs.hiddenGraceSeconds,
    lock,
    () => void beforeLock.current?.(),
  );
  const warning = idle.warning ? <LockWarning onStay={idle.stay} /> : null;

  const enterDiary = () => {
    setSession((s) => s + 1);
    setPhase({ name: 'unlocked' });
  };

  let screen: React.ReactNode;
  switch (phase.name) {
    case 'starting':
      screen = <p role="status">Opening…</p>;
      break;
    case 'broken':
      screen = (
        <div className="alert" role="alert">
          <p>
            This browser could not open its private storage. If you are in a private or incognito
            window, open the app in a normal window instead.
          </p>
        </div>
      );
      break;
    case 'first-run':
      screen = (
        <FirstRun
          onCreated={(code) => {
            void requestPersistence().then((persisted) =>
              setPhase({ name: 'recovery-code', code, persisted }),
            );
          }}
          onRestore={() => setPhase({ name: 'restore' })}
          onLink={() => setPhase({ name: 'link-device' })}
        />
      );
      break;
    case 'restore':
      screen = (
        <RestoreScreen
          onRestored={() => {
            void requestPersistence();
            enterDiary();
          }}
          onBack={() => setPhase({ name: 'first-run' })}
        />
      );
      break;
    case 'link-device':
      screen = (
        <LinkDeviceScreen
          onOpened={() => {
            void requestPersistence();
            enterDiary();
          }}
          onBack={() => setPhase({ name: 'first-run' })}
        />
      );
      break;
    case 'recovery-code':
      screen = (
        <RecoveryCodeScreen
          code={phase.code}
          persisted={phase.persisted}
          replaced={phase.replaced}
          onDone={() => enterDiary()}
        />
      );
      break;
    case 'locked':
      screen = (
        <UnlockScreen
          name={identity.name}
          onUnlocked={(found) => {
            setNotices(found);
            enterDiary();
          }}
          onUseRecoveryCode={() => setPhase({ name: 'recovery-unlock' })}
        />
      );
      break;
    case 'recovery-unlock':
      screen = (
        <RecoveryUnlockScreen
          onUnlocked={(found) => {
            setNotices(found);
            setPhase({ name: 'new-passphrase' });
          }}
          onBack={() => setPhase({ name: 'locked' })}
        />
      );
      break;
    case 'new-passphrase':
      screen = (
        <NewPassphraseScreen
          title="Choose a new passphrase"
          intro="You opened it with your recovery code. Choose a new passphrase to use from now on. Your recovery code keeps working."
          onDone={() => enterDiary()}
        />
      );
      break;
    case 'unlocked':
      return (
        <>
          {warning}
          <Diary
            key={session}
            identityName={identity.name}
            exitLabel={identity.exitLabel}
            setBeforeLock={setBeforeLock}
            prefs={prefs}
            setPrefs={setPrefs}
            onLock={lock}
            notices={notices}
            onDismissNotices={() => setNotices(undefined)}
            onNewRecoveryCode={(code) =>
              setPhase({ name: 'recovery-code', code, persisted: undefined, replaced: true })
            }
          />
        </>
      );
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <span className="app-name">{identity.name}</span>
          {/* Nothing else here: the recovery code and "Choose a new passphrase" are left only
              through their own button (a Lock or New incident would skip them for good).
              Quick exit stays on every screen. */}
          <QuickExitButton label={identity.exitLabel} />
        </div>
      </header>
      {warning}
      <main id="main" className="narrow">
        {screen}
      </main>
    </>
  );
}
