import { FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, idempotencyKey } from '../api';
import { ProblemAlert } from '../components/Layout';
import { openApiDocument } from '../forms/openapi';
import { ITEM_KIND_LABELS, SESSION_STATUS_LABELS, STAGE_LABELS, frenchDate, label } from '../labels';

interface CommissionItem {
  commissionId: string;
  departement: string;
}

interface Chair {
  memberId: string;
  role: string;
}

interface SittingRow {
  sessionId: string;
  commissionId: string;
  status: string;
  convenedOn: string | null;
  sittingOn: string | null;
  noticeRespected: boolean;
  items: unknown[];
}

interface InboxRow {
  caseId: string;
  fileNumber?: string;
  stage: string | null;
  requestType: string;
  nextCommissionSession: { sessionId: string; sittingOn: string } | null;
}

/** The item kind of a case waiting for the commission: the handler view's request type (`initial` is an entry). */
const itemKind = (requestType: string) => (requestType === 'initial' ? 'entry' : requestType);

/**
 * The commission of the user's département: its sittings, and the convocation of a new one with an
 * agenda built from the cases waiting for the commission's opinion (the handler view's stage). The
 * notice rule shown is the API's own description of the command; the API checks it.
 */
export function CommissionPage() {
  const navigate = useNavigate();
  const [commissions, setCommissions] = useState<CommissionItem[]>();
  const [chairs, setChairs] = useState<Chair[]>([]);
  const [sittings, setSittings] = useState<SittingRow[]>([]);
  const [candidates, setCandidates] = useState<InboxRow[]>([]);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState({
    sessionId: '',
    convenedOn: '',
    sittingOn: '',
    urgency: false,
    chair: '',
  });
  const [picked, setPicked] = useState<Record<string, boolean>>({});

  useEffect(() => {
    document.title = 'Commission — Console PSP';
    api<{ items: CommissionItem[] }>('GET', '/views/commissions')
      .then(async (answer) => {
        setCommissions(answer.body.items);
        const first = answer.body.items[0];
        if (!first) return;
        const commission = await api<{ commission: { chairs: Chair[] } }>(
          'GET',
          `/commissions/${first.commissionId}`,
        );
        setChairs(commission.body.commission.chairs);
        setForm((f) => ({ ...f, chair: commission.body.commission.chairs[0]?.memberId ?? '' }));
      })
      .catch((failure) => {
        setCommissions([]);
        setError(failure);
      });
    api<{ sessions: SittingRow[] }>('GET', '/views/commission-agenda?from=2000-01-01')
      .then((answer) => setSittings(answer.body.sessions))
      .catch(() => setSittings([]));
    api<{ items: InboxRow[] }>('GET', '/views/handler-inbox?limit=500')
      .then((answer) =>
        setCandidates(
          answer.body.items.filter(
            (row) => row.stage?.endsWith('awaiting_commission') && !row.nextCommissionSession,
          ),
        ),
      )
      .catch(() => setCandidates([]));
    openApiDocument()
      .then((doc) => setNotice(doc.paths['/commissions/{commissionId}/sessions']?.post?.summary))
      .catch(() => undefined);
  }, []);

  const commission = commissions?.[0];

  async function convene(event: FormEvent) {
    event.preventDefault();
    if (!commission || busy) return;
    setBusy(true);
    setError(undefined);
    const agenda = candidates
      .filter((row) => picked[row.caseId])
      .map((row, index) => ({
        itemId: `item-${index + 1}`,
        kind: itemKind(row.requestType),
        caseId: row.caseId,
      }));
    try {
      const answer = await api<{ sessionId: string }>(
        'POST',
        `/commissions/${commission.commissionId}/sessions`,
        {
          body: {
            ...(form.sessionId ? { sessionId: form.sessionId } : {}),
            convenedOn: form.convenedOn,
            sittingOn: form.sittingOn,
            urgency: form.urgency,
            presidingChairId: form.chair,
            agenda,
          },
          headers: { 'idempotency-key': idempotencyKey() },
        },
      );
      navigate(`/seances/${answer.body.sessionId}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  if (!commissions) return <p>Chargement…</p>;
  return (
    <>
      <h1>Commission départementale</h1>
      <ProblemAlert error={error} />
      {!commission ? (
        <p data-testid="no-commission">Aucune commission installée dans votre périmètre.</p>
      ) : (
        <>
          <p>
            Commission {commission.commissionId} · département {commission.departement}
          </p>
          <section className="fr-mb-4w" aria-labelledby="seances">
            <h2 id="seances">Séances</h2>
            {sittings.length === 0 ? (
              <p>Aucune séance enregistrée pour l’instant.</p>
            ) : (
              <ul data-testid="sittings">
                {sittings.map((s) => (
                  <li key={s.sessionId}>
                    <Link to={`/seances/${s.sessionId}`}>
                      Séance du {frenchDate(s.sittingOn)} ({s.sessionId})
                    </Link>{' '}
                    — {label(SESSION_STATUS_LABELS, s.status)}, {s.items.length} point(s)
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="fr-mb-4w" aria-labelledby="convoquer">
            <h2 id="convoquer">Convoquer une séance</h2>
            {notice ? (
              <div className="fr-callout fr-mb-2w" data-testid="notice-rule">
                <p className="fr-callout__text">
                  Règle appliquée par l’API : <span lang="en">{notice}</span>
                </p>
              </div>
            ) : null}
            <form onSubmit={convene} data-testid="form-convene">
              <div className="fr-input-group">
                <label className="fr-label" htmlFor="convene-sessionId">
                  Identifiant de la séance
                  <span className="fr-hint-text">Facultatif : l’API en crée un sinon.</span>
                </label>
                <input
                  className="fr-input"
                  id="convene-sessionId"
                  value={form.sessionId}
                  onChange={(e) => setForm({ ...form, sessionId: e.target.value })}
                />
              </div>
              <div className="fr-input-group">
                <label className="fr-label" htmlFor="convene-convenedOn">
                  Date de la convocation (obligatoire)
                </label>
                <input
                  className="fr-input"
                  type="date"
                  id="convene-convenedOn"
                  required
                  value={form.convenedOn}
                  onChange={(e) => setForm({ ...form, convenedOn: e.target.value })}
                />
              </div>
              <div className="fr-input-group">
                <label className="fr-label" htmlFor="convene-sittingOn">
                  Date de la séance (obligatoire)
                </label>
                <input
                  className="fr-input"
                  type="date"
                  id="convene-sittingOn"
                  required
                  value={form.sittingOn}
                  onChange={(e) => setForm({ ...form, sittingOn: e.target.value })}
                />
              </div>
              <div className="fr-checkbox-group fr-mb-2w">
                <input
                  type="checkbox"
                  id="convene-urgency"
                  checked={form.urgency}
                  onChange={(e) => setForm({ ...form, urgency: e.target.checked })}
                />
                <label className="fr-label" htmlFor="convene-urgency">
                  Urgence (dispense du délai de convocation)
                </label>
              </div>
              <div className="fr-select-group">
                <label className="fr-label" htmlFor="convene-chair">
                  Présidence de la séance (obligatoire)
                </label>
                <select
                  className="fr-select"
                  id="convene-chair"
                  required
                  value={form.chair}
                  onChange={(e) => setForm({ ...form, chair: e.target.value })}
                >
                  {chairs.map((c) => (
                    <option key={c.memberId} value={c.memberId}>
                      {c.memberId}
                    </option>
                  ))}
                </select>
              </div>
              <fieldset className="fr-fieldset" data-testid="candidates">
                <legend className="fr-fieldset__legend">
                  Ordre du jour : dossiers en attente de l’avis de la commission
                </legend>
                {candidates.length === 0 ? <p>Aucun dossier n’attend l’avis de la commission.</p> : null}
                {candidates.map((row) => (
                  <div className="fr-fieldset__element" key={row.caseId}>
                    <div className="fr-checkbox-group">
                      <input
                        type="checkbox"
                        id={`candidate-${row.caseId}`}
                        checked={picked[row.caseId] ?? false}
                        onChange={(e) => setPicked({ ...picked, [row.caseId]: e.target.checked })}
                      />
                      <label className="fr-label" htmlFor={`candidate-${row.caseId}`}>
                        Dossier {row.fileNumber ?? row.caseId.slice(0, 8)} —{' '}
                        {label(ITEM_KIND_LABELS, itemKind(row.requestType))} ({label(STAGE_LABELS, row.stage)}
                        )
                      </label>
                    </div>
                  </div>
                ))}
              </fieldset>
              <button className="fr-btn" type="submit" disabled={busy}>
                Convoquer la séance
              </button>
            </form>
          </section>
        </>
      )}
    </>
  );
}
