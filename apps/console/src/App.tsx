import { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout';
import { CasePage } from './pages/CasePage';
import { CommissionPage } from './pages/CommissionPage';
import { SessionPage } from './pages/SessionPage';
import { Verification } from './pages/Verification';
import { Dashboard } from './pages/Dashboard';
import { Inbox } from './pages/Inbox';
import { NewCase } from './pages/NewCase';
import { OidcReturn } from './pages/OidcSignIn';
import { SignIn } from './pages/SignIn';
import { SessionProvider, useSession } from './session';

/** Screens that need a signed-in user send the others to the sign-in page, then back. */
function SignedIn({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session)
    return <Navigate to="/connexion" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <>{children}</>;
}

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter basename="/console">
        <Layout>
          <Routes>
            <Route path="/connexion" element={<SignIn />} />
            <Route path="/connexion/retour" element={<OidcReturn />} />
            <Route
              path="/"
              element={
                <SignedIn>
                  <Inbox />
                </SignedIn>
              }
            />
            <Route
              path="/dossiers/nouveau"
              element={
                <SignedIn>
                  <NewCase />
                </SignedIn>
              }
            />
            <Route
              path="/dossiers/:caseId"
              element={
                <SignedIn>
                  <CasePage />
                </SignedIn>
              }
            />
            <Route
              path="/commission"
              element={
                <SignedIn>
                  <CommissionPage />
                </SignedIn>
              }
            />
            <Route
              path="/seances/:sessionId"
              element={
                <SignedIn>
                  <SessionPage />
                </SignedIn>
              }
            />
            <Route
              path="/verification"
              element={
                <SignedIn>
                  <Verification />
                </SignedIn>
              }
            />
            <Route
              path="/indicateurs"
              element={
                <SignedIn>
                  <Dashboard />
                </SignedIn>
              }
            />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Layout>
      </BrowserRouter>
    </SessionProvider>
  );
}
