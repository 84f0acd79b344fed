import { FormEvent, ReactNode, useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api, currentToken, idempotencyKey } from '../api';
import { ProblemAlert } from '../components/Layout';
import { CommandForm } from '../forms/CommandForm';
import { openApiDocument } from '../forms/openapi';
import { OpenApiDocument, commandForm } from '../forms/schema';
import {
  ATTENDANCE_LABELS,
  CATEGORY_LABELS,
  ITEM_KIND_LABELS,
  OPINION_LABELS,
  SESSION_COMMAND_LABELS,
  SESSION_STATUS_LABELS,
  STAGE_LABELS,
  STATUS_LABELS,
  VOTE_LABELS,
  frenchDate,
  label,
} from '../labels';
import { useSession } from '../session';
import { ActionOutcome, Availability, BlockedCommands } from '../components/Commands';
import { Table } from '../components/Table';
import { translateRule } from '../texts';

interface RosterEntry {
  memberId: string;
  role: 'chair' | 'member';
  category: string;
  associationId?: string;
  individualCaseAccess: boolean;
}

interface Participation {
  recusals: { memberId: string; rule: string; reason: string }[];
  entitledMemberIds: string[];
  presentMemberIds: string[];
  representedMemberIds: string[];
  eligibleVoterIds: string[];
  quorum: { entitled: number; presentOrRepresented: number; needed: number; met: boolean; reached?: boolean };
}

interface AgendaEntry {
  item: { itemId: string; kind: string; caseId?: string; subject?: string; fileNumber?: string };
  participation: Participation;
  deliberated: boolean;
  postponed: boolean;
  record?: {
    opinion?: string;
    outcome?: string;
    votesFor: number;
    votesAgainst: number;
    abstentions: number;
    castingVoteUsed: boolean;
    quorumMet: boolean;
  };
}

interface FullSession {
  status: string;
  convenedOn?: string;
  sittingOn?: string;
  noticeDays?: number;
  noticeWarnings: { rule: string; message: string }[];
  urgency: boolean;
  secondConvocation: boolean;
  attendance: { memberId: string; mode: string; bySubstitute?: boolean }[];
  proxies: { fromMemberId: string; toMemberId: string; givenOn: string }[];
  agenda: AgendaEntry[];
  roster: RosterEntry[];
}

interface MemberItem {
  itemId: string;
  kind: string;
  caseId?: string;
  subject?: string;
  deliberated: boolean;
  summary?: { view?: { status?: string; stage?: string }; fileNumber?: string };
}

interface SessionBody {
  sessionId: string;
  revision: number;
  commands: Availability[];
  session?: FullSession;
  member?: { status: string; sittingOn?: string; agenda: MemberItem[] };
}

/** A small DSFR table with a caption (RGAA: every data table is named). */
function Quorum({ quorum }: { quorum: Participation['quorum'] }) {
  return (
    <>
      {quorum.presentOrRepresented} présents ou représentés sur {quorum.entitled} · {quorum.needed} requis{' '}
      <span
        className={`fr-badge fr-badge--sm fr-badge--no-icon ${quorum.met ? 'fr-badge--success' : 'fr-badge--warning'}`}
      >
        {quorum.met ? 'quorum atteint' : 'quorum non atteint'}
      </span>
    </>
  );
}

function itemSubject(item: AgendaEntry['item'] | MemberItem, fileNumber?: string): ReactNode {
  if (item.caseId)
    return (
      <>
        {label(ITEM_KIND_LABELS, item.kind)} —{' '}
        <Link to={`/dossiers/${item.caseId}`}>dossier {fileNumber ?? item.caseId.slice(0, 8)}</Link>
      </>
    );
  return (
    <>
      {label(ITEM_KIND_LABELS, item.kind)} — {item.subject}
    </>
  );
}

/** Sends one command of the sitting: one Idempotency-Key per submission, the ETag read in If-Match. */
function useSend(
  sessionId: string,
  etag: string | null,
  after: (done: string) => void,
  conflict: () => void,
) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const send = async (command: string, body: unknown) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    const headers: Record<string, string> = { 'idempotency-key': idempotencyKey() };
    if (etag) headers['if-match'] = etag;
    try {
      await api('POST', `/commission-sessions/${sessionId}/${command}`, { body, headers });
      after(`« ${label(SESSION_COMMAND_LABELS, command)} » enregistré.`);
    } catch (failure) {
      setError(failure);
      if (failure instanceof ApiError && failure.status === 412) conflict();
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, send };
}

function DateField(props: { id: string; text: string; value: string; onChange: (v: string) => void }) {
  return (
    <div className="fr-input-group">
      <label className="fr-label" htmlFor={props.id}>
        {props.text} (obligatoire)
      </label>
      <input
        className="fr-input"
        type="date"
        id={props.id}
        required
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

function MemberSelect(props: {
  id: string;
  text: string;
  roster: RosterEntry[];
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <div className="fr-select-group">
      <label className="fr-label" htmlFor={props.id}>
        {props.text} (obligatoire)
      </label>
      <select
        className="fr-select"
        id={props.id}
        required
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">— choisir —</option>
        {props.roster.map((m) => (
          <option key={m.memberId} value={m.memberId}>
            {m.memberId} ({label(CATEGORY_LABELS, m.category)})
          </option>
        ))}
      </select>
    </div>
  );
}

type Send = ReturnType<typeof useSend>;

/** R.133-10 attendance: who sits, and how; the API counts the quorum of each item from it. */
function OpenForm({ session, run }: { session: FullSession; run: Send }) {
  const [openedOn, setOpenedOn] = useState(session.sittingOn ?? '');
  const [modes, setModes] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run.send('open', {
      openedOn,
      attendance: Object.entries(modes)
        .filter(([, mode]) => mode)
        .map(([memberId, mode]) => ({ memberId, mode })),
    });
  };
  return (
    <form onSubmit={submit} data-testid="form-open">
      <ProblemAlert error={run.error} />
      <DateField id="open-openedOn" text="Date d’ouverture" value={openedOn} onChange={setOpenedOn} />
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Présence des membres</legend>
        {session.roster.map((m) => (
          <div className="fr-fieldset__element" key={m.memberId}>
            <div className="fr-select-group">
              <label className="fr-label" htmlFor={`attendance-${m.memberId}`}>
                {m.memberId} ({label(CATEGORY_LABELS, m.category)})
              </label>
              <select
                className="fr-select"
                id={`attendance-${m.memberId}`}
                value={modes[m.memberId] ?? ''}
                onChange={(e) => setModes({ ...modes, [m.memberId]: e.target.value })}
              >
                <option value="">Absent</option>
                {Object.entries(ATTENDANCE_LABELS).map(([code, text]) => (
                  <option key={code} value={code}>
                    {text}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ))}
      </fieldset>
      <button className="fr-btn" type="submit" disabled={run.busy}>
        {SESSION_COMMAND_LABELS.open}
      </button>
    </form>
  );
}

function ProxyForm({ session, run }: { session: FullSession; run: Send }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [givenOn, setGivenOn] = useState(session.convenedOn ?? '');
  return (
    <form
      data-testid="form-give-proxy"
      onSubmit={(e) => {
        e.preventDefault();
        void run.send('give-proxy', { fromMemberId: from, toMemberId: to, givenOn });
      }}
    >
      <ProblemAlert error={run.error} />
      <MemberSelect
        id="proxy-from"
        text="Membre qui donne pouvoir"
        roster={session.roster}
        value={from}
        onChange={setFrom}
      />
      <MemberSelect
        id="proxy-to"
        text="Membre qui reçoit le pouvoir"
        roster={session.roster}
        value={to}
        onChange={setTo}
      />
      <DateField id="proxy-givenOn" text="Date du pouvoir" value={givenOn} onChange={setGivenOn} />
      <button className="fr-btn" type="submit" disabled={run.busy}>
        {SESSION_COMMAND_LABELS['give-proxy']}
      </button>
    </form>
  );
}

function InterestForm(props: {
  roster?: RosterEntry[];
  ownMemberId?: string;
  items: { itemId: string; text: string }[];
  defaultDate: string;
  run: Send;
}) {
  const [memberId, setMemberId] = useState(props.ownMemberId ?? '');
  const [itemId, setItemId] = useState('');
  const [declaredOn, setDeclaredOn] = useState(props.defaultDate);
  return (
    <form
      data-testid="form-declare-interest"
      onSubmit={(e) => {
        e.preventDefault();
        void props.run.send('declare-interest', { memberId, itemId, declaredOn });
      }}
    >
      <ProblemAlert error={props.run.error} />
      {props.roster ? (
        <MemberSelect
          id="interest-member"
          text="Membre"
          roster={props.roster}
          value={memberId}
          onChange={setMemberId}
        />
      ) : (
        <p>Vous déclarez un intérêt personnel en votre nom ({props.ownMemberId}).</p>
      )}
      <div className="fr-select-group">
        <label className="fr-label" htmlFor="interest-item">
          Point de l’ordre du jour (obligatoire)
        </label>
        <select
          className="fr-select"
          id="interest-item"
          required
          value={itemId}
          onChange={(e) => setItemId(e.target.value)}
        >
          <option value="">— choisir —</option>
          {props.items.map((i) => (
            <option key={i.itemId} value={i.itemId}>
              {i.text}
            </option>
          ))}
        </select>
      </div>
      <DateField
        id="interest-declaredOn"
        text="Date de la déclaration"
        value={declaredOn}
        onChange={setDeclaredOn}
      />
      <button className="fr-btn" type="submit" disabled={props.run.busy}>
        {SESSION_COMMAND_LABELS['declare-interest']}
      </button>
    </form>
  );
}

/** COM-08: one item, the ballots of its eligible voters as the API lists them (recused members excluded). */
function DeliberateForm({ session, run }: { session: FullSession; run: Send }) {
  const open = session.agenda.filter((entry) => !entry.deliberated);
  const [itemId, setItemId] = useState(open[0]?.item.itemId ?? '');
  const [decidedOn, setDecidedOn] = useState(session.sittingOn ?? '');
  const [votes, setVotes] = useState<Record<string, string>>({});
  const entry = open.find((candidate) => candidate.item.itemId === itemId);
  const voters = entry?.participation.eligibleVoterIds ?? [];
  return (
    <form
      data-testid="form-deliberate"
      onSubmit={(e) => {
        e.preventDefault();
        void run.send('deliberate', {
          itemId,
          decidedOn,
          ballots: voters.map((memberId) => ({ memberId, vote: votes[`${itemId}/${memberId}`] ?? 'for' })),
        });
      }}
    >
      <ProblemAlert error={run.error} />
      <div className="fr-select-group">
        <label className="fr-label" htmlFor="deliberate-item">
          Point délibéré (obligatoire)
        </label>
        <select
          className="fr-select"
          id="deliberate-item"
          value={itemId}
          onChange={(e) => setItemId(e.target.value)}
        >
          {open.map((candidate) => (
            <option key={candidate.item.itemId} value={candidate.item.itemId}>
              {candidate.item.itemId} — {label(ITEM_KIND_LABELS, candidate.item.kind)}
            </option>
          ))}
        </select>
      </div>
      {entry ? (
        <p data-testid="deliberate-quorum">
          <Quorum quorum={entry.participation.quorum} />
        </p>
      ) : null}
      <DateField
        id="deliberate-decidedOn"
        text="Date de la délibération"
        value={decidedOn}
        onChange={setDecidedOn}
      />
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Votes des membres appelés à voter sur ce point</legend>
        {voters.length === 0 ? <p>Aucun votant : personne de présent ou représenté n’y siège.</p> : null}
        {voters.map((memberId) => (
          <div className="fr-fieldset__element" key={memberId}>
            <div className="fr-select-group">
              <label className="fr-label" htmlFor={`vote-${memberId}`}>
                Vote de {memberId}
                {entry?.participation.representedMemberIds.includes(memberId)
                  ? ' (représenté par pouvoir)'
                  : ''}
              </label>
              <select
                className="fr-select"
                id={`vote-${memberId}`}
                value={votes[`${itemId}/${memberId}`] ?? 'for'}
                onChange={(e) => setVotes({ ...votes, [`${itemId}/${memberId}`]: e.target.value })}
              >
                {Object.entries(VOTE_LABELS).map(([code, text]) => (
                  <option key={code} value={code}>
                    {text}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ))}
      </fieldset>
      <button className="fr-btn" type="submit" disabled={run.busy}>
        {SESSION_COMMAND_LABELS.deliberate}
      </button>
    </form>
  );
}

function CloseForm({ session, run }: { session: FullSession; run: Send }) {
  const [closedOn, setClosedOn] = useState(session.sittingOn ?? '');
  return (
    <form
      data-testid="form-close"
      onSubmit={(e) => {
        e.preventDefault();
        void run.send('close', { closedOn });
      }}
    >
      <ProblemAlert error={run.error} />
      <p>
        Les avis délibérés sont transmis à chaque dossier à la clôture ; les points non délibérés sont
        reportés.
      </p>
      <DateField id="close-closedOn" text="Date de clôture" value={closedOn} onChange={setClosedOn} />
      <button className="fr-btn" type="submit" disabled={run.busy}>
        {SESSION_COMMAND_LABELS.close}
      </button>
    </form>
  );
}

const PAPERS: [string, string][] = [
  ['convocation', 'Convocation'],
  ['attendance', 'Feuille de présence'],
  ['minutes', 'Procès-verbal'],
];

/** The sitting's papers, drawn up by the API as PDF (fetched with the token in memory). */
function Papers({ sessionId }: { sessionId: string }) {
  const [error, setError] = useState<unknown>();
  async function download(paper: string) {
    setError(undefined);
    const response = await fetch(`/commission-sessions/${sessionId}/papers/${paper}`, {
      headers: { authorization: `Bearer ${currentToken()}` },
    });
    if (!response.ok) {
      setError(new ApiError(response.status, (await response.json().catch(() => ({}))) as never));
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = window.document.createElement('a');
    link.href = url;
    link.download = `${sessionId}-${paper}.pdf`;
    link.click();
    URL.revokeObjectURL(url);
  }
  return (
    <section className="fr-mb-4w" aria-labelledby="papiers">
      <h2 id="papiers">Documents de la séance</h2>
      <ProblemAlert error={error} />
      <p>
        {PAPERS.map(([paper, text]) => (
          <button
            key={paper}
            type="button"
            className="fr-btn fr-btn--secondary fr-mr-2w fr-mb-1w"
            onClick={() => void download(paper)}
          >
            {text} (PDF)
          </button>
        ))}
      </p>
    </section>
  );
}

/** One accordion per action open now. */
function Action({ command, children }: { command: string; children: ReactNode }) {
  return (
    <section className="fr-accordion">
      <h3 className="fr-accordion__title">
        <button
          type="button"
          className="fr-accordion__btn"
          aria-expanded="false"
          aria-controls={`action-${command}`}
        >
          {label(SESSION_COMMAND_LABELS, command)}
        </button>
      </h3>
      <div className="fr-collapse" id={`action-${command}`}>
        {children}
      </div>
    </section>
  );
}

/**
 * A sitting of the commission (COM-07, COM-08) for the secretariat, the chair and the members. What
 * may be done now, and why not, is the sitting's `commands` list; recusals, eligible voters and the
 * quorum of each item are the API's, read again after every action and every few seconds.
 */
export function SessionPage() {
  const { sessionId = '' } = useParams();
  const { session: who } = useSession();
  const [body, setBody] = useState<SessionBody>();
  const [etag, setEtag] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const [document, setDocument] = useState<OpenApiDocument>();
  const [generation, setGeneration] = useState(0);

  const load = useCallback(async () => {
    try {
      const answer = await api<SessionBody>('GET', `/commission-sessions/${sessionId}`);
      setBody(answer.body);
      setEtag(answer.etag);
      setError(undefined);
    } catch (failure) {
      setError(failure);
      setBody(undefined);
    }
  }, [sessionId]);

  useEffect(() => {
    window.document.title = 'Séance de la commission — Console PSP';
    void load();
    openApiDocument().then(setDocument).catch(setError);
  }, [load]);

  // The quorum live: while the sitting is convened or sitting, read it again every few seconds.
  const status = body?.session?.status ?? body?.member?.status;
  useEffect(() => {
    if (status !== 'convened' && status !== 'sitting') return;
    const timer = window.setInterval(() => {
      if (window.document.visibilityState === 'visible') void load();
    }, 5000);
    return () => window.clearInterval(timer);
  }, [status, load]);

  // The confirmation shows once the sitting has been read again: never beside the state before.
  const after = (message: string) => {
    setConflict(false);
    void load().then(() => {
      setDone(message);
      setGeneration((g) => g + 1);
    });
  };
  const run = useSend(sessionId, etag, after, () => {
    setConflict(true);
    void load();
  });

  if (error && !body)
    return (
      <>
        <h1>Séance</h1>
        <ProblemAlert error={error} />
        <Link to="/commission">Retour à la commission</Link>
      </>
    );
  if (!body) return <p>Chargement…</p>;

  const commands = body.commands ?? [];
  const allowed = commands.filter((c) => c.allowed);
  const session = body.session;
  const member = body.member;
  const attendanceOf = (memberId: string) => session?.attendance.find((a) => a.memberId === memberId);
  const proxyOf = (memberId: string) => session?.proxies.find((p) => p.fromMemberId === memberId);

  const forms: Record<string, ReactNode> = session
    ? {
        open: <OpenForm session={session} run={run} />,
        'give-proxy': <ProxyForm session={session} run={run} />,
        'declare-interest': (
          <InterestForm
            roster={session.roster}
            items={session.agenda
              .filter((e) => !e.deliberated)
              .map((e) => ({
                itemId: e.item.itemId,
                text: `${e.item.itemId} — ${label(ITEM_KIND_LABELS, e.item.kind)}`,
              }))}
            defaultDate={session.convenedOn ?? ''}
            run={run}
          />
        ),
        deliberate: <DeliberateForm session={session} run={run} />,
        close: <CloseForm session={session} run={run} />,
      }
    : {
        'declare-interest': (
          <InterestForm
            ownMemberId={who?.memberId}
            items={(member?.agenda ?? [])
              .filter((i) => !i.deliberated)
              .map((i) => ({ itemId: i.itemId, text: `${i.itemId} — ${label(ITEM_KIND_LABELS, i.kind)}` }))}
            defaultDate={member?.sittingOn ?? ''}
            run={run}
          />
        ),
      };

  return (
    <>
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" to="/commission">
              Commission
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page">
              Séance {sessionId}
            </a>
          </li>
        </ol>
      </nav>
      <h1>Séance {sessionId}</h1>
      <p>
        <span className="fr-badge fr-badge--info fr-badge--no-icon fr-mr-1w" data-testid="session-status">
          {label(SESSION_STATUS_LABELS, status)}
        </span>
        {session?.urgency ? <span className="fr-badge fr-badge--warning fr-mr-1w">Urgence</span> : null}
        {session?.secondConvocation ? (
          <span className="fr-badge fr-badge--no-icon">Seconde convocation</span>
        ) : null}
      </p>
      <ActionOutcome
        conflict={
          conflict
            ? 'La séance a changé depuis votre lecture : votre action n’a pas été enregistrée. Elle vient d’être relue.'
            : null
        }
        done={done}
      />
      {session ? (
        <section className="fr-mb-4w" aria-labelledby="convocation">
          <h2 id="convocation">Convocation</h2>
          <p data-testid="notice">
            Convoquée le {frenchDate(session.convenedOn)} pour le {frenchDate(session.sittingOn)} : préavis de{' '}
            {session.noticeDays ?? '—'} jours{session.urgency ? ' (urgence)' : ''}.
          </p>
          {session.noticeWarnings.length ? (
            <div className="fr-alert fr-alert--warning fr-alert--sm" role="status">
              <ul>
                {session.noticeWarnings.map((w, i) => (
                  <li key={i}>
                    <strong>{w.rule}</strong> : {translateRule(w.message)}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="fr-text--sm">Le délai de convocation est respecté (COM-07).</p>
          )}
        </section>
      ) : null}

      <div>
        <div>
          {session ? (
            <section className="fr-mb-4w" aria-labelledby="ordre-du-jour">
              <h2 id="ordre-du-jour">Ordre du jour</h2>
              <Table
                caption="Points, récusations, quorum et résultat"
                head={['Point', 'Objet', 'Récusés', 'Quorum', 'Résultat']}
                testId="agenda"
              >
                {session.agenda.map((entry) => (
                  <tr key={entry.item.itemId}>
                    <td>{entry.item.itemId}</td>
                    <td>{itemSubject(entry.item, entry.item.fileNumber)}</td>
                    <td className="fr-cell--multiline">
                      {entry.participation.recusals.length === 0
                        ? 'aucun'
                        : entry.participation.recusals.map((r) => (
                            <span key={r.memberId} className="psp-block">
                              {r.memberId} ({r.rule})
                            </span>
                          ))}
                    </td>
                    <td className="fr-cell--multiline" data-testid={`quorum-${entry.item.itemId}`}>
                      <Quorum quorum={entry.participation.quorum} />
                    </td>
                    <td className="fr-cell--multiline" data-testid={`result-${entry.item.itemId}`}>
                      {entry.record ? (
                        <>
                          {label(OPINION_LABELS, entry.record.opinion ?? entry.record.outcome)} — pour{' '}
                          {entry.record.votesFor}, contre {entry.record.votesAgainst}, abstentions{' '}
                          {entry.record.abstentions}
                          {entry.record.castingVoteUsed ? ' · voix prépondérante de la présidence' : ''}
                        </>
                      ) : entry.postponed ? (
                        'reporté'
                      ) : (
                        'à délibérer'
                      )}
                    </td>
                  </tr>
                ))}
              </Table>
            </section>
          ) : null}
          {member ? (
            <section className="fr-mb-4w" aria-labelledby="mes-points">
              <h2 id="mes-points">Les points sur lesquels vous siégez</h2>
              <p className="fr-text--sm">
                Un point dont vous êtes récusé (association instructrice, intérêt déclaré, protection de
                l’enfance : ACL-01, ACL-02, ACL-03) ne vous est pas montré, ni son résumé.
              </p>
              {member.agenda.length === 0 ? (
                <p data-testid="member-agenda-empty">Aucun point de cette séance ne vous concerne.</p>
              ) : (
                <Table
                  caption="Vos points de l’ordre du jour"
                  head={['Point', 'Objet', 'Résumé', 'Délibéré']}
                  testId="member-agenda"
                >
                  {member.agenda.map((item) => (
                    <tr key={item.itemId}>
                      <td>{item.itemId}</td>
                      <td>{itemSubject(item, item.summary?.fileNumber)}</td>
                      <td>
                        {item.summary?.view
                          ? `${label(STATUS_LABELS, item.summary.view.status)} · ${label(STAGE_LABELS, item.summary.view.stage)}`
                          : '—'}
                      </td>
                      <td>{item.deliberated ? 'oui' : 'non'}</td>
                    </tr>
                  ))}
                </Table>
              )}
            </section>
          ) : null}
          <section className="fr-mb-4w" aria-labelledby="actions">
            <h2 id="actions">Actions possibles maintenant</h2>
            {allowed.length === 0 ? (
              <p>Aucune action ne vous est ouverte sur cette séance pour l’instant.</p>
            ) : null}
            <div className="fr-accordions-group" key={generation}>
              {allowed.map((availability) => {
                const own = forms[availability.command];
                const generic = document
                  ? commandForm(document, `/commission-sessions/{sessionId}/${availability.command}`)
                  : undefined;
                return (
                  <Action command={availability.command} key={availability.command}>
                    {own ??
                      (generic && document ? (
                        <CommandForm
                          document={document}
                          form={generic}
                          url={`/commission-sessions/${sessionId}/${availability.command}`}
                          etag={etag}
                          submitLabel={label(SESSION_COMMAND_LABELS, availability.command)}
                          idPrefix={availability.command}
                          onConflict={() => {
                            setConflict(true);
                            void load();
                          }}
                          onDone={() =>
                            after(`« ${label(SESSION_COMMAND_LABELS, availability.command)} » enregistré.`)
                          }
                        />
                      ) : (
                        <p>Le contrat de l’API ne décrit pas cette action.</p>
                      ))}
                  </Action>
                );
              })}
            </div>
          </section>
        </div>
        <div>
          {session ? (
            <section className="fr-mb-4w" aria-labelledby="composition">
              <h2 id="composition">Présences et pouvoirs</h2>
              <Table
                caption="Membres convoqués"
                head={['Membre', 'Catégorie', 'Présence', 'Pouvoir donné à']}
                testId="roster"
              >
                {session.roster.map((m) => (
                  <tr key={m.memberId}>
                    <td>{m.memberId}</td>
                    <td>
                      {label(CATEGORY_LABELS, m.category)}
                      {m.associationId ? ` (${m.associationId})` : ''}
                    </td>
                    <td>
                      {attendanceOf(m.memberId)
                        ? label(ATTENDANCE_LABELS, attendanceOf(m.memberId)!.mode)
                        : session.status === 'convened'
                          ? '—'
                          : 'absent'}
                    </td>
                    <td>{proxyOf(m.memberId)?.toMemberId ?? '—'}</td>
                  </tr>
                ))}
              </Table>
            </section>
          ) : null}
        </div>
      </div>
      {session ? <Papers sessionId={sessionId} /> : null}
      <BlockedCommands
        commands={commands}
        labels={SESSION_COMMAND_LABELS}
        caption="Actions de votre rôle que les règles ferment maintenant"
      />
    </>
  );
}
