import { useId, useState } from 'react';
import { FIELD_LABELS, VALUE_LABELS } from './field-labels';
import { JsonSchema, OpenApiDocument, fieldKind, resolveRef } from './schema';

interface FieldProps {
  readonly document: OpenApiDocument;
  readonly name: string;
  readonly schema: JsonSchema;
  readonly required: boolean;
  readonly value: unknown;
  readonly onChange: (value: unknown) => void;
  readonly idPrefix: string;
}

/** The French label of a property, else its name in words (`decidedOn` → `decided on`). */
const words = (name: string) =>
  FIELD_LABELS[name] ?? name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
const valueLabel = (code: string) => VALUE_LABELS[code] ?? code;

function Hint({ schema }: { schema: JsonSchema }) {
  const text = schema.description ?? schema.title;
  return text ? <span className="fr-hint-text">{text}</span> : null;
}

/** One field, chosen from its JSON schema; anything the generator does not know is edited as JSON. */
function Field({ document, name, schema: raw, required, value, onChange, idPrefix }: FieldProps) {
  const schema = resolveRef(document, raw);
  const id = `${idPrefix}-${name}`;
  const text = (
    <>
      {words(name)}
      {required && fieldKind(schema, name) !== 'boolean' ? ' (obligatoire)' : ''}
      {fieldKind(schema, name) === 'json' ? ' (JSON)' : ''}
      <Hint schema={schema} />
    </>
  );
  switch (fieldKind(schema, name)) {
    case 'boolean':
      return (
        <div className="fr-checkbox-group fr-mb-2w">
          <input
            id={id}
            name={name}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          <label className="fr-label" htmlFor={id}>
            {text}
          </label>
        </div>
      );
    case 'choice':
      return (
        <div className="fr-select-group">
          <label className="fr-label" htmlFor={id}>
            {text}
          </label>
          <select
            className="fr-select"
            id={id}
            name={name}
            required={required}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
          >
            <option value="">— choisir —</option>
            {(schema.enum as string[]).map((option) => (
              <option key={option} value={option}>
                {valueLabel(option)}
              </option>
            ))}
          </select>
        </div>
      );
    case 'choices': {
      const items = resolveRef(document, schema.items!);
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset className="fr-fieldset" id={id}>
          <legend className="fr-fieldset__legend fr-text--regular">{text}</legend>
          {(items.enum as string[]).map((option) => (
            <div className="fr-fieldset__element" key={option}>
              <div className="fr-checkbox-group">
                <input
                  id={`${id}-${option}`}
                  type="checkbox"
                  checked={chosen.includes(option)}
                  onChange={(e) =>
                    onChange(e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option))
                  }
                />
                <label className="fr-label" htmlFor={`${id}-${option}`}>
                  {valueLabel(option)}
                </label>
              </div>
            </div>
          ))}
        </fieldset>
      );
    }
    case 'object': {
      const object = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
      return (
        <fieldset className="fr-fieldset" id={id}>
          <legend className="fr-fieldset__legend">{text}</legend>
          <div className="fr-fieldset__element">
            <Fields
              document={document}
              schema={schema}
              value={object}
              onChange={onChange as (value: Record<string, unknown>) => void}
              idPrefix={id}
            />
          </div>
        </fieldset>
      );
    }
    case 'json':
      return <JsonField id={id} label={text} value={value} onChange={onChange} required={required} />;
    default: {
      const kind = fieldKind(schema, name);
      return (
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={id}>
            {text}
          </label>
          <input
            className="fr-input"
            id={id}
            name={name}
            type={kind === 'date' ? 'date' : kind === 'number' ? 'number' : 'text'}
            required={required}
            value={value === undefined || value === null ? '' : String(value)}
            onChange={(e) =>
              onChange(kind === 'number' && e.target.value !== '' ? Number(e.target.value) : e.target.value)
            }
          />
        </div>
      );
    }
  }
}

/** A value the form cannot picture (a list of objects, a union): edited as JSON, checked on the fly. */
function JsonField(props: {
  id: string;
  label: React.ReactNode;
  value: unknown;
  required: boolean;
  onChange: (value: unknown) => void;
}) {
  const [text, setText] = useState(() =>
    props.value === undefined ? '' : JSON.stringify(props.value, null, 2),
  );
  const [invalid, setInvalid] = useState(false);
  const errorId = `${props.id}-error`;
  return (
    <div className={`fr-input-group${invalid ? ' fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor={props.id}>
        {props.label}
      </label>
      <textarea
        className="fr-input"
        id={props.id}
        rows={Math.min(10, Math.max(2, text.split('\n').length))}
        value={text}
        aria-describedby={invalid ? errorId : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') {
            setInvalid(false);
            props.onChange(undefined);
            return;
          }
          try {
            props.onChange(JSON.parse(e.target.value));
            setInvalid(false);
          } catch {
            setInvalid(true);
          }
        }}
      />
      {invalid ? (
        <p className="fr-error-text" id={errorId}>
          JSON invalide
        </p>
      ) : null}
    </div>
  );
}

/** The properties of an object schema, in the document's order. */
export function Fields(props: {
  document: OpenApiDocument;
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  idPrefix?: string;
}) {
  const fallback = useId().replace(/:/g, '');
  const required = new Set(props.schema.required ?? []);
  return (
    <>
      {Object.entries(props.schema.properties ?? {}).map(([name, schema]) => (
        <Field
          key={name}
          document={props.document}
          name={name}
          schema={schema}
          required={required.has(name)}
          value={props.value[name]}
          idPrefix={props.idPrefix ?? fallback}
          onChange={(next) => props.onChange({ ...props.value, [name]: next })}
        />
      ))}
    </>
  );
}
