import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where the web console is served (docs/console.md). */
export const CONSOLE_PATH = '/console';

/**
 * The built console (`npm run build:console` writes `dist/console` at the repository's root): found
 * from this file whether it runs from the sources (`apps/api/src`) or from `dist/apps/api/src`.
 * `CONSOLE_DIR` overrides it.
 */
export function consoleDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CONSOLE_DIR) return existsSync(join(env.CONSOLE_DIR, 'index.html')) ? env.CONSOLE_DIR : undefined;
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const built = join(dir, 'dist', 'console');
      return existsSync(join(built, 'index.html')) ? built : undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The console's production sign-in (OIDC code + PKCE), when a client id is configured for it. */
export function consoleOidc(
  env: NodeJS.ProcessEnv = process.env,
): { issuer: string; clientId: string; scope: string } | undefined {
  if (!env.OIDC_ISSUER || !env.CONSOLE_OIDC_CLIENT_ID) return undefined;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.CONSOLE_OIDC_CLIENT_ID,
    scope: env.CONSOLE_OIDC_SCOPE ?? 'openid',
  };
}

/**
 * Serves the single-page console (ADR 0022): its files as they are, and `index.html` for every
 * other path under /console so that a reload of `/console/cases/…` opens the same screen. These
 * are static files: every piece of data still comes from the API, with a bearer token.
 */
export async function serveConsole(fastify: FastifyInstance, root: string): Promise<void> {
  await fastify.register(fastifyStatic, {
    root,
    prefix: `${CONSOLE_PATH}/`,
    wildcard: false,
    index: false,
  });
  const page = (_request: unknown, reply: FastifyReply) => reply.sendFile('index.html', root);
  fastify.get(CONSOLE_PATH, (_request, reply) => reply.redirect(`${CONSOLE_PATH}/`));
  // Public settings of the page: how to sign in (no secret: a public client with PKCE).
  const settings = { oidc: consoleOidc() ?? null };
  fastify.get(`${CONSOLE_PATH}/config.json`, (_request, reply) => reply.send(settings));
  fastify.get(`${CONSOLE_PATH}/`, page);
  fastify.get(`${CONSOLE_PATH}/*`, page);
}
