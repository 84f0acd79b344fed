import { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { ROLE_LABELS, label } from '../labels';
import { useSession } from '../session';
import { translateRule } from '../texts';

/** The DSFR page frame: header with the Marianne block, main content, footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  return (
    <>
      <div className="fr-skiplinks">
        <nav className="fr-container" role="navigation" aria-label="Accès rapide">
          <ul className="fr-skiplinks__list">
            <li>
              <a className="fr-link" href="#contenu">
                Contenu
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <header role="banner" className="fr-header">
        <div className="fr-header__body">
          <div className="fr-container">
            <div className="fr-header__body-row">
              <div className="fr-header__brand fr-enlarge-link">
                <div className="fr-header__brand-top">
                  <div className="fr-header__logo">
                    <p className="fr-logo">
                      République
                      <br />
                      Française
                    </p>
                  </div>
                  <div className="fr-header__navbar">
                    <button
                      className="fr-btn--menu fr-btn"
                      data-fr-opened="false"
                      aria-controls="menu-entete"
                      aria-haspopup="menu"
                      id="bouton-menu"
                      title="Menu"
                      type="button"
                    >
                      Menu
                    </button>
                  </div>
                </div>
                <div className="fr-header__service">
                  <Link to="/" title="Accueil — Console PSP">
                    <p className="fr-header__service-title">Console PSP</p>
                  </Link>
                  <p className="fr-header__service-tagline">Parcours de sortie de la prostitution</p>
                </div>
              </div>
              <div className="fr-header__tools">
                <div className="fr-header__tools-links">
                  <ul className="fr-btns-group">
                    {session ? (
                      <>
                        <li>
                          <span className="fr-btn fr-icon-account-circle-line" data-testid="who">
                            {label(ROLE_LABELS, session.role)}
                            {session.departement ? ` · ${session.departement}` : ''}
                            {session.associationId ? ` · ${session.associationId}` : ''}
                          </span>
                        </li>
                        <li>
                          <button
                            type="button"
                            className="fr-btn fr-icon-logout-box-r-line"
                            onClick={signOut}
                          >
                            Se déconnecter
                          </button>
                        </li>
                      </>
                    ) : null}
                  </ul>
                </div>
              </div>
            </div>
          </div>
        </div>
        <div className="fr-header__menu fr-modal" id="menu-entete" aria-labelledby="bouton-menu">
          <div className="fr-container">
            <button className="fr-btn--close fr-btn" aria-controls="menu-entete" title="Fermer" type="button">
              Fermer
            </button>
            <div className="fr-header__menu-links" />
            {session ? (
              <nav
                className="fr-nav"
                id="navigation-principale"
                role="navigation"
                aria-label="Menu principal"
              >
                <ul className="fr-nav__list">
                  <li className="fr-nav__item">
                    <NavLink className="fr-nav__link" to="/" end>
                      Ce qui m’attend
                    </NavLink>
                  </li>
                  {['commission_secretariat', 'prefecture', 'auditor'].includes(session.role) ? (
                    <li className="fr-nav__item">
                      <NavLink className="fr-nav__link" to="/commission">
                        Commission
                      </NavLink>
                    </li>
                  ) : null}
                  {session.role === 'auditor' ? (
                    <li className="fr-nav__item">
                      <NavLink className="fr-nav__link" to="/verification">
                        Vérification
                      </NavLink>
                    </li>
                  ) : null}
                  <li className="fr-nav__item">
                    <NavLink className="fr-nav__link" to="/indicateurs">
                      Indicateurs
                    </NavLink>
                  </li>
                </ul>
              </nav>
            ) : null}
          </div>
        </div>
      </header>
      <main role="main" id="contenu" className="fr-container fr-py-4w">
        {children}
      </main>
      <footer className="fr-footer" role="contentinfo">
        <div className="fr-container">
          <div className="fr-footer__body">
            <div className="fr-footer__brand fr-enlarge-link">
              <Link to="/" title="Accueil — Console PSP">
                <p className="fr-logo">
                  République
                  <br />
                  Française
                </p>
              </Link>
            </div>
            <div className="fr-footer__content">
              <p className="fr-footer__content-desc">
                Console des dossiers du parcours de sortie de la prostitution. Elle ne fait qu’appeler l’API
                du moteur de dossiers : chaque règle y est appliquée.
              </p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}

/** A problem document of the API, in a DSFR alert. */
export function ProblemAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const problem = (error as { problem?: Record<string, unknown> }).problem ?? {};
  const status = (error as { status?: number }).status;
  const rules = Array.isArray(problem.rules) ? (problem.rules as { rule: string; message: string }[]) : [];
  const errors = Array.isArray(problem.errors)
    ? (problem.errors as { field: string; problems: string[] }[])
    : [];
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
      <h3 className="fr-alert__title">
        {status === 404 ? 'Introuvable' : 'Refusé'}
        {status ? ` (${status})` : ''}
      </h3>
      <p>
        {status === 404
          ? 'Ce dossier n’existe pas ou n’est pas dans votre périmètre.'
          : status === 412
            ? 'Le dossier a changé depuis votre lecture : il vient d’être relu, vérifiez puis validez à nouveau.'
            : String(problem.detail ?? problem.title ?? (error as Error).message ?? '')}
      </p>
      {rules.length ? (
        <ul>
          {rules.map((r, i) => (
            <li key={i}>
              <strong>{r.rule}</strong> : {translateRule(r.message)}
            </li>
          ))}
        </ul>
      ) : null}
      {errors.length ? (
        <ul>
          {errors.map((e, i) => (
            <li key={i}>
              <strong>{e.field}</strong> : {e.problems.join(', ')}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
