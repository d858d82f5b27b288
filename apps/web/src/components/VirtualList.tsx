import {
  type ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { layout, type RowRange, rangeFor } from './window-range';

/**
 * A list that draws only the rows near the window's view (issue 13: 10,000 incidents on a
 * phone). Written here rather than taken from a library because it is small, and ours has to
 * keep things a library would not know about: the page (not a box) scrolls, so the phone's
 * bottom bar and scroll-padding still work; no `style` attribute in the markup (the CSP's
 * `style-src 'self'`: heights are set through the CSSOM from an effect); and the row that holds
 * the keyboard focus stays drawn, so focus is never dropped onto the page by a scroll.
 *
 * Rows are real `<li>`s of one `<ul>` with `aria-setsize`/`aria-posinset`, so a screen reader
 * still hears "item 3 of 10,000"; each row's height is measured once drawn (ResizeObserver) and
 * guessed with `estimate` until then.
 */
export function VirtualList<T>(props: {
  items: readonly T[];
  keyOf: (item: T) => string;
  /** A guess at a row's height in px, used until it has been drawn and measured. */
  estimate: (item: T) => number;
  renderRow: (item: T, index: number) => ReactNode;
  label: string;
  className?: string;
  rowClassName?: string;
  /** Px drawn beyond the view on each side. */
  overscan?: number;
}) {
  const { items, keyOf, estimate } = props;
  const overscan = props.overscan ?? 1200;
  const listRef = useRef<HTMLUListElement>(null);
  const heights = useRef(new Map<string, number>());
  const [measured, setMeasured] = useState(0);
  const [range, setRange] = useState<RowRange>({ start: 0, end: Math.min(items.length, 30) });
  const [focusKey, setFocusKey] = useState<string | null>(null);

  // `measured` is a version number: a row's new height changes every offset below it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: measured is the heights' version
  const offsets = useMemo(
    () =>
      layout(items.length, (i) => {
        const item = items[i] as T;
        return heights.current.get(keyOf(item)) ?? estimate(item);
      }),
    [items, keyOf, estimate, measured],
  );
  const offsetsRef = useRef(offsets);
  offsetsRef.current = offsets;

  const update = useCallback(() => {
    const list = listRef.current;
    if (!list) return;
    const top = -list.getBoundingClientRect().top;
    const next = rangeFor(offsetsRef.current, top, top + window.innerHeight, overscan);
    setRange((r) => (r.start === next.start && r.end === next.end ? r : next));
  }, [overscan]);

  // After every layout change (new list, new heights) the range is worked out again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: offsets is read through offsetsRef
  useLayoutEffect(update, [update, offsets]);

  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        update();
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      cancelAnimationFrame(frame);
    };
  }, [update]);

  const observer = useMemo(
    () =>
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            let changed = false;
            for (const entry of entries) {
              const el = entry.target as HTMLElement;
              const key = el.dataset.rowKey;
              if (key === undefined) continue;
              const h = el.offsetHeight;
              if (h > 0 && heights.current.get(key) !== h) {
                heights.current.set(key, h);
                changed = true;
              }
            }
            if (changed) setMeasured((m) => m + 1);
          }),
    [],
  );
  useEffect(() => () => observer?.disconnect(), [observer]);
  const measure = useCallback(
    (el: HTMLLIElement | null) => {
      if (!el || !observer) return;
      observer.observe(el);
      return () => observer.unobserve(el);
    },
    [observer],
  );

  const start = Math.min(range.start, items.length);
  const end = Math.min(range.end, items.length);
  const focusIndex = focusKey === null ? -1 : items.findIndex((item) => keyOf(item) === focusKey);
  // The focused row stays drawn even when scrolled far away; it sits in its own place, so
  // spacers before and after it keep every other row where it belongs.
  const keepFocused = focusIndex >= 0 && (focusIndex < start || focusIndex >= end);
  const drawn: number[] = [];
  if (keepFocused && focusIndex < start) drawn.push(focusIndex);
  for (let i = start; i < end; i++) drawn.push(i);
  if (keepFocused && focusIndex >= end) drawn.push(focusIndex);

  const total = offsets[items.length] ?? 0;
  const rows: ReactNode[] = [];
  let y = 0;
  for (const i of drawn) {
    const at = offsets[i] ?? 0;
    if (at > y) rows.push(<Spacer key={`gap-${i}`} height={at - y} />);
    const item = items[i] as T;
    const key = keyOf(item);
    rows.push(
      <li
        key={key}
        ref={measure}
        data-row-key={key}
        aria-setsize={items.length}
        aria-posinset={i + 1}
        className={props.rowClassName ? `virtual-row ${props.rowClassName}` : 'virtual-row'}
        onFocus={() => setFocusKey(key)}
      >
        {props.renderRow(item, i)}
      </li>,
    );
    y = offsets[i + 1] ?? at;
  }
  if (total > y) rows.push(<Spacer key="gap-end" height={total - y} />);

  return (
    <ul
      ref={listRef}
      className={props.className}
      aria-label={props.label}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusKey(null);
      }}
    >
      {rows}
    </ul>
  );
}

/**
 * Room for the rows not drawn. An `li` hidden from the accessibility tree: a `ul` may hold only
 * `li`s, and `aria-hidden` keeps it out of the item count a screen reader gives.
 */
function Spacer(props: { height: number }) {
  const ref = useRef<HTMLLIElement>(null);
  useLayoutEffect(() => {
    ref.current?.style.setProperty('height', `${props.height}px`);
  }, [props.height]);
  return <li ref={ref} aria-hidden="true" className="virtual-spacer" />;
}
