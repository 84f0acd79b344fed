import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  JWK,
  JWTPayload,
  KeyLike,
  createRemoteJWKSet,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import { Actor } from '../authorisation/actor';
import { AuthenticationError } from './authentication-errors';
import { PspClaims, actorFromClaims } from './token-claims';

/** The one algorithm accepted: a token signed otherwise (or `none`) is refused. */
export const TOKEN_ALGORITHM = 'ES256';
export const DEV_ISSUER = 'urn:psp-case-engine:dev';
export const DEFAULT_AUDIENCE = 'psp-case-engine';

export interface TokenVerifierConfig {
  /** `oidc`: keys from the issuer's JWKS (ProConnect or another OIDC issuer); `dev`: a local key file. */
  readonly mode: 'oidc' | 'dev';
  readonly issuer: string;
  readonly audience: string;
  /** oidc: the issuer's JWKS URL. */
  readonly jwksUrl?: string;
  /** dev: where the local signing key lives (created on first use). */
  readonly devKeyFile?: string;
  /** Authentication methods of which one must appear in `amr` (multi-factor for agents in production). */
  readonly requiredAmr?: readonly string[];
}

type KeySource = KeyLike | Uint8Array | ReturnType<typeof createRemoteJWKSet>;

const VERIFIED_TOKEN_TTL_MS = 60_000;
const MAX_VERIFIED_TOKENS = 10_000;

/** The `exp` claim of a token whose signature was verified (its payload is well-formed JSON). */
function decodeExp(token: string): number | undefined {
  const exp = (decodeJwt(token) as { exp?: unknown }).exp;
  return typeof exp === 'number' ? exp : undefined;
}

/** Verifies bearer tokens: signature with the pinned algorithm, issuer, audience, expiry, scope claims. */
export class TokenVerifier {
  private constructor(
    private readonly config: TokenVerifierConfig,
    private readonly key: KeySource,
  ) {}

  static async create(config: TokenVerifierConfig): Promise<TokenVerifier> {
    if (config.mode === 'oidc') {
      if (!config.jwksUrl) throw new Error('OIDC mode needs the issuer JWKS URL (OIDC_JWKS_URL)');
      return new TokenVerifier(config, createRemoteJWKSet(new URL(config.jwksUrl)));
    }
    const { publicKey } = await loadOrCreateDevKey(config.devKeyFile ?? './data/dev-signing-key.json');
    return new TokenVerifier(config, publicKey);
  }

  async verify(authorization: string | undefined): Promise<Actor> {
    return (await this.authenticate(authorization)).actor;
  }

  /** Verifies the token and returns the actor with the token's id and issue time (for revocation). */
  async authenticate(authorization: string | undefined): Promise<VerifiedToken> {
    if (!authorization) throw new AuthenticationError('a bearer token is required');
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization.trim());
    if (!match) throw new AuthenticationError('the Authorization header must be "Bearer <token>"');
    const token = match[1];
    const known = this.verified.get(token);
    if (known && Date.now() < known.until) return known.verified;
    const verified = await this.verifyToken(token);
    this.remember(token, verified);
    return verified;
  }

  /**
   * A token already verified is trusted again without checking its signature, until it expires
   * and for at most VERIFIED_TOKEN_TTL_MS (a key withdrawn from the issuer's JWKS stops being
   * honoured within that time). The signature check was ≈ 8% of a command's CPU (bench/http).
   * Revocation is not cached: the guard checks the revocation list on every request.
   */
  private readonly verified = new Map<string, { readonly verified: VerifiedToken; readonly until: number }>();

  private remember(token: string, verified: VerifiedToken): void {
    const exp = decodeExp(token);
    if (exp === undefined) return;
    if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.clear();
    this.verified.set(token, { verified, until: Math.min(exp * 1000, Date.now() + VERIFIED_TOKEN_TTL_MS) });
  }

  private async verifyToken(token: string): Promise<VerifiedToken> {
    let payload: JWTPayload;
    try {
      const options = {
        algorithms: [TOKEN_ALGORITHM],
        issuer: this.config.issuer,
        audience: this.config.audience,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 30,
      };
      ({ payload } =
        typeof this.key === 'function'
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, this.key, options));
    } catch {
      throw new AuthenticationError('the token is invalid or expired');
    }
    if (this.config.requiredAmr && this.config.requiredAmr.length > 0) {
      const amr = Array.isArray(payload.amr) ? (payload.amr as unknown[]) : [];
      if (!this.config.requiredAmr.some((method) => amr.includes(method))) {
        throw new AuthenticationError('the token does not show multi-factor authentication (amr)');
      }
    }
    return {
      actor: actorFromClaims(payload as JWTPayload & Partial<PspClaims>),
      ...(typeof payload.jti === 'string' ? { tokenId: payload.jti } : {}),
      ...(typeof payload.iat === 'number' ? { issuedAt: new Date(payload.iat * 1000) } : {}),
    };
  }
}

/** A verified token: who acts, and what revocation needs (`jti`, `iat`). */
export interface VerifiedToken {
  readonly actor: Actor;
  /** The token's `jti`, when it has one (development tokens always do). */
  readonly tokenId?: string;
  /** The token's `iat`, when it has one. */
  readonly issuedAt?: Date;
}

interface DevKeyPair {
  readonly publicKey: KeyLike | Uint8Array;
  readonly privateKey: KeyLike | Uint8Array;
}

/** The development signing key: created once in the data folder, never used in production mode. */
export async function loadOrCreateDevKey(file: string): Promise<DevKeyPair> {
  if (existsSync(file)) {
    const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    const { d: _private, ...publicJwk } = jwk;
    return {
      privateKey: await importJWK(jwk, TOKEN_ALGORITHM),
      publicKey: await importJWK(publicJwk, TOKEN_ALGORITHM),
    };
  }
  const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(await exportJWK(privateKey)), { mode: 0o600 });
  return { publicKey, privateKey };
}

export interface DevTokenRequest {
  readonly subject: string;
  readonly role: string;
  readonly departement?: string;
  readonly associationId?: string;
  readonly memberId?: string;
  readonly amr?: readonly string[];
  readonly ttlSeconds?: number;
  /** The token id (`jti`); a random UUID when not given. */
  readonly tokenId?: string;
}

/** Signs a development token with the local key (`npm run cli -- token …`). */
export async function issueDevToken(
  devKeyFile: string,
  request: DevTokenRequest,
  audience = DEFAULT_AUDIENCE,
): Promise<string> {
  const { privateKey } = await loadOrCreateDevKey(devKeyFile);
  const claims: Record<string, unknown> = { psp_role: request.role, amr: request.amr ?? ['pwd', 'otp'] };
  if (request.departement) claims.psp_departement = request.departement;
  if (request.associationId) claims.psp_association = request.associationId;
  if (request.memberId) claims.psp_member = request.memberId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(DEV_ISSUER)
    .setAudience(audience)
    .setJti(request.tokenId ?? randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds ?? 8 * 3600}s`)
    .sign(privateKey);
}
