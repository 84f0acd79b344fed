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
/** Clock skew tolerated between the issuer and this server, on `exp` and `iat` (seconds). */
const CLOCK_SKEW_SECONDS = 30;
const P256_ORDER = BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551');
/** Half the order of the P-256 group: an ES256 signature's `s` above it is the non-canonical mirror. */
const P256_HALF_ORDER = P256_ORDER / 2n;

/**
 * An ES256 signature (r ‖ s, 64 bytes) is canonical when 0 < s ≤ n/2. (r, n − s) verifies too, so
 * a lax verifier accepts two spellings of one token: a second cache key, a way around a ban on one
 * token string. Only the low-S form passes here.
 */
export function isCanonicalEs256Signature(signature: string): boolean {
  const bytes = Buffer.from(signature, 'base64url');
  if (bytes.length !== 64) return false;
  const s = BigInt(`0x${bytes.subarray(32).toString('hex')}`);
  return s > 0n && s <= P256_HALF_ORDER;
}

/**
 * The canonical (low-S) spelling of an ES256 token: the same token, with `s` replaced by `n − s`
 * when it is in the upper half. Signing libraries (Node's included) give either form at random.
 */
export function canonicalEs256Token(token: string): string {
  const [header, payload, signature] = token.split('.');
  if (signature === undefined || isCanonicalEs256Signature(signature)) return token;
  const bytes = Buffer.from(signature, 'base64url');
  if (bytes.length !== 64) return token;
  const s = BigInt(`0x${bytes.subarray(32).toString('hex')}`);
  if (s === 0n || s >= P256_ORDER) return token;
  const low = Buffer.from((P256_ORDER - s).toString(16).padStart(64, '0'), 'hex');
  return `${header}.${payload}.${Buffer.concat([bytes.subarray(0, 32), low]).toString('base64url')}`;
}
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
    const token = this.canonicalForm(match[1]);
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

  /**
   * One spelling per token (ECDSA malleability): tokens this engine issues (dev mode) are low-S, so a
   * high-S one is a forgery of form and is refused; an OIDC issuer's signing library may give either
   * form, so its tokens are read in their low-S form (the cache and the checks see one token).
   */
  private canonicalForm(token: string): string {
    const signature = token.split('.')[2];
    if (isCanonicalEs256Signature(signature)) return token;
    if (this.config.mode === 'dev') throw new AuthenticationError('the token is invalid or expired');
    return canonicalEs256Token(token);
  }

  private async verifyToken(token: string): Promise<VerifiedToken> {
    let payload: JWTPayload;
    try {
      const options = {
        algorithms: [TOKEN_ALGORITHM],
        issuer: this.config.issuer,
        audience: this.config.audience,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_SKEW_SECONDS,
      };
      ({ payload } =
        typeof this.key === 'function'
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, this.key, options));
    } catch {
      throw new AuthenticationError('the token is invalid or expired');
    }
    // A token issued in the future would outlive a revocation of its subject ("tokens issued up to
    // now"): refused beyond the clock skew.
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
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
      issuer: typeof payload.iss === 'string' ? payload.iss : this.config.issuer,
      ...(typeof payload.jti === 'string' ? { tokenId: payload.jti } : {}),
      ...(typeof payload.iat === 'number' ? { issuedAt: new Date(payload.iat * 1000) } : {}),
    };
  }
}

/** A verified token: who acts, and what revocation needs (`jti`, `iat`). */
export interface VerifiedToken {
  readonly actor: Actor;
  /** The token's issuer (`iss`): with the subject, who the caller is (Idempotency-Key binding). */
  readonly issuer: string;
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
    .sign(privateKey)
    .then(canonicalEs256Token);
}
