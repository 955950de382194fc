import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, apiWrite } from '../api/client.js';
import type { FieldError, WriteResult } from '../api/types.js';
import { useLedger } from '../ledger-context.js';
import { allFields, type FieldSpec, type FormSpec } from './field-spec.js';
import { buildBody, type FormValues } from './form-body.js';

type Outcome =
  { kind: 'idle' } | { kind: 'sending' } | { kind: 'done'; result: WriteResult } | { kind: 'failed'; error: ApiError };

/** getRandomValues, unlike randomUUID, works on plain-HTTP origins too. */
const newKey = () =>
  `dashboard-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`;

/**
 * A write form. No client-side rules: the API validates, and its problem details are shown as
 * they come, each field error beside the input it names (by JSON path), the rest above the form.
 */
export function WriteForm({ spec, onRecorded }: { spec: FormSpec; onRecorded?: (result: WriteResult) => void }) {
  const { recorded } = useLedger();
  const formId = useId();
  const fields = allFields(spec);
  const [values, setValues] = useState<FormValues>(() => ({ ...spec.initial }));
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  // One key per intended write: a double submit records once; a new key after each success.
  const idempotencyKey = useRef(newKey());
  const formRef = useRef<HTMLFormElement>(null);

  const errorsFor = (name: string): FieldError[] =>
    outcome.kind === 'failed' ? outcome.error.fieldErrors.filter((e) => e.field === name) : [];
  const known = new Set(fields.map((f) => f.name));
  const otherErrors = outcome.kind === 'failed' ? outcome.error.fieldErrors.filter((e) => !known.has(e.field)) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome({ kind: 'sending' });
    const body = buildBody(
      values,
      fields.filter((f) => !f.pathParam).map((f) => f.name),
    );
    try {
      const result = await apiWrite(spec.path(values), body, idempotencyKey.current);
      idempotencyKey.current = newKey();
      setValues({ ...spec.initial });
      setOutcome({ kind: 'done', result });
      recorded();
      onRecorded?.(result);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, null, String(error));
      setOutcome({ kind: 'failed', error: apiError });
      // Take the user to the first field that needs fixing.
      const first = apiError.fieldErrors.find((e) => known.has(e.field));
      if (first) formRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(first.field)}"]`)?.focus();
    }
  };

  return (
    <form
      ref={formRef}
      className="write-form"
      aria-labelledby={`${formId}-title`}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={`${formId}-title`}>{spec.title}</h3>
      {outcome.kind === 'failed' && (
        <div role="alert" className={`error-box${outcome.error.isAuthProblem ? ' auth' : ''}`}>
          <p>
            {outcome.error.problem?.code ? <code>{outcome.error.problem.code}</code> : null} {outcome.error.message}
          </p>
          {otherErrors.length > 0 && (
            <ul>
              {otherErrors.map((e) => (
                <li key={e.field}>
                  {e.field}: {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {outcome.kind === 'done' && (
        <p role="status" className="success-box">
          Recorded{outcome.result.id ? ` ${outcome.result.id}` : ''}: {outcome.result.stream}, revision{' '}
          {outcome.result.revision}, position {outcome.result.position}.
        </p>
      )}
      {spec.groups.map((group) => (
        <fieldset key={group.legend}>
          <legend>{group.legend}</legend>
          <div className="fields">
            {group.fields.map((f) => (
              <Field
                key={f.name}
                formId={formId}
                spec={f}
                value={values[f.name] ?? ''}
                errors={errorsFor(f.name)}
                onChange={(value) => setValues((current) => ({ ...current, [f.name]: value }))}
              />
            ))}
          </div>
        </fieldset>
      ))}
      <button type="submit" disabled={outcome.kind === 'sending'}>
        {outcome.kind === 'sending' ? 'Recording…' : spec.submitLabel}
      </button>
    </form>
  );
}

function Field(props: {
  formId: string;
  spec: FieldSpec;
  value: string;
  errors: FieldError[];
  onChange: (value: string) => void;
}) {
  const { formId, spec, value, errors, onChange } = props;
  const id = `${formId}-${spec.name.replace(/[^a-zA-Z0-9]/g, '-')}`;
  const described = [spec.hint ? `${id}-hint` : null, errors.length > 0 ? `${id}-error` : null].filter(Boolean);
  const common = {
    id,
    name: spec.name,
    value,
    'aria-required': spec.required === true,
    'aria-invalid': errors.length > 0,
    'aria-describedby': described.length > 0 ? described.join(' ') : undefined,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  let input;
  if (spec.kind === 'select') {
    input = (
      <select {...common}>
        {!spec.required && <option value="">—</option>}
        {(spec.options ?? []).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    );
  } else if (spec.kind === 'textarea') {
    input = <textarea {...common} rows={2} />;
  } else {
    input = <input {...common} type={spec.kind ?? 'text'} placeholder={spec.placeholder} autoComplete="off" />;
  }
  return (
    <div className={`field${errors.length > 0 ? ' invalid' : ''}${spec.kind === 'textarea' ? ' wide' : ''}`}>
      <span className="field-label">
        <label htmlFor={id}>{spec.label}</label>
        {spec.required && (
          <span className="required" aria-hidden="true" title="required">
            {' '}
            *
          </span>
        )}
      </span>
      {input}
      {spec.hint && (
        <span id={`${id}-hint`} className="hint">
          {spec.hint}
        </span>
      )}
      {errors.length > 0 && (
        <span id={`${id}-error`} className="field-error">
          {errors.map((e) => e.message).join('; ')}
        </span>
      )}
    </div>
  );
}
