import { useState } from 'react';

export const PAGE_SIZE = 50;

/** Long lists render 50 at a time: thousands of cards would make every screen slow. */
export function useShowMore(): [number, () => void] {
  const [shown, setShown] = useState(PAGE_SIZE);
  return [shown, () => setShown((s) => s + PAGE_SIZE)];
}

export function ShowMoreButton(props: { total: number; shown: number; onMore(): void }) {
  if (props.total <= props.shown) return null;
  return (
    <p className="button-row">
      <button type="button" className="button secondary" onClick={props.onMore}>
        Show more ({(props.total - props.shown).toLocaleString('en-GB')} more)
      </button>
    </p>
  );
}
