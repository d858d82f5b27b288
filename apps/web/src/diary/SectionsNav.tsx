import { useEffect, useId, useRef, useState } from 'react';
import { type Navigate, SECTIONS, type Section } from './routes';

/**
 * The "Sections" navigation. Wide screens: two rows (the records; pattern and help) with
 * New incident at the end of the first. Narrow screens: a bottom bar with the four most used
 * and More for the rest, and New incident on a strip of its own docked on top of the bar, the
 * full width of the window: a button floating over the page covered the controls of whatever
 * card scrolled beneath it, a strip only ever hides what is scrolled past its edge, as the bar
 * does (main keeps room for both at its end). Only one of the two layouts is displayed.
 */
export function SectionsNav(props: {
  current: string;
  navigate: Navigate;
  /** False on forms and the account screens: New incident is left out there. */
  newIncident: boolean;
  onNewIncident(): void;
}) {
  const [moreOpen, setMoreOpen] = useState(false);
  const moreId = useId();
  const go = (name: Section['name']) => {
    setMoreOpen(false);
    props.navigate({ name } as Parameters<Navigate>[0]);
  };
  const bar = SECTIONS.filter((s) => s.bar);
  const more = SECTIONS.filter((s) => !s.bar);
  const inMore = more.some((s) => s.name === props.current);

  const navRef = useRef<HTMLElement>(null);
  const moreRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!moreOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMoreOpen(false);
    };
    // A press anywhere else closes More, as a menu does.
    const onDown = (e: PointerEvent) => {
      if (!navRef.current?.contains(e.target as Node | null)) setMoreOpen(false);
    };
    // While open, the page keeps room at its end for the panel (--more-room, read by phone.css),
    // so whatever it covers can be scrolled clear of it.
    const root = document.documentElement;
    const panel = moreRef.current;
    const room = () =>
      root.style.setProperty('--more-room', `${panel?.getBoundingClientRect().height ?? 0}px`);
    room();
    const watch = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(room);
    if (panel) watch?.observe(panel);
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown, true);
      watch?.disconnect();
      root.style.removeProperty('--more-room');
    };
  }, [moreOpen]);

  const button = (s: Section) => (
    <li key={s.name}>
      <button
        type="button"
        aria-current={props.current === s.name ? 'page' : undefined}
        onClick={() => go(s.name)}
      >
        {s.label}
      </button>
    </li>
  );

  return (
    <>
      <nav ref={navRef} className="nav" aria-label="Sections">
        <div className="nav-wide">
          <ul>
            {SECTIONS.filter((s) => s.row === 'records').map(button)}
            {props.newIncident ? (
              <li className="nav-action">
                <button type="button" className="button new-incident" onClick={props.onNewIncident}>
                  New incident
                </button>
              </li>
            ) : null}
          </ul>
          <ul className="nav-insight">{SECTIONS.filter((s) => s.row === 'insight').map(button)}</ul>
        </div>
        <div className="nav-phone">
          <ul ref={moreRef} id={moreId} className="nav-more" hidden={!moreOpen}>
            {more.map(button)}
          </ul>
          <ul className="nav-bar">
            {bar.map(button)}
            <li>
              <button
                type="button"
                className={inMore ? 'in-more' : undefined}
                aria-expanded={moreOpen}
                aria-controls={moreId}
                onClick={() => setMoreOpen((o) => !o)}
              >
                More
              </button>
            </li>
          </ul>
        </div>
      </nav>
      {props.newIncident && !moreOpen ? (
        <div className="new-incident-dock">
          <button type="button" className="button new-incident" onClick={props.onNewIncident}>
            New incident
          </button>
        </div>
      ) : null}
    </>
  );
}
