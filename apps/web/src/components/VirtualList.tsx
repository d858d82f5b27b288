import {
  type ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { flushSync } from 'react-dom';
import { nextRange, RowLayout, type RowRange } from './window-range';

/**
 * A list that draws only the rows near the window's view (issue 13: 10,000 incidents on a
 * phone). Written here rather than taken from a library because it is small, and ours has to
 * keep things a library would not know about: the page (not a box) scrolls, so the phone's
 * bottom bar and scroll-padding still work; no `style` attribute in the markup (the CSP's
 * `style-src 'self'`: heights are set through the CSSOM); and the row that holds the keyboard
 * focus stays drawn, so focus is never dropped onto the page by a scroll.
 *
 * Rows are real `<li>`s of one `<ul>` with `aria-setsize`/`aria-posinset`, so a screen reader
 * still hears "item 3 of 10,000"; each row's height is measured once drawn (ResizeObserver) and
 * guessed with `estimate` until then. Measured heights belong to the list's width: when it
 * changes (a phone turned, a window resized) they are forgotten and the drawn rows measured
 * again.
 *
 * What keeps a slow phone's frames short (each measured with bench/timeline-scroll-web.mjs):
 * the scroll handler reads only `scrollY` (no layout) and commits only when the drawn rows no
 * longer cover the view with a margin to spare, then a batch at once, synchronously, so the
 * frame being drawn already has them; a measurement changes only the spacers' heights through
 * the CSSOM, without a React render, unless it moves the range; offsets are summed again only
 * from the first changed row.
 */
export function VirtualList<T>(props: {
  items: readonly T[];
  keyOf: (item: T) => string;
  /** A guess at a row's height in px at the list's width, used until it has been measured. */
  estimate: (item: T, width: number) => number;
  renderRow: (item: T, index: number) => ReactNode;
  label: string;
  className?: string;
  rowClassName?: string;
  /** Px drawn beyond the view on each side when the rows are drawn afresh. */
  overscan?: number;
  /** Px of drawn rows that must remain beyond the view before a fresh batch is drawn. */
  margin?: number;
  /**
   * Keys of rows kept drawn wherever the view is, as the focused row is: a row with a form
   * open, whose typed text lives in its components and would be lost if it were unmounted.
   */
  pinned?: ReadonlySet<string>;
}) {
  const { items, keyOf, estimate } = props;
  const overscan = props.overscan ?? 1000;
  const margin = props.margin ?? 400;
  const listRef = useRef<HTMLUListElement>(null);
  /** Measured heights by row key, at `width`. */
  const measured = useRef(new Map<string, number>());
  const [width, setWidth] = useState(0);
  const widthRef = useRef(0);
  const [range, setRange] = useState<RowRange>({ start: 0, end: Math.min(items.length, 12) });
  const rangeRef = useRef(range);
  rangeRef.current = range;
  const [focusKey, setFocusKey] = useState<string | null>(null);

  const indexOf = useMemo(() => {
    const map = new Map<string, number>();
    for (let i = 0; i < items.length; i++) map.set(keyOf(items[i] as T), i);
    return map;
  }, [items, keyOf]);
  const rows = useMemo(() => {
    const guessWidth = width || window.innerWidth;
    return new RowLayout(items.length, (i) => {
      const item = items[i] as T;
      return measured.current.get(keyOf(item)) ?? estimate(item, guessWidth);
    });
  }, [items, keyOf, estimate, width]);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const indexRef = useRef(indexOf);
  indexRef.current = indexOf;
  /** Where the list's top edge is on the page, read after each commit (not while scrolling). */
  const listTop = useRef(0);

  /** Sets every spacer's height from the offsets: each spans rows [data-from, data-to). */
  const applySpacers = useCallback(() => {
    const list = listRef.current;
    if (!list) return;
    const offsets = rowsRef.current.offsets;
    for (const el of list.querySelectorAll<HTMLElement>(':scope > .virtual-spacer')) {
      const from = Number(el.dataset.from);
      const to = Number(el.dataset.to);
      const h = Math.max(0, (offsets[to] ?? 0) - (offsets[from] ?? 0));
      el.style.setProperty('height', `${h}px`);
    }
  }, []);

  /** The range for the current scroll position; true if it changed (and was set). */
  const check = useCallback(
    (sync: boolean) => {
      const top = window.scrollY - listTop.current;
      const next = nextRange(
        rowsRef.current.offsets,
        rangeRef.current,
        top,
        top + window.innerHeight,
        margin,
        overscan,
      );
      if (next === rangeRef.current) return;
      rangeRef.current = next;
      if (sync) flushSync(() => setRange(next));
      else setRange(next);
    },
    [margin, overscan],
  );

  // After every commit: spacers follow the offsets, the list's place on the page is read again
  // (filters opened above it move it; the layout is due before paint anyway), and the range is
  // checked, which also starts a fresh range when the items changed under it.
  useLayoutEffect(() => {
    applySpacers();
    const list = listRef.current;
    if (list) listTop.current = list.getBoundingClientRect().top + window.scrollY;
    check(false);
  });

  useEffect(() => {
    // Scroll events come once per frame, before it is drawn; committing here puts new rows in
    // that frame. Resizes may move the list, so they read its place again.
    const onScroll = () => check(true);
    let frame = 0;
    const onResize = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const list = listRef.current;
        if (list) listTop.current = list.getBoundingClientRect().top + window.scrollY;
        check(false);
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onResize, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onResize);
      cancelAnimationFrame(frame);
    };
  }, [check]);

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
              const h = entry.borderBoxSize?.[0]?.blockSize ?? el.offsetHeight;
              if (!(h > 0) || measured.current.get(key) === h) continue;
              measured.current.set(key, h);
              const i = indexRef.current.get(key);
              if (i !== undefined && rowsRef.current.setHeight(i, h)) changed = true;
            }
            if (!changed) return;
            applySpacers();
            check(false);
          }),
    [applySpacers, check],
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

  // The list's own width: heights measured at another width are wrong at this one (a card
  // measured at 390 px is taller than at 1280), so they are forgotten and the drawn rows,
  // observed afresh, measured again.
  useEffect(() => {
    const list = listRef.current;
    if (!list || typeof ResizeObserver === 'undefined') return;
    const watch = new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentBoxSize?.[0]?.inlineSize ?? list.clientWidth);
      if (w <= 0 || w === widthRef.current) return;
      if (widthRef.current !== 0) {
        measured.current.clear();
        if (observer) {
          for (const el of list.querySelectorAll<HTMLElement>(':scope > [data-row-key]')) {
            observer.unobserve(el);
            observer.observe(el);
          }
        }
      }
      widthRef.current = w;
      setWidth(w);
    });
    watch.observe(list);
    return () => watch.disconnect();
  }, [observer]);

  const count = items.length;
  const start = Math.min(range.start, count);
  const end = Math.min(range.end, count);
  const focusIndex = focusKey === null ? -1 : (indexOf.get(focusKey) ?? -1);
  // The focused row and pinned rows stay drawn even when scrolled far away; each sits in its
  // own place, so spacers before and after it keep every other row where it belongs.
  const kept = new Set<number>();
  if (focusIndex >= 0) kept.add(focusIndex);
  for (const key of props.pinned ?? []) {
    const i = indexOf.get(key);
    if (i !== undefined) kept.add(i);
  }
  const outside = [...kept].filter((i) => i < start || i >= end).sort((a, b) => a - b);
  const drawn: number[] = outside.filter((i) => i < start);
  for (let i = start; i < end; i++) drawn.push(i);
  for (const i of outside) if (i >= end) drawn.push(i);

  const out: ReactNode[] = [];
  let next = 0;
  // Spacers keyed by their order, so the same elements are reused as the range moves.
  let gaps = 0;
  for (const i of drawn) {
    if (i > next) out.push(<Spacer key={`gap-${gaps++}`} from={next} to={i} />);
    const item = items[i] as T;
    const key = keyOf(item);
    out.push(
      <li
        key={key}
        ref={measure}
        data-row-key={key}
        aria-setsize={count}
        aria-posinset={i + 1}
        className={props.rowClassName ? `virtual-row ${props.rowClassName}` : 'virtual-row'}
        onFocus={() => setFocusKey(key)}
      >
        {props.renderRow(item, i)}
      </li>,
    );
    next = i + 1;
  }
  if (count > next) out.push(<Spacer key="gap-end" from={next} to={count} />);

  return (
    <ul
      ref={listRef}
      className={props.className}
      aria-label={props.label}
      data-measured-width={width || undefined}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusKey(null);
      }}
    >
      {out}
    </ul>
  );
}

/**
 * Room for the rows [from, to) not drawn; its height is set by the list from its offsets. An
 * `li` hidden from the accessibility tree: a `ul` may hold only `li`s, and `aria-hidden` keeps
 * it out of the item count a screen reader gives.
 */
function Spacer(props: { from: number; to: number }) {
  return (
    <li aria-hidden="true" className="virtual-spacer" data-from={props.from} data-to={props.to} />
  );
}
