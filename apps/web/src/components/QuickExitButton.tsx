import { quickExit } from '../lib/quick-exit';

/** The always-visible way out. Shift pressed three times does the same (see quick-exit.ts). */
export function QuickExitButton(props: { label?: string | undefined }) {
  return (
    <button type="button" className="button exit" onClick={quickExit}>
      {props.label ?? 'Quick exit'}
    </button>
  );
}
