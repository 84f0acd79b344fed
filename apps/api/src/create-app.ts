import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module';
import { documentMaxBytes, registerDocumentUploads } from './documents/document-uploads';
import { CASE_CATALOGUE } from './cases/case-openapi';
import { addCommandCatalogues } from './infrastructure/command-openapi';
import {
  REQUEST_LIMITS,
  SERVER_TIMEOUTS,
  clientErrorHandler,
  frameworkErrors,
  registerHttpHardening,
} from './infrastructure/http-hardening';
import { CONSOLE_PATH, consoleDirectory, serveConsole } from './infrastructure/console-static';
import { JsonLogger } from './infrastructure/json-logger';
import { Metrics } from './infrastructure/metrics';
import { validationPipe } from './infrastructure/validation';
import { REGISTRY_CATALOGUES } from './registries/registries-openapi';
import { AppConfig } from '@psp/runtime';

/** Builds the HTTP application (used by main.ts and by the end-to-end tests). */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = new JsonLogger(config.environment === 'test');
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter({
      bodyLimit: REQUEST_LIMITS.bodyBytes,
      ...SERVER_TIMEOUTS,
      routerOptions: { maxParamLength: REQUEST_LIMITS.paramLength },
      clientErrorHandler,
      frameworkErrors,
    }),
    { logger, abortOnError: false, bufferLogs: false, bodyParser: false },
  );
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  // JSON only (any other body type is refused with 415), size limits, security headers.
  registerHttpHardening(fastify);
  // Document uploads: the one multipart route, streamed and cut at DOCUMENT_MAX_BYTES (docs/documents.md).
  await registerDocumentUploads(fastify, documentMaxBytes());
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      seconds,
    );
    // Route pattern, status and time only: never the body, never a query string.
    logger.log(
      {
        msg: 'request',
        method: request.method,
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'http',
    );
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('PSP case engine')
      .setDescription(
        'Commands and queries for parcours de sortie de la prostitution (PSP) cases, their APS and AFIS, approved associations and departmental commissions. Errors are RFC 9457 problem documents naming the rule (PD-6).',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .build(),
  );
  const commands = addCommandCatalogues(document, [CASE_CATALOGUE, ...REGISTRY_CATALOGUES]);
  SwaggerModule.setup('docs', app, commands, { jsonDocumentUrl: 'docs/openapi.json' });
  // The web console (ADR 0022), when it has been built (`npm run build` builds it).
  const consoleRoot = consoleDirectory();
  if (consoleRoot) await serveConsole(fastify, consoleRoot);
  return app;
}

/** The console's path when this process serves it (main.ts prints its address at start). */
export function consolePath(): string | undefined {
  return consoleDirectory() ? CONSOLE_PATH : undefined;
}
