import type { RiskGuidance } from '@casebook/core';
import { forwardRef } from 'react';
import { CallLink } from './CallLink';

/** What to do when any answer is "yes": 999, 101 or online, the National Stalking Helpline. */
export const RiskGuidanceBox = forwardRef<HTMLElement, { guidance: RiskGuidance & { show: true } }>(
  function RiskGuidanceBox({ guidance }, ref) {
    return (
      <section
        ref={ref}
        tabIndex={-1}
        className="guidance"
        aria-labelledby="risk-guidance-heading"
        data-testid="risk-guidance"
      >
        <h2 id="risk-guidance-heading">What to do now</h2>
        <p>
          <strong>{guidance.heading}</strong>
        </p>
        <ul className="guidance-steps">
          {guidance.steps.map((step) => (
            <li key={step.id} className={`guidance-step ${step.id}`}>
              <p>{step.text}</p>
              <CallLink
                dial={step.call.dial}
                display={step.call.display}
                urgent={step.id === 'emergency'}
              />
            </li>
          ))}
        </ul>
      </section>
    );
  },
);
