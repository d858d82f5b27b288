import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A box that scrolls sideways when its content is wider than the screen (charts and tables on a
 * phone). It takes keyboard focus so it can be scrolled without a pointer, and is named.
 */
export function ScrollRegion(props: {
  className: string;
  label?: string;
  labelledBy?: string;
  /** Start scrolled to the right-hand end (a timeline's most recent part). */
  startAtEnd?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { startAtEnd } = props;
  useEffect(() => {
    const box = ref.current;
    if (startAtEnd && box) box.scrollLeft = box.scrollWidth;
  }, [startAtEnd]);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a named group, not a landmark or a form part
    <div
      ref={ref}
      className={props.className}
      role="group"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must take focus
      tabIndex={0}
      aria-label={props.label}
      aria-labelledby={props.labelledBy}
    >
      {props.children}
    </div>
  );
}
