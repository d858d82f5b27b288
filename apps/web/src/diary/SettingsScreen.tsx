import { Checkbox, Radios, Select, TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { customExitUrl, EXIT_DESTINATIONS, type ExitDestination, type Prefs } from '../lib/prefs';
import type { Navigate } from './routes';

const IDLE = [1, 2, 5, 10, 15, 30].map((m) => ({
  id: String(m),
  label: `${m} minute${m === 1 ? '' : 's'}`,
}));
const HIDDEN = [
  { id: '0', label: 'At once' },
  { id: '10', label: 'After 10 seconds' },
  { id: '30', label: 'After 30 seconds' },
  { id: '60', label: 'After 1 minute' },
  { id: '300', label: 'After 5 minutes' },
];
const EXITS = Object.entries(EXIT_DESTINATIONS).map(([id, d]) => ({ id, label: d.label }));

export function SettingsScreen(props: {
  prefs: Prefs;
  setPrefs(p: Prefs): void;
  navigate: Navigate;
}) {
  const { prefs, setPrefs } = props;
  return (
    <>
      <PageHeading>Settings</PageHeading>
      <p className="hint">
        These settings are kept on this device so they work before you unlock. They say nothing
        about what you have recorded.
      </p>
      <h2>Locking</h2>
      <Select
        label="Lock when nothing has been pressed for"
        value={String(prefs.idleMinutes)}
        onChange={(v) => setPrefs({ ...prefs, idleMinutes: Number(v) })}
        options={IDLE}
      />
      <Select
        label="Lock when you switch to another app or tab"
        value={String(prefs.hiddenGraceSeconds)}
        onChange={(v) => setPrefs({ ...prefs, hiddenGraceSeconds: Number(v) })}
        options={HIDDEN}
      />
      <h2>Quick exit</h2>
      <p>
        Quick exit locks at once and leaves for another page. You can also press the Shift key three
        times.
      </p>
      <Radios
        label="Where Quick exit goes"
        value={prefs.exitTo}
        onChange={(v) => setPrefs({ ...prefs, exitTo: v as ExitDestination })}
        options={EXITS}
      />
      {prefs.exitTo === 'custom' ? (
        <TextField
          label="Address of the page"
          hint="For example: www.bbc.co.uk/news. Until an address is here, Quick exit goes to BBC Weather."
          type="text"
          inputMode="text"
          spellCheck={false}
          value={prefs.exitCustom}
          onChange={(exitCustom) => setPrefs({ ...prefs, exitCustom })}
          error={
            prefs.exitCustom.trim() !== '' && !customExitUrl(prefs.exitCustom)
              ? 'This does not look like a web address. Type one like www.bbc.co.uk/news.'
              : undefined
          }
        />
      ) : null}
      <h2>Disguise</h2>
      <Checkbox
        label='Use a plain name and icon ("Notes")'
        checked={prefs.disguise}
        onChange={(disguise) => setPrefs({ ...prefs, disguise })}
      />
      <p className="hint">
        The tab title and icon change at once. If you have added the app to your home screen, remove
        it and add it again to change the icon there.
      </p>
      <h2>Sync</h2>
      <p>
        Keep this casebook the same on your other devices, through a server run by an organisation
        you trust. It is off until you turn it on.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button secondary"
          onClick={() => props.navigate({ name: 'sync' })}
        >
          Sync
        </button>
      </div>
      <h2>Passphrase and recovery code</h2>
      <p>Both ask for your current passphrase first, and both are recorded in the audit log.</p>
      <div className="button-row">
        <button
          type="button"
          className="button secondary"
          onClick={() => props.navigate({ name: 'change-passphrase' })}
        >
          Change passphrase
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => props.navigate({ name: 'new-recovery-code' })}
        >
          Make a new recovery code
        </button>
      </div>
    </>
  );
}
