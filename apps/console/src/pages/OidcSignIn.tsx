import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ProblemAlert } from '../components/Layout';
import {
  OidcConfig,
  authorisationRequest,
  completeSignIn,
  discover,
  savePending,
  takePending,
} from '../oidc';
import { Session, useSession } from '../session';

let settings: Promise<{ oidc: OidcConfig | null }> | undefined;

/** The console's public settings (`/console/config.json`): the OIDC issuer and client, if configured. */
export function consoleSettings(): Promise<{ oidc: OidcConfig | null }> {
  settings ??= fetch('/console/config.json', { headers: { accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<{ oidc: OidcConfig | null }>) : { oidc: null }))
    .catch(() => ({ oidc: null }));
  return settings;
}

const callbackUri = () => `${window.location.origin}/console/connexion/retour`;

/** "Se connecter avec ProConnect": off to the issuer with a PKCE challenge (docs/console.md). */
export function OidcButton({ config, returnTo }: { config: OidcConfig; returnTo: string }) {
  const [error, setError] = useState<unknown>();
  async function go() {
    try {
      const metadata = await discover(config);
      const { url, pending } = await authorisationRequest(metadata, config, callbackUri(), returnTo);
      savePending(pending);
      window.location.assign(url);
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <>
      <ProblemAlert error={error} />
      <button type="button" className="fr-btn fr-mb-3w" onClick={() => void go()}>
        Se connecter avec ProConnect
      </button>
    </>
  );
}

/** Back from the issuer: the code is exchanged, the token kept in memory, the user sent where they were going. */
export function OidcReturn() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    document.title = 'Connexion — Console PSP';
    const pending = takePending();
    consoleSettings()
      .then(async ({ oidc }) => {
        if (!oidc) throw new Error('La connexion ProConnect n’est pas configurée.');
        const done = await completeSignIn(window.location.href, pending, await discover(oidc), oidc);
        const claims = done.claims as Record<string, string | undefined>;
        const session: Session = {
          role: claims.psp_role ?? '',
          departement: claims.psp_departement,
          associationId: claims.psp_association,
          memberId: claims.psp_member,
        };
        signIn(done.accessToken, session);
        navigate(done.returnTo || '/', { replace: true });
      })
      .catch(setError);
  }, [navigate, signIn]);
  return (
    <>
      <h1>Connexion</h1>
      {error ? <ProblemAlert error={error} /> : <p>Connexion en cours…</p>}
    </>
  );
}
