import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../api';
import { ProblemAlert } from '../components/Layout';
import { CommandForm } from '../forms/CommandForm';
import { openApiDocument } from '../forms/openapi';
import { OpenApiDocument, commandForm } from '../forms/schema';
import {
  COMMAND_LABELS,
  ROLE_LABELS,
  STAGE_LABELS,
  STATUS_LABELS,
  VALUE_LABELS,
  frenchDate,
  label,
} from '../labels';
import { translateRule } from '../texts';
import { ActionOutcome, Availability, BlockedCommands } from '../components/Commands';
import { AsOfPanel } from './AsOfPanel';

type CaseBody = Record<string, unknown> & { commands?: Availability[] };

interface HistoryEntry {
  revision: number;
  type: string;
  recordedAt?: string;
  occurredAt?: string;
  actor?: { role?: string; id?: string };
  command?: string;
  rules?: string[];
  reasons?: unknown;
}

const get = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);

/** Rights used and left of the cap (PSP-06), as the API counts them (`view.rights`). */
function Rights({ rights }: { rights: unknown }) {
  const r = rights as
    | { capMonths?: number; used?: { months: number; days: number }; left?: { months: number; days: number } }
    | undefined;
  if (!r?.used || !r.left) return null;
  const cap = r.capMonths ?? 24;
  const usedDays = r.used.months * 30 + r.used.days;
  const percent = Math.max(0, Math.min(100, Math.round((usedDays / (cap * 30)) * 100)));
  return (
    <section className="fr-mb-4w" aria-labelledby="droits">
      <h2 id="droits">Droits utilisés et restants</h2>
      <p data-testid="rights">
        Utilisés : {r.used.months} mois et {r.used.days} jours · Restants : {r.left.months} mois et{' '}
        {r.left.days} jours (sur {cap} mois)
      </p>
      <div className="psp-gauge" role="img" aria-label={`${r.used.months} mois utilisés sur ${cap}`}>
        <div className="psp-gauge__used" style={{ width: `${percent}%` }} />
      </div>
    </section>
  );
}

/** Summary lines: the API's field, in French. Fields the role may not see are absent from the answer. */
const SUMMARY: [string, string][] = [
  ['departement', 'Département'],
  ['associationId', 'Association'],
  ['openedOn', 'Ouvert le'],
  ['view.status', 'Statut'],
  ['view.stage', 'Étape'],
  ['view.periods', 'Périodes'],
  ['view.deadlines', 'Échéances'],
  ['view.plannedActions', 'Actions prévues'],
  ['view.warnings', 'Avertissements'],
  ['revision', 'Révision'],
];

/** The APS or the AFIS of the case, every field the role may see (the API filters them). */
function RightPanel({ id, title, value }: { id: string; title: string; value: unknown }) {
  if (!value || typeof value !== 'object') return null;
  return (
    <section className="fr-mb-4w" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title}</h2>
      <dl className="psp-summary">
        {Object.entries(value as Record<string, unknown>).map(([key, field]) => (
          <div key={key}>
            <dt>{PANEL_LABELS[key] ?? key}</dt>
            <dd>
              <Value value={typeof field === 'string' ? label(VALUE_LABELS, field) : field} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const PANEL_LABELS: Record<string, string> = {
  status: 'Statut',
  workAllowed: 'Travail autorisé',
  expiresOn: 'Expire le',
  validUntil: 'Valable jusqu’au',
  issuedOn: 'Délivrée le',
  filedOn: 'Déposée le',
  grantedOn: 'Accordée le',
  monthlyAmountCents: 'Montant mensuel (centimes)',
  endedOn: 'Terminée le',
  validFrom: 'Valable du',
  validTo: 'Valable jusqu’au',
  daysFromAuthorisationToAps: 'Jours entre l’autorisation et l’APS',
  requestedOn: 'Demandée le',
  decidedOn: 'Décidée le',
};

/** A value of the summary as text: dates in French, objects as their fields. */
function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '') return <>—</>;
  if (typeof value === 'string') return <>{/^\d{4}-\d{2}-\d{2}$/.test(value) ? frenchDate(value) : value}</>;
  if (typeof value === 'number' || typeof value === 'boolean')
    return <>{value === true ? 'oui' : value === false ? 'non' : value}</>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <>—</>;
    return (
      <ul className="fr-raw-list">
        {value.map((item, index) => (
          <li key={index}>
            {typeof item === 'string' ? (
              label(VALUE_LABELS, item)
            ) : item && typeof item === 'object' && 'rule' in item && 'message' in item ? (
              <>
                <strong>{String(item.rule)}</strong> : {translateRule(String(item.message))}
              </>
            ) : (
              <Value value={item} />
            )}
          </li>
        ))}
      </ul>
    );
  }
  if (Object.keys(value as object).length === 0) return <>—</>;
  return (
    <ul className="fr-raw-list">
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <li key={k}>
          {k} : <Value value={v} />
        </li>
      ))}
    </ul>
  );
}

export function CasePage() {
  const { caseId = '' } = useParams();
  const [body, setBody] = useState<CaseBody>();
  const [etag, setEtag] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [history, setHistory] = useState<HistoryEntry[] | 'hidden'>();
  const [document, setDocument] = useState<OpenApiDocument>();
  const [done, setDone] = useState<string>();
  const [conflict, setConflict] = useState(false);

  const load = useCallback(async () => {
    try {
      const answer = await api<CaseBody>('GET', `/cases/${caseId}`);
      setBody(answer.body);
      setEtag(answer.etag);
      setError(undefined);
    } catch (failure) {
      setError(failure);
      setBody(undefined);
    }
    try {
      const answer = await api<{ entries?: HistoryEntry[] } | HistoryEntry[]>(
        'GET',
        `/cases/${caseId}/history`,
      );
      setHistory(Array.isArray(answer.body) ? answer.body : (answer.body.entries ?? []));
    } catch (failure) {
      if (failure instanceof ApiError) setHistory('hidden');
    }
  }, [caseId]);

  useEffect(() => {
    window.document.title = 'Dossier — Console PSP';
    void load();
    openApiDocument().then(setDocument).catch(setError);
  }, [load]);

  if (error && !body)
    return (
      <>
        <h1>Dossier</h1>
        <ProblemAlert error={error} />
        <Link to="/">Retour à ce qui m’attend</Link>
      </>
    );
  if (!body) return <p>Chargement…</p>;

  const view = (body.view ?? {}) as Record<string, unknown>;
  const commands = body.commands ?? [];
  const allowed = commands.filter((c) => c.allowed);
  const reserved = commands.filter(
    (c) => !c.allowed && c.reasons.length > 0 && c.reasons.every((r) => r.rule === 'ACL'),
  );
  const summary = SUMMARY.filter(([path]) => get(body, path) !== undefined);

  return (
    <>
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" to="/">
              Ce qui m’attend
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page">
              Dossier {String(body.fileNumber ?? caseId.slice(0, 8))}
            </a>
          </li>
        </ol>
      </nav>
      <h1>
        {body.fileNumber
          ? `Dossier ${String(body.fileNumber)}`
          : `Dossier ${String(body.departement ?? '')} · ${caseId.slice(0, 8)}`}
      </h1>
      <p>
        <span className="fr-badge fr-badge--info fr-badge--no-icon fr-mr-1w" data-testid="case-status">
          {label(STATUS_LABELS, view.status as string)}
        </span>
        {view.stage ? (
          <span className="fr-badge fr-badge--no-icon">{label(STAGE_LABELS, view.stage as string)}</span>
        ) : null}
      </p>
      <ActionOutcome
        conflict={
          conflict
            ? 'Le dossier a changé depuis votre lecture : votre action n’a pas été enregistrée. Il vient d’être relu ; vérifiez les actions possibles puis recommencez si besoin.'
            : null
        }
        done={done}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-7">
          <section className="fr-mb-4w" aria-labelledby="actions">
            <h2 id="actions">Actions possibles maintenant</h2>
            {allowed.length === 0 ? (
              <p>Aucune action ne vous est ouverte sur ce dossier pour l’instant.</p>
            ) : null}
            <div className="fr-accordions-group">
              {allowed.map((availability) => {
                const form = document
                  ? commandForm(document, `/cases/{caseId}/${availability.command}`)
                  : undefined;
                return (
                  <section className="fr-accordion" key={availability.command}>
                    <h3 className="fr-accordion__title">
                      <button
                        type="button"
                        className="fr-accordion__btn"
                        aria-expanded="false"
                        aria-controls={`action-${availability.command}`}
                      >
                        {label(COMMAND_LABELS, availability.command)}
                      </button>
                    </h3>
                    <div className="fr-collapse" id={`action-${availability.command}`}>
                      {form && document ? (
                        <CommandForm
                          key={availability.command}
                          document={document}
                          form={form}
                          url={`/cases/${caseId}/${availability.command}`}
                          etag={etag}
                          submitLabel={label(COMMAND_LABELS, availability.command)}
                          idPrefix={availability.command}
                          onConflict={() => {
                            setDone(undefined);
                            setConflict(true);
                            void load();
                          }}
                          onDone={() => {
                            setConflict(false);
                            setDone(`« ${label(COMMAND_LABELS, availability.command)} » enregistré.`);
                            void load();
                          }}
                        />
                      ) : (
                        <p>Le contrat de l’API ne décrit pas cette action.</p>
                      )}
                    </div>
                  </section>
                );
              })}
            </div>
          </section>
        </div>
        <div className="fr-col-12 fr-col-lg-5">
          <Rights rights={view.rights} />
          <RightPanel id="aps" title="Autorisation provisoire de séjour (APS)" value={view.aps} />
          <RightPanel id="afis" title="Aide financière (AFIS)" value={view.afis} />
          <section className="fr-mb-4w" aria-labelledby="resume">
            <h2 id="resume">Résumé</h2>
            <dl className="psp-summary" data-testid="summary">
              {summary.map(([path, text]) => (
                <div key={path}>
                  <dt>{text}</dt>
                  <dd>
                    <Value
                      value={
                        path === 'view.status'
                          ? label(STATUS_LABELS, get(body, path) as string)
                          : path === 'view.stage'
                            ? label(STAGE_LABELS, get(body, path) as string)
                            : typeof get(body, path) === 'string'
                              ? label(VALUE_LABELS, get(body, path) as string)
                              : get(body, path)
                      }
                    />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
          {history !== 'hidden' && history ? <AsOfPanel caseId={caseId} /> : null}
          <section className="fr-mb-4w" aria-labelledby="historique">
            <h2 id="historique">Historique</h2>
            {history === 'hidden' ? (
              <p>L’historique détaillé est réservé aux auditeurs.</p>
            ) : history ? (
              <ol data-testid="timeline" className="psp-timeline">
                {history.map((entry) => (
                  <li key={entry.revision}>
                    <p className="fr-text--sm fr-mb-0">
                      {frenchDate(entry.recordedAt)} · révision {entry.revision}
                      {entry.actor?.role ? ` · ${label(ROLE_LABELS, entry.actor.role)}` : ''}
                    </p>
                    <p className="fr-mb-1w">
                      <strong>{entry.command ? label(COMMAND_LABELS, entry.command) : entry.type}</strong> (
                      {entry.type}){entry.rules?.length ? ` — règles ${entry.rules.join(', ')}` : ''}
                    </p>
                  </li>
                ))}
              </ol>
            ) : (
              <p>Chargement…</p>
            )}
          </section>
        </div>
      </div>
      <BlockedCommands
        commands={commands}
        labels={COMMAND_LABELS}
        caption="Actions de votre rôle que les règles ferment aujourd’hui"
      />
      {reserved.length ? (
        <details className="fr-mb-4w">
          <summary>Actions réservées à d’autres rôles ({reserved.length})</summary>
          <ul>
            {reserved.map((c) => (
              <li key={c.command}>
                {label(COMMAND_LABELS, c.command)} —{' '}
                {c.reasons.map((r) => translateRule(r.message)).join(' ; ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
