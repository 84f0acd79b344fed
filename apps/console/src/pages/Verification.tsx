import { useEffect, useState } from 'react';
import { api } from '../api';
import { ProblemAlert } from '../components/Layout';
import { Table } from '../components/Table';

interface Finding {
  kind: string;
  streamId?: string;
  revision?: number;
  globalPosition?: string;
  message: string;
}

interface Report {
  ok: boolean;
  events: number;
  streams: number;
  digests: number;
  undigestedEvents: number;
  casesCompared: number;
  casesSkipped: number;
  findings: Finding[];
}

const KINDS: Record<string, string> = {
  altered: 'Événement modifié',
  removed: 'Événement supprimé',
  reordered: 'Événements réordonnés',
  inserted: 'Événement inséré',
  digest: 'Empreinte',
  machine: 'Version de machine',
  view: 'Vue de lecture',
};

/** National auditors: the verification report (`GET /audit/verification`, docs/audit.md). */
export function Verification() {
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const run = () => {
    setBusy(true);
    setError(undefined);
    api<Report>('GET', '/audit/verification')
      .then((answer) => setReport(answer.body))
      .catch((failure) => {
        setReport(undefined);
        setError(failure);
      })
      .finally(() => setBusy(false));
  };

  useEffect(() => {
    document.title = 'Vérification de l’intégrité — Console PSP';
    run();
  }, []);

  return (
    <>
      <h1>Vérification de l’intégrité</h1>
      <p>
        Chaînes d’empreintes de chaque flux, journal des empreintes, versions des machines et vue des dossiers
        recalculée depuis les événements.
      </p>
      <button type="button" className="fr-btn fr-btn--secondary fr-mb-3w" onClick={run} disabled={busy}>
        Vérifier à nouveau
      </button>
      <ProblemAlert error={error} />
      {report ? (
        <>
          <div
            className={`fr-alert ${report.ok ? 'fr-alert--success' : 'fr-alert--error'} fr-mb-3w`}
            data-testid="verification-result"
          >
            <h2 className="fr-alert__title">
              {report.ok ? 'Intégrité vérifiée' : `${report.findings.length} anomalie(s) constatée(s)`}
            </h2>
            <p>
              {report.events} événements dans {report.streams} flux · {report.digests} empreintes ·{' '}
              {report.undigestedEvents} événements pas encore scellés · {report.casesCompared} dossiers
              comparés à la vue, {report.casesSkipped} ignorés (pas encore projetés, écartés ou purgés)
            </p>
          </div>
          {report.findings.length ? (
            <Table
              className="fr-table"
              caption="Anomalies"
              head={['Nature', 'Flux', 'Révision', 'Position', 'Constat']}
              testId="findings"
            >
              {report.findings.map((f, i) => (
                <tr key={i}>
                  <td>{KINDS[f.kind] ?? f.kind}</td>
                  <td>{f.streamId ?? '—'}</td>
                  <td>{f.revision ?? '—'}</td>
                  <td>{f.globalPosition ?? '—'}</td>
                  <td className="fr-cell--multiline">{f.message}</td>
                </tr>
              ))}
            </Table>
          ) : null}
        </>
      ) : null}
    </>
  );
}
