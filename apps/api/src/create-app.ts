import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { Span, SpanKind, context, trace } from '@opentelemetry/api';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module';
import { documentMaxBytes, registerDocumentUploads } from './documents/document-uploads';
import {
  REQUEST_LIMITS,
  SERVER_TIMEOUTS,
  clientErrorHandler,
  frameworkErrors,
  registerHttpHardening,
} from './infrastructure/http-hardening';
import { CONSOLE_PATH, consoleDirectory, serveConsole } from './infrastructure/console-static';
import { JsonLogger, REQUEST_LOG_CONTEXT } from './infrastructure/json-logger';
import { correlationIdFrom } from './infrastructure/command-headers';
import { Metrics } from './infrastructure/metrics';
import { CLOCK } from './infrastructure/clock';
import { READ_AUDIT_STORE, registerReadAudit } from './security-views/read-audit';
import { ReadAuditStore } from './security-views/read-audit-store';
import { validationPipe } from './infrastructure/validation';
import { buildApiDocument } from './openapi/api-document';
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
      // The request id: the caller's X-Request-Id when it is a plain token, else a new UUID.
      genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
        const given = request.headers['x-request-id'];
        return typeof given === 'string' && /^[A-Za-z0-9_.:-]{1,100}$/.test(given) ? given : randomUUID();
      },
    }),
    { logger, abortOnError: false, bufferLogs: false, bodyParser: false },
  );
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  // JSON only (any other body type is refused with 415), size limits, security headers.
  registerHttpHardening(fastify);
  // ACL-06: every case read and export recorded before its answer leaves (fail closed).
  registerReadAudit(fastify, app.get<ReadAuditStore>(READ_AUDIT_STORE), app.get<() => Date>(CLOCK));
  // Document uploads: the one multipart route, streamed and cut at DOCUMENT_MAX_BYTES (docs/documents.md).
  await registerDocumentUploads(fastify, documentMaxBytes());
  // One span per request, active while the route runs: the command's spans are its children.
  const tracer = trace.getTracer('psp-case-engine');
  const spans = new WeakMap<FastifyRequest, Span>();
  fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    const span = tracer.startSpan(`${request.method} ${request.routeOptions?.url ?? 'unmatched'}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': request.method, 'http.route': request.routeOptions?.url ?? '' },
    });
    spans.set(request, span);
    // The request id (and the correlation id) on every log line written while it runs.
    const correlationId = correlationIdFrom(request.headers['traceparent'], request.headers['x-request-id']);
    void _reply.header('X-Request-Id', request.id);
    REQUEST_LOG_CONTEXT.run({ requestId: request.id, ...(correlationId ? { correlationId } : {}) }, () =>
      context.with(trace.setSpan(context.active(), span), done),
    );
  });
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    const span = spans.get(request);
    span?.setAttribute('http.response.status_code', reply.statusCode);
    span?.end();
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      seconds,
    );
    // Route pattern, status and time only: never the body, never a query string.
    logger.log(
      {
        msg: 'request',
        requestId: request.id,
        method: request.method,
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'http',
    );
  });

  SwaggerModule.setup('docs', app, buildApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    // The token pasted in Authorize stays across reloads of the page (browser local storage).
    swaggerOptions: { persistAuthorization: true },
  });
  // The web console (ADR 0022), when it has been built (`npm run build` builds it).
  const consoleRoot = consoleDirectory();
  if (consoleRoot) await serveConsole(fastify, consoleRoot);
  return app;
}

/** The console's path when this process serves it (main.ts prints its address at start). */
export function consolePath(): string | undefined {
  return consoleDirectory() ? CONSOLE_PATH : undefined;
}
