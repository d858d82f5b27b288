import { type ReactNode, useId } from 'react';
import { counterText, showCounter } from '../diary/text-limits';

interface BaseProps {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
}

/** Text fields with a limit show a counter once the text nears it. */
interface LimitProps {
  limit?: number | undefined;
}

function Counter(props: { id: string; length: number; limit: number | undefined }) {
  if (props.limit === undefined || !showCounter(props.length, props.limit)) return null;
  return (
    <span
      className={props.length > props.limit ? 'counter over' : 'counter'}
      id={`${props.id}-count`}
    >
      {counterText(props.length, props.limit)}
    </span>
  );
}

function withCounter(
  described: string | undefined,
  id: string,
  length: number,
  limit: number | undefined,
): string | undefined {
  if (limit === undefined || !showCounter(length, limit)) return described;
  return described ? `${described} ${id}-count` : `${id}-count`;
}

function Describe({
  id,
  hint,
  error,
}: {
  id: string;
  hint?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="error-text" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

interface TextFieldProps extends BaseProps, LimitProps {
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'password' | 'search' | 'tel' | 'email' | 'number' | 'date' | 'datetime-local';
  autoComplete?: string;
  required?: boolean;
  inputMode?: 'text' | 'numeric' | 'tel' | 'email' | 'search' | 'decimal';
  spellCheck?: boolean;
  min?: string;
  max?: string;
  step?: string;
}

export function TextField(props: TextFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <Describe id={id} hint={props.hint} error={props.error} />
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete ?? 'off'}
        required={props.required}
        inputMode={props.inputMode}
        spellCheck={props.spellCheck}
        min={props.min}
        max={props.max}
        step={props.step}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={withCounter(
          describedBy(id, props.hint, props.error),
          id,
          props.value.length,
          props.limit,
        )}
      />
      <Counter id={id} length={props.value.length} limit={props.limit} />
    </div>
  );
}

interface TextAreaProps extends BaseProps, LimitProps {
  value: string;
  onChange(value: string): void;
  required?: boolean;
  rows?: number;
  /** Takes focus when it appears (the first field of a form written in a hurry). */
  autoFocus?: boolean;
}

export function TextArea(props: TextAreaProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <Describe id={id} hint={props.hint} error={props.error} />
      <textarea
        id={id}
        autoComplete="off"
        value={props.value}
        rows={props.rows ?? 4}
        onChange={(e) => props.onChange(e.target.value)}
        required={props.required}
        // biome-ignore lint/a11y/noAutofocus: the new-incident form starts at "What happened".
        autoFocus={props.autoFocus}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={withCounter(
          describedBy(id, props.hint, props.error),
          id,
          props.value.length,
          props.limit,
        )}
      />
      <Counter id={id} length={props.value.length} limit={props.limit} />
    </div>
  );
}

export interface Option {
  readonly id: string;
  readonly label: string;
}

interface SelectProps extends BaseProps {
  value: string;
  onChange(value: string): void;
  options: readonly Option[];
  /** Label of the empty choice; omit to require a choice. */
  empty?: string;
  disabled?: boolean;
}

export function Select(props: SelectProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <Describe id={id} hint={props.hint} error={props.error} />
      <select
        id={id}
        autoComplete="off"
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface CheckboxesProps extends BaseProps {
  values: readonly string[];
  onChange(values: string[]): void;
  options: readonly Option[];
}

export function Checkboxes(props: CheckboxesProps) {
  const id = useId();
  const toggle = (value: string, on: boolean) =>
    props.onChange(on ? [...props.values, value] : props.values.filter((v) => v !== value));
  return (
    <fieldset aria-describedby={describedBy(id, props.hint, props.error)}>
      <legend>{props.label}</legend>
      <Describe id={id} hint={props.hint} error={props.error} />
      <div className="checks">
        {props.options.map((o) => (
          <label key={o.id} className="check">
            <input
              type="checkbox"
              autoComplete="off"
              checked={props.values.includes(o.id)}
              onChange={(e) => toggle(o.id, e.target.checked)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

interface RadiosProps extends BaseProps {
  value: string;
  onChange(value: string): void;
  options: readonly Option[];
}

export function Radios(props: RadiosProps) {
  const id = useId();
  return (
    <fieldset aria-describedby={describedBy(id, props.hint, props.error)}>
      <legend>{props.label}</legend>
      <Describe id={id} hint={props.hint} error={props.error} />
      <div className="checks">
        {props.options.map((o) => (
          <label key={o.id} className="check">
            <input
              type="radio"
              autoComplete="off"
              name={id}
              value={o.id}
              checked={props.value === o.id}
              onChange={() => props.onChange(o.id)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function Checkbox(props: {
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <div className="field">
      <Describe id={id} error={props.error} />
      <label className="check">
        <input
          type="checkbox"
          autoComplete="off"
          checked={props.checked}
          onChange={(e) => props.onChange(e.target.checked)}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy(id, undefined, props.error)}
        />
        <span>{props.label}</span>
      </label>
    </div>
  );
}

export function Alert({ children }: { children: ReactNode }) {
  return (
    <div className="alert" role="alert">
      {children}
    </div>
  );
}
