import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import { ProblemAlert } from '../components/Layout';
import { Table } from '../components/Table';
import { STAGE_LABELS, STATUS_LABELS, frenchDate, label } from '../labels';
import { useSession } from '../session';
import { PersonSearch } from './PersonSearch';

interface InboxItem {
  caseId: string;
  fileNumber?: string | null;
  departement: string;
  associationId: string;
  status: string;
  stage: string | null;
  periodIndex: number | null;
  periodEnd: string | null;
  daysToRenewal: number | null;
  monthsUsed: { months: number; days: number };
  capMonths: number;
  aps: string;
  nextCommissionSession: { sessionId: string; sittingOn: string } | null;
}

interface CaseListItem {
  caseId: string;
  nextDeadline?: string;
  openedOn?: string;
}

const SORTS: Record<string, { label: string; key: (row: Row) => string | number | null }> = {
  deadline: { label: 'Prochaine échéance', key: (r) => r.nextDeadline ?? null },
  daysLeft: { label: 'Jours restants', key: (r) => r.daysToRenewal },
  monthsUsed: { label: 'Mois utilisés', key: (r) => r.monthsUsed.months * 31 + r.monthsUsed.days },
  status: { label: 'Statut', key: (r) => label(STATUS_LABELS, r.status) },
  opened: { label: 'Date d’ouverture', key: (r) => r.openedOn ?? null },
  number: { label: 'Numéro de dossier', key: (r) => r.fileNumber ?? null },
};

type Row = InboxItem & { nextDeadline?: string; openedOn?: string };

/** "Ce qui m'attend": the cases of the role's scope, read from the handler-inbox view and the case list. */
export function Inbox() {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('statut') ?? '';
  const sort = SORTS[params.get('tri') ?? ''] ? params.get('tri')! : 'deadline';
  const descending = params.get('ordre') === 'desc';
  const fileNumber = params.get('numero') ?? '';
  const [numberDraft, setNumberDraft] = useState(fileNumber);
  const [rows, setRows] = useState<Row[]>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    document.title = 'Ce qui m’attend — Console PSP';
  }, []);

  useEffect(() => {
    setError(undefined);
    const query = status ? `?status=${encodeURIComponent(status)}` : '';
    // The file number is read by the API (`GET /cases?fileNumber=`, `69-2024-42` = `69-2024-0042`).
    const numbered = fileNumber ? `&fileNumber=${encodeURIComponent(fileNumber)}` : '';
    Promise.all([
      api<{ items: InboxItem[] }>('GET', `/views/handler-inbox${query}`),
      api<{ items: CaseListItem[] }>('GET', `/cases${query}${query ? '&' : '?'}limit=500${numbered}`),
    ])
      .then(([inbox, list]) => {
        const byId = new Map(list.body.items.map((item) => [item.caseId, item]));
        setRows(
          inbox.body.items
            .filter((item) => !fileNumber || byId.has(item.caseId))
            .map((item) => ({
              ...item,
              nextDeadline: byId.get(item.caseId)?.nextDeadline,
              openedOn: byId.get(item.caseId)?.openedOn,
            })),
        );
      })
      .catch((failure) => {
        setRows([]);
        setError(failure);
      });
  }, [status, fileNumber]);

  const sorted = useMemo(() => {
    const key = SORTS[sort].key;
    return [...(rows ?? [])].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === y) return a.caseId.localeCompare(b.caseId);
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * (descending ? -1 : 1);
    });
  }, [rows, sort, descending]);

  // From the URL as it is now: two changes in a row both stay (no stale copy of the parameters).
  const update = (name: string, value: string) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });
  };

  return (
    <>
      <h1>Ce qui m’attend</h1>
      {session?.role === 'association' ? (
        <p>
          <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" to="/dossiers/nouveau">
            Ouvrir une demande
          </Link>
        </p>
      ) : null}
      <form
        className="fr-grid-row fr-grid-row--gutters fr-mb-2w"
        role="search"
        aria-label="Rechercher un numéro de dossier"
        onSubmit={(e) => {
          e.preventDefault();
          update('numero', numberDraft.trim());
        }}
      >
        <div className="fr-col-12 fr-col-md-8 fr-input-group">
          <label className="fr-label" htmlFor="numero">
            Numéro de dossier
            <span className="fr-hint-text">Par exemple 69-2026-0042</span>
          </label>
          <input
            className="fr-input"
            id="numero"
            value={numberDraft}
            onChange={(e) => setNumberDraft(e.target.value)}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4 psp-align-end">
          <button className="fr-btn fr-btn--secondary" type="submit">
            Rechercher
          </button>
        </div>
      </form>
      <PersonSearch />
      <form className="fr-grid-row fr-grid-row--gutters fr-mb-2w" onSubmit={(e) => e.preventDefault()}>
        <div className="fr-col-12 fr-col-md-4 fr-select-group">
          <label className="fr-label" htmlFor="filtre-statut">
            Statut
          </label>
          <select
            className="fr-select"
            id="filtre-statut"
            value={status}
            onChange={(e) => update('statut', e.target.value)}
          >
            <option value="">Dossiers ouverts</option>
            {Object.entries(STATUS_LABELS).map(([code, text]) => (
              <option key={code} value={code}>
                {text}
              </option>
            ))}
          </select>
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-select-group">
          <label className="fr-label" htmlFor="tri">
            Trier par
          </label>
          <select className="fr-select" id="tri" value={sort} onChange={(e) => update('tri', e.target.value)}>
            {Object.entries(SORTS).map(([code, s]) => (
              <option key={code} value={code}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-select-group">
          <label className="fr-label" htmlFor="ordre">
            Ordre
          </label>
          <select
            className="fr-select"
            id="ordre"
            value={descending ? 'desc' : 'asc'}
            onChange={(e) => update('ordre', e.target.value === 'desc' ? 'desc' : '')}
          >
            <option value="asc">Croissant</option>
            <option value="desc">Décroissant</option>
          </select>
        </div>
      </form>
      {(error as { status?: number } | undefined)?.status === 403 ? (
        <div className="fr-alert fr-alert--info fr-mb-3w">
          <h2 className="fr-alert__title">Aucun dossier individuel pour votre rôle</h2>
          <p>
            L’API ne vous ouvre aucun dossier individuel. Consultez les{' '}
            <Link to="/indicateurs">indicateurs</Link>.
          </p>
        </div>
      ) : (
        <ProblemAlert error={error} />
      )}
      {rows === undefined ? (
        <p>Chargement…</p>
      ) : sorted.length === 0 ? (
        error ? null : (
          <p data-testid="inbox-empty">Aucun dossier ne vous attend.</p>
        )
      ) : (
        <Table
          className="fr-table fr-table--no-caption"
          caption="Dossiers de votre périmètre"
          head={[
            'Dossier',
            'Statut',
            'Étape',
            'Prochaine échéance',
            'Fin de période',
            'Jours restants',
            `Mois utilisés sur ${sorted[0].capMonths}`,
          ]}
          testId="inbox"
        >
          {sorted.map((row) => (
            <tr key={row.caseId}>
              <td>
                <Link to={`/dossiers/${row.caseId}`}>
                  {row.fileNumber ?? `${row.departement} · ${row.caseId.slice(0, 8)}`}
                </Link>
              </td>
              <td>
                <p className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">
                  {label(STATUS_LABELS, row.status)}
                </p>
              </td>
              <td>{label(STAGE_LABELS, row.stage)}</td>
              <td>{frenchDate(row.nextDeadline)}</td>
              <td>{frenchDate(row.periodEnd)}</td>
              <td>{row.daysToRenewal ?? '—'}</td>
              <td>
                {row.monthsUsed.months} mois
                {row.monthsUsed.days ? ` et ${row.monthsUsed.days} j` : ''} / {row.capMonths}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
