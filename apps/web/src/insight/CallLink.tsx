/** A one-tap call: a `tel:` link named "Call <number>". */
export function CallLink(props: {
  dial: string;
  display: string;
  label?: string | undefined;
  /** Emergency numbers are drawn in the danger colour. */
  urgent?: boolean;
}) {
  return (
    <a className={`button call${props.urgent ? ' urgent' : ''}`} href={`tel:${props.dial}`}>
      Call {props.display}
      {props.label ? <span className="visually-hidden">, {props.label}</span> : null}
    </a>
  );
}
