import { FormEvent, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api';
import { ProblemAlert } from '../components/Layout';
import { ROLE_LABELS, label } from '../labels';
import { useSession } from '../session';
import { OidcConfig } from '../oidc';
import { OidcButton, consoleSettings } from './OidcSignIn';

/**
 * Development sign-in: pick a role and its scope, and the API (`POST /dev/tokens`, mounted only
 * where development tokens are accepted) signs a token. The token stays in memory.
 */
export function SignIn() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [roles, setRoles] = useState<string[]>([]);
  const [role, setRole] = useState('association');
  const [departement, setDepartement] = useState('69');
  const [associationId, setAssociationId] = useState('');
  const [memberId, setMemberId] = useState('');
  const [error, setError] = useState<unknown>();
  const [unavailable, setUnavailable] = useState(false);
  const [oidc, setOidc] = useState<OidcConfig | null>(null);

  useEffect(() => {
    document.title = 'Connexion — Console PSP';
    api<{ roles: string[] }>('GET', '/dev/tokens')
      .then((answer) => setRoles(answer.body.roles))
      .catch(() => setUnavailable(true));
    consoleSettings()
      .then((answer) => setOidc(answer.oidc))
      .catch(() => undefined);
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const scope = {
      role,
      departement: departement || undefined,
      associationId: role === 'association' ? associationId || undefined : undefined,
      memberId: role === 'commission_member' ? memberId || undefined : undefined,
    };
    try {
      const answer = await api<{ token: string }>('POST', '/dev/tokens', { body: scope });
      signIn(answer.body.token, scope);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/connexion' ? from : '/');
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        {oidc ? (
          <>
            <h1>Connexion</h1>
            <p>Agents de l’État : connexion par ProConnect (code d’autorisation et PKCE).</p>
            <OidcButton config={oidc} returnTo={(location.state as { from?: string } | null)?.from ?? '/'} />
          </>
        ) : null}
        <h1>Connexion de développement</h1>
        {unavailable ? (
          <div className="fr-alert fr-alert--warning" role="alert">
            <h2 className="fr-alert__title">Connexion de développement indisponible</h2>
            <p>Cette API n’accepte pas de jetons de développement (production : connexion par ProConnect).</p>
          </div>
        ) : (
          <>
            <p>
              Choisissez un rôle et son périmètre : l’API signe un jeton de développement, gardé en mémoire
              seulement (recharger la page déconnecte).
            </p>
            <ProblemAlert error={error} />
            <form onSubmit={submit}>
              <div className="fr-select-group">
                <label className="fr-label" htmlFor="role">
                  Rôle
                </label>
                <select
                  className="fr-select"
                  id="role"
                  value={role}
                  onChange={(e) => setRole(e.target.value)}
                >
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {label(ROLE_LABELS, r)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="fr-input-group">
                <label className="fr-label" htmlFor="departement">
                  Département
                  <span className="fr-hint-text">
                    Code du département (par exemple 69) ; vide pour un rôle national
                  </span>
                </label>
                <input
                  className="fr-input"
                  id="departement"
                  value={departement}
                  onChange={(e) => setDepartement(e.target.value)}
                />
              </div>
              {role === 'association' ? (
                <div className="fr-input-group">
                  <label className="fr-label" htmlFor="association">
                    Association
                    <span className="fr-hint-text">Identifiant de l’association agréée</span>
                  </label>
                  <input
                    className="fr-input"
                    id="association"
                    value={associationId}
                    onChange={(e) => setAssociationId(e.target.value)}
                  />
                </div>
              ) : null}
              {role === 'commission_member' ? (
                <div className="fr-input-group">
                  <label className="fr-label" htmlFor="member">
                    Identifiant de membre
                  </label>
                  <input
                    className="fr-input"
                    id="member"
                    value={memberId}
                    onChange={(e) => setMemberId(e.target.value)}
                  />
                </div>
              ) : null}
              <button className="fr-btn" type="submit">
                Se connecter
              </button>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
