import type { ReactNode } from 'react';

/**
 * A box that scrolls sideways when its content is wider than the screen (charts and tables on a
 * phone). It takes keyboard focus so it can be scrolled without a pointer, and is named.
 */
export function ScrollRegion(props: {
  className: string;
  label?: string;
  labelledBy?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a named group, not a landmark or a form part
    <div
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
