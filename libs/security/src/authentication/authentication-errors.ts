/** The request carries no valid credentials (401). The message never echoes the token. */
export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AuthenticationError';
  }
}
