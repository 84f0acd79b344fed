import { FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api';
import { ProblemAlert } from '../components/Layout';
import { STAGE_LABELS, STATUS_LABELS, frenchDate, label } from '../labels';

interface AsOf {
  revision: number;
  recordedAt: string;
  asOf: { date?: string; revision?: number; basis?: string };
  view: {
    status: string;
    stage?: string;
    rights?: { used?: { months: number; days: number }; left?: { months: number; days: number } };
    aps?: { status?: string };
    afis?: { status?: string };
  };
}

const BASES: Record<string, { text: string; hint: string; type: string }> = {
  effectiveOn: {
    text: 'Date des faits',
    hint: 'Le dossier tel que les faits étaient à cette date, même enregistrés plus tard',
    type: 'date',
  },
  recordedAt: {
    text: 'Date d’enregistrement',
    hint: 'Le dossier tel qu’il était enregistré à la fin de ce jour',
    type: 'date',
  },
  revision: { text: 'Révision', hint: 'Le dossier après cet événement', type: 'number' },
};

/**
 * Auditors: the case as of a business date, a recording time or a revision
 * (`GET /cases/{caseId}/as-of`, docs/audit.md); the question is kept in the URL.
 */
export function AsOfPanel({ caseId }: { caseId: string }) {
  const [params, setParams] = useSearchParams();
  const [basis, setBasis] = useState(params.get('etat') ?? 'effectiveOn');
  const [value, setValue] = useState(params.get('au') ?? '');
  const [answer, setAnswer] = useState<AsOf>();
  const [error, setError] = useState<unknown>();

  async function ask(event?: FormEvent) {
    event?.preventDefault();
    if (!value) return;
    setParams({ etat: basis, au: value }, { replace: true });
    setError(undefined);
    try {
      const result = await api<AsOf>(
        'GET',
        `/cases/${caseId}/as-of?${encodeURIComponent(basis)}=${encodeURIComponent(value)}`,
      );
      setAnswer(result.body);
    } catch (failure) {
      setAnswer(undefined);
      setError(failure);
    }
  }

  const spec = BASES[basis] ?? BASES.effectiveOn;
  return (
    <section className="fr-mb-4w" aria-labelledby="etat-a-date" data-testid="as-of">
      <h2 id="etat-a-date">État du dossier à une date</h2>
      <form onSubmit={ask}>
        <div className="fr-select-group">
          <label className="fr-label" htmlFor="as-of-basis">
            Selon
          </label>
          <select
            className="fr-select"
            id="as-of-basis"
            value={basis}
            onChange={(e) => {
              setBasis(e.target.value);
              setValue('');
            }}
          >
            {Object.entries(BASES).map(([code, b]) => (
              <option key={code} value={code}>
                {b.text}
              </option>
            ))}
          </select>
        </div>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="as-of-value">
            {spec.text}
            <span className="fr-hint-text">{spec.hint}</span>
          </label>
          <input
            className="fr-input"
            id="as-of-value"
            type={spec.type}
            required
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <button className="fr-btn fr-btn--secondary" type="submit">
          Afficher l’état
        </button>
      </form>
      <ProblemAlert error={error} />
      {answer ? (
        <dl className="psp-summary fr-mt-2w" data-testid="as-of-answer">
          <div>
            <dt>Statut</dt>
            <dd>{label(STATUS_LABELS, answer.view.status)}</dd>
          </div>
          <div>
            <dt>Étape</dt>
            <dd>{label(STAGE_LABELS, answer.view.stage)}</dd>
          </div>
          <div>
            <dt>Révision atteinte</dt>
            <dd>{answer.revision}</dd>
          </div>
          <div>
            <dt>Enregistrée le</dt>
            <dd>{frenchDate(answer.recordedAt)}</dd>
          </div>
          {answer.view.rights?.used ? (
            <div>
              <dt>Droits utilisés</dt>
              <dd>
                {answer.view.rights.used.months} mois et {answer.view.rights.used.days} jours
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Base</dt>
            <dd>
              {answer.asOf.basis === 'effective'
                ? 'date des faits'
                : answer.asOf.basis === 'recorded'
                  ? 'date d’enregistrement'
                  : (answer.asOf.basis ?? 'révision')}
            </dd>
          </div>
        </dl>
      ) : null}
    </section>
  );
}
