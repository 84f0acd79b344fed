import { ReactNode, createContext, useContext, useState } from 'react';
import { setToken } from './api';

export interface Session {
  readonly role: string;
  readonly departement?: string;
  readonly associationId?: string;
  readonly memberId?: string;
}

interface SessionState {
  readonly session?: Session;
  signIn(token: string, session: Session): void;
  signOut(): void;
}

const SessionContext = createContext<SessionState>({ signIn: () => undefined, signOut: () => undefined });

/** Who is signed in, in memory only: the token never reaches any browser storage. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>();
  const value: SessionState = {
    session,
    signIn(token, next) {
      setToken(token);
      setSession(next);
    },
    signOut() {
      setToken(undefined);
      setSession(undefined);
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);
