import { type ReactNode, useId } from 'react';

interface BaseProps {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
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

interface TextFieldProps extends BaseProps {
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
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </div>
  );
}

interface TextAreaProps extends BaseProps {
  value: string;
  onChange(value: string): void;
  required?: boolean;
  rows?: number;
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
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
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
