import { FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { ProblemAlert } from '../components/Layout';
import { STAGE_LABELS, STATUS_LABELS, frenchDate, label } from '../labels';

interface Found {
  caseId: string;
  fileNumber?: string;
  departement: string;
  status: string;
  stage?: string;
  openedOn: string;
}

/**
 * Search by name (`POST /cases/search`): the API looks the identity up in the vault's keyed blind
 * index (never by reading identities) and answers the cases of the user's scope; roles that may not
 * read identities are refused by the API. The identity is sent in the body and kept in no URL.
 */
export function PersonSearch() {
  const [person, setPerson] = useState({ givenName: '', familyName: '', birthDate: '', birthPlace: '' });
  const [found, setFound] = useState<Found[]>();
  const [error, setError] = useState<unknown>();

  async function search(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      const answer = await api<{ items: Found[] }>('POST', '/cases/search', {
        body: { ...person, ...(person.birthPlace ? {} : { birthPlace: undefined }) },
      });
      setFound(answer.body.items);
    } catch (failure) {
      setFound(undefined);
      setError(failure);
    }
  }

  const field = (name: keyof typeof person, text: string, type = 'text', required = true) => (
    <div className="fr-col-12 fr-col-md-3 fr-input-group">
      <label className="fr-label" htmlFor={`personne-${name}`}>
        {text}
        {required ? ' (obligatoire)' : ''}
      </label>
      <input
        className="fr-input"
        id={`personne-${name}`}
        type={type}
        required={required}
        autoComplete="off"
        value={person[name]}
        onChange={(e) => setPerson({ ...person, [name]: e.target.value })}
      />
    </div>
  );

  return (
    <details className="fr-mb-3w" data-testid="person-search">
      <summary>Rechercher une personne par son nom</summary>
      <form onSubmit={search} role="search" aria-label="Rechercher une personne">
        <p className="fr-text--sm">
          La recherche passe par l’index chiffré des identités : nom, prénom et date de naissance exacts
          (accents et majuscules indifférents) ; le lieu de naissance s’il a été saisi à l’ouverture.
        </p>
        <div className="fr-grid-row fr-grid-row--gutters">
          {field('givenName', 'Prénom')}
          {field('familyName', 'Nom')}
          {field('birthDate', 'Date de naissance', 'date')}
          {field('birthPlace', 'Lieu de naissance', 'text', false)}
        </div>
        <button className="fr-btn fr-btn--secondary fr-mt-2w" type="submit">
          Rechercher la personne
        </button>
      </form>
      <ProblemAlert error={error} />
      {found ? (
        found.length === 0 ? (
          <p data-testid="person-none">Aucun dossier de votre périmètre pour cette identité.</p>
        ) : (
          <ul data-testid="person-found">
            {found.map((f) => (
              <li key={f.caseId}>
                <Link to={`/dossiers/${f.caseId}`}>{f.fileNumber ?? f.caseId.slice(0, 8)}</Link> —{' '}
                {label(STATUS_LABELS, f.status)}
                {f.stage ? ` · ${label(STAGE_LABELS, f.stage)}` : ''} · ouvert le {frenchDate(f.openedOn)}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </details>
  );
}
