import { FormEvent, useState } from 'react';
import { ApiError, api, idempotencyKey } from '../api';
import { ProblemAlert } from '../components/Layout';
import { Fields } from './SchemaForm';
import { CommandForm as Form, OpenApiDocument, cleanValue, initialValue } from './schema';

/**
 * A command as a form generated from its JSON schema, prefilled with the document's example.
 * Each submission carries one Idempotency-Key (a double click sends the same key: the API acts
 * once) and, for a decision on an existing record, the ETag read with it in If-Match.
 */
export function CommandForm(props: {
  document: OpenApiDocument;
  form: Form;
  url: string;
  etag?: string | null;
  submitLabel: string;
  idPrefix: string;
  onDone: (answer: unknown) => void;
  /** 412: the record changed since it was read; the page reads it again. */
  onConflict?: () => void;
}) {
  const [value, setValue] = useState<Record<string, unknown>>(
    () =>
      initialValue(props.document, props.form.schema, structuredClone(props.form.example ?? {})) as Record<
        string,
        unknown
      >,
  );
  const [key, setKey] = useState(idempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    const headers: Record<string, string> = { 'idempotency-key': key };
    if (props.etag) headers['if-match'] = props.etag;
    try {
      const answer = await api('POST', props.url, { body: cleanValue(value), headers });
      setKey(idempotencyKey());
      props.onDone(answer.body);
    } catch (failure) {
      // A refusal wrote nothing: the next try is a new submission.
      setKey(idempotencyKey());
      setError(failure);
      if (failure instanceof ApiError && failure.status === 412) props.onConflict?.();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} data-testid={`form-${props.idPrefix}`}>
      <ProblemAlert error={error} />
      <Fields
        document={props.document}
        schema={props.form.schema}
        value={value}
        onChange={setValue}
        idPrefix={props.idPrefix}
      />
      <button className="fr-btn" type="submit" disabled={busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}
