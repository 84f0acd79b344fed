import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, currentToken } from '../api';
import { ProblemAlert } from '../components/Layout';

interface IndicatorRow {
  departement: string;
  values: (number | null)[];
  total?: number | null;
}

interface IndicatorTable {
  id: string;
  item: string;
  title: string;
  columns: string[];
  rows: IndicatorRow[];
  national: IndicatorRow;
}

interface RateRow {
  departement: string;
  value: number | null;
}

interface Report {
  year: number;
  minCell: number;
  tables: IndicatorTable[];
  rates: { id: string; item: string; title: string; rows: RateRow[]; national: RateRow }[];
}

/** A figure, or the mark of a suppressed cell: never shown as zero (ACL-06). */
function Cell({ value }: { value: number | null | undefined }) {
  if (value === null)
    return (
      <span className="fr-badge fr-badge--sm fr-badge--no-icon" title="Valeur masquée : secret statistique">
        masqué
      </span>
    );
  if (value === undefined) return <>—</>;
  return <>{value.toLocaleString('fr-FR')}</>;
}

/**
 * Analysts' and auditors' dashboard: the section 7.3 indicators of one year, by département and
 * national (`GET /indicators`), suppressed cells marked as such; CSV download of the same report.
 */
export function Dashboard() {
  const [params, setParams] = useSearchParams();
  const year = params.get('annee') ?? String(new Date().getFullYear());
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    document.title = 'Indicateurs — Console PSP';
  }, []);

  useEffect(() => {
    setError(undefined);
    api<Report>('GET', `/indicators?year=${encodeURIComponent(year)}`)
      .then((answer) => setReport(answer.body))
      .catch((failure) => {
        setReport(undefined);
        setError(failure);
      });
  }, [year]);

  async function downloadCsv() {
    // The token is in memory: the file is fetched with it, then handed to the browser.
    const response = await fetch(`/indicators?year=${encodeURIComponent(year)}&format=csv`, {
      headers: { authorization: `Bearer ${currentToken()}` },
    });
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `indicateurs-${year}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <>
      <h1>Indicateurs du parcours de sortie</h1>
      <p>
        Indicateurs annuels par département et national. Les petits effectifs sont masqués (secret
        statistique) : une cellule « masqué » n’est jamais un zéro.
      </p>
      <form className="fr-grid-row fr-grid-row--gutters fr-mb-2w" onSubmit={(e) => e.preventDefault()}>
        <div className="fr-col-12 fr-col-md-3 fr-input-group">
          <label className="fr-label" htmlFor="annee">
            Année
          </label>
          <input
            className="fr-input"
            id="annee"
            type="number"
            value={year}
            onChange={(e) => setParams(e.target.value ? { annee: e.target.value } : {})}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3 fr-mt-md-4w">
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
            onClick={downloadCsv}
          >
            Télécharger en CSV
          </button>
        </div>
      </form>
      <ProblemAlert error={error} />
      {report ? (
        <>
          <p>
            Seuil de masquage : {report.minCell}. {report.tables.length} tableaux pour {report.year}.
          </p>
          {report.tables.map((table) => (
            <div className="fr-table" key={table.id} data-testid={`indicator-${table.id}`}>
              <div className="fr-table__wrapper">
                <div className="fr-table__container" tabIndex={0}>
                  <div className="fr-table__content">
                    <table>
                      <caption>
                        {table.title} <span className="fr-text--sm">(7.3, point {table.item})</span>
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">Département</th>
                          {table.columns.map((column) => (
                            <th scope="col" key={column}>
                              {column}
                            </th>
                          ))}
                          {table.national.total !== undefined ? <th scope="col">Total</th> : null}
                        </tr>
                      </thead>
                      <tbody>
                        {[...table.rows, table.national].map((row) => (
                          <tr key={row.departement}>
                            <th scope="row">
                              {row.departement === 'national' ? 'National' : row.departement}
                            </th>
                            {row.values.map((value, index) => (
                              <td key={index}>
                                <Cell value={value} />
                              </td>
                            ))}
                            {table.national.total !== undefined ? (
                              <td>
                                <Cell value={row.total} />
                              </td>
                            ) : null}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </div>
              </div>
            </div>
          ))}
        </>
      ) : null}
    </>
  );
}
