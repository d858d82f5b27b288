import { type ReactNode, useEffect, useRef } from 'react';

/**
 * The screen's h1. It takes focus when the screen appears, so a screen-reader user hears
 * where they are after every in-app navigation (there are no URL changes to announce it).
 */
export function PageHeading({
  children,
  focus = true,
}: {
  children: ReactNode;
  /** False when the screen puts focus on its first field instead. */
  focus?: boolean;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
