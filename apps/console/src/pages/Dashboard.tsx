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
  departements: string[];
  commissions?: { departement: string; constitutedOn: string }[];
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

/** The table's title in French when the console knows its id, else the API's. */
const INDICATOR_TITLES: Record<string, string> = {
  entry_requests: 'Premières demandes déposées',
  entry_opinions: 'Avis de la commission sur les premières demandes',
  entry_decisions: 'Décisions du préfet sur les premières demandes',
  renewal_requests: 'Demandes de renouvellement',
  renewal_decisions: 'Renouvellements accordés et refusés',
  interruptions: 'Interruptions par motif',
  resumption_requests: 'Demandes de reprise',
  resumption_decisions: 'Reprises autorisées et refusées',
  stock: 'Parcours en cours à chaque fin de trimestre, et personnes entrées',
  exits: 'Sorties du parcours par motif',
  completion_outcomes: 'Parcours achevés dans l’année : formation, emploi, logement',
  aps_requests: 'Demandes et renouvellements d’APS',
  aps_decisions: 'APS délivrées et refusées par motif',
  cst_decisions: 'Cartes de séjour après le parcours délivrées et refusées',
  afis_requests: 'Demandes d’AFIS',
  afis_decisions: 'AFIS accordées et refusées',
  afis_refusal_reasons: 'Refus d’AFIS par motif',
  afis_beneficiaries: 'Bénéficiaires de l’AFIS en fin d’année et depuis le début',
  afis_new_beneficiaries_by_age: 'Nouveaux bénéficiaires de l’AFIS par âge',
  afis_new_beneficiaries_by_nationality: 'Nouveaux bénéficiaires de l’AFIS par nationalité',
  afis_paid_beneficiaries: 'Bénéficiaires de l’AFIS payés',
};

/**
 * The national row of a table as horizontal bars (SVG, no chart library: a picture that the table
 * beside states in full). A suppressed figure has no bar: it is written « masqué », never drawn as zero.
 */
function Bars({ table }: { table: IndicatorTable }) {
  const values = table.national.values;
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const line = 26;
  const labelWidth = 190;
  const width = 560;
  const described = table.columns
    .map((column, i) => `${column} : ${values[i] === null ? 'masqué' : values[i]}`)
    .join(', ');
  return (
    <svg
      className="psp-chart"
      role="img"
      aria-label={`Graphique, national : ${described}`}
      viewBox={`0 0 ${width} ${line * table.columns.length + 4}`}
      width="100%"
      style={{ maxWidth: `${width}px` }}
    >
      {table.columns.map((column, i) => {
        const value = values[i];
        const barWidth = value === null ? 0 : ((width - labelWidth - 70) * value) / max;
        const y = i * line + 4;
        return (
          <g key={column}>
            <text x={labelWidth - 8} y={y + 15} textAnchor="end" className="psp-chart__label">
              {column.length > 26 ? `${column.slice(0, 25)}…` : column}
            </text>
            {value === null ? (
              <text x={labelWidth} y={y + 15} className="psp-chart__suppressed">
                masqué
              </text>
            ) : (
              <>
                <rect x={labelWidth} y={y} width={barWidth} height={line - 8} className="psp-chart__bar" />
                <text x={labelWidth + barWidth + 6} y={y + 15} className="psp-chart__value">
                  {value.toLocaleString('fr-FR')}
                </text>
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** Départements of the report: commission installed (COM-03), parcours in progress at year end (stock table). */
function Departements({ report }: { report: Report }) {
  const stock = report.tables.find((t) => t.id === 'stock');
  const q4 = stock ? stock.columns.indexOf('in_progress_q4') : -1;
  const installed = new Map((report.commissions ?? []).map((c) => [c.departement, c.constitutedOn]));
  const all = [...new Set([...report.departements, ...installed.keys()])].sort();
  return (
    <section className="fr-mb-4w" aria-labelledby="departements">
      <h2 id="departements">Départements</h2>
      <div className="fr-table" data-testid="departements">
        <div className="fr-table__wrapper">
          <div className="fr-table__container" tabIndex={0}>
            <div className="fr-table__content">
              <table>
                <caption>Commissions installées et parcours en cours au 31 décembre {report.year}</caption>
                <thead>
                  <tr>
                    <th scope="col">Département</th>
                    <th scope="col">Commission installée</th>
                    <th scope="col">Parcours en cours au 31 décembre</th>
                  </tr>
                </thead>
                <tbody>
                  {all.map((departement) => {
                    const row = stock?.rows.find((r) => r.departement === departement);
                    return (
                      <tr key={departement}>
                        <th scope="row">{departement}</th>
                        <td>
                          {installed.has(departement)
                            ? `oui, le ${installed.get(departement)!.split('-').reverse().join('/')}`
                            : 'non'}
                        </td>
                        <td>{row && q4 >= 0 ? <Cell value={row.values[q4]} /> : '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
    </section>
  );
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
    // Typing a year asks for each prefix ("2", "20", "202", "2024"): only the answer for the year
    // shown may land, never a slower answer to an earlier keystroke.
    let current = true;
    setError(undefined);
    api<Report>('GET', `/indicators?year=${encodeURIComponent(year)}`)
      .then((answer) => {
        if (current) setReport(answer.body);
      })
      .catch((failure) => {
        if (!current) return;
        setReport(undefined);
        setError(failure);
      });
    return () => {
      current = false;
    };
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
          <Departements report={report} />
          {report.tables.map((table) => (
            <section className="fr-mb-4w" key={table.id} aria-labelledby={`titre-${table.id}`}>
              <h2 className="fr-h5" id={`titre-${table.id}`}>
                {INDICATOR_TITLES[table.id] ?? table.title}{' '}
                <span className="fr-text--sm">(7.3, point {table.item})</span>
              </h2>
              <Bars table={table} />
              <div
                className="psp-scroll"
                role="region"
                aria-label={`Tableau : ${INDICATOR_TITLES[table.id] ?? table.title}`}
                tabIndex={0}
              >
                <div className="fr-table fr-table--no-caption" data-testid={`indicator-${table.id}`}>
                  <div className="fr-table__wrapper">
                    <div className="fr-table__container" tabIndex={0}>
                      <div className="fr-table__content">
                        <table>
                          <caption>{INDICATOR_TITLES[table.id] ?? table.title}</caption>
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
              </div>
            </section>
          ))}
        </>
      ) : null}
    </>
  );
}
