import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ProblemAlert } from '../components/Layout';
import { CommandForm } from '../forms/CommandForm';
import { openApiDocument } from '../forms/openapi';
import { CommandForm as Form, OpenApiDocument, commandForm } from '../forms/schema';

/** T1: an association opens a request (`POST /cases`), the form read from the OpenAPI document. */
export function NewCase() {
  const navigate = useNavigate();
  const [document, setDocument] = useState<OpenApiDocument>();
  const [form, setForm] = useState<Form>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    window.document.title = 'Ouvrir une demande — Console PSP';
    openApiDocument()
      .then((doc) => {
        setDocument(doc);
        setForm(commandForm(doc, '/cases'));
      })
      .catch(setError);
  }, []);

  return (
    <>
      <h1>Ouvrir une demande</h1>
      <p>Les champs et l’exemple prérempli viennent du contrat de l’API.</p>
      <ProblemAlert error={error} />
      {document && form ? (
        <CommandForm
          document={document}
          form={form}
          url="/cases"
          submitLabel="Ouvrir la demande"
          idPrefix="open-request"
          onDone={(answer) => navigate(`/dossiers/${(answer as { caseId: string }).caseId}`)}
        />
      ) : null}
    </>
  );
}
