import { ExecutionContext, Inject, Injectable, Type, createParamDecorator } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CaseCommandContext, Caller, CommandOutcome, requestFingerprint } from '@psp/workflow';
import { PROJECTOR_NUDGE, ProjectorNudge } from '../cases/case-tokens';
import { actorOf, callerOf } from './authentication';
import { commandIdFrom, correlationIdFrom, expectedRevisionFrom } from './command-headers';
import { commandAnswer, countedCommand } from './command-response';
import { Metrics } from './metrics';
import { notFound } from './record-id';
import { RequestProblem } from './problem-details.filter';
import { problem } from './problem-details';
import { validateBody } from './validation';

/** 404 naming the commands of the resource (they are public: the API document lists them). */
function unknownCommand<Spec>(route: CommandRoute<Spec>, name: string): RequestProblem {
  const commands = Object.keys(route.bodies).filter((command) => route.command(command) !== undefined);
  return new RequestProblem(
    problem(404, 'unknown-command', 'No such command', {
      detail: `${JSON.stringify(name.slice(0, 60))} is not a command of this resource; its commands are: ${commands.join(', ')}`,
      commands,
    }),
  );
}

/** What a command route reads besides its path and body: the actor, its two headers, the reply. */
export interface CommandCall {
  readonly actor: CaseCommandContext['actor'];
  /** The token's issuer and subject: an `Idempotency-Key` is bound to them. */
  readonly caller: Caller;
  /** What was asked (method, path, body), stored with the events: a key reused for another request gets 422. */
  readonly fingerprint: string;
  /** `Idempotency-Key`: with the caller, the command id. */
  readonly idempotencyKey: string | string[] | undefined;
  /** `If-Match`: the revision decided on (read only by the routes on an existing record). */
  readonly ifMatch: string | string[] | undefined;
  /** From `traceparent` or `X-Request-Id`: written into the events' metadata. */
  readonly correlationId: string | undefined;
  readonly reply: FastifyReply;
}

/** The actor, `Idempotency-Key`, `If-Match` and the reply of a command route, in one parameter. */
export function readCommandCall(_data: unknown, context: ExecutionContext): CommandCall {
  const http = context.switchToHttp();
  const request = http.getRequest<FastifyRequest>();
  return {
    actor: actorOf(request),
    caller: callerOf(request),
    fingerprint: requestFingerprint({
      method: request.method,
      path: request.url.split('?')[0],
      body: request.body,
    }),
    idempotencyKey: request.headers['idempotency-key'],
    ifMatch: request.headers['if-match'],
    correlationId: correlationIdFrom(request.headers['traceparent'], request.headers['x-request-id']),
    reply: http.getResponse<FastifyReply>(),
  };
}

/** The parameter of a command route (the API document adds `Idempotency-Key` to routes that take it). */
export const CommandCall = createParamDecorator(readCommandCall);

/** The commands one `POST /{resource}/{id}/{command}` route runs. */
export interface CommandRoute<Spec> {
  /** The path parameter naming the record, also the answer's key: `caseId`. */
  readonly idParameter: string;
  /** A record id this route accepts; any other is simply not found. */
  readonly idPattern: RegExp;
  /** The command of that name this route runs, or undefined (404). */
  readonly command: (name: string) => Spec | undefined;
  /** Each command's body DTO, by name (a command without one is not found). */
  readonly bodies: Readonly<Record<string, { readonly dto: Type<object> }>>;
}

/** A command that creates its record (`POST /{resource}`): what it runs and what it answers. */
export interface CreateCommand<T extends CommandOutcome> {
  /** The command's name in the metrics. */
  readonly command: string;
  readonly run: (context: CaseCommandContext) => Promise<T>;
  /** The ids that name the new record in the answer. */
  readonly ids: (outcome: T) => Readonly<Record<string, string>>;
  /** Where the new record is read. */
  readonly location: (outcome: T) => string;
}

export type ExecuteCommand<Spec> = (
  spec: Spec,
  id: string,
  input: Record<string, unknown>,
  context: CaseCommandContext,
) => Promise<CommandOutcome>;

/**
 * Every command route, the same way: headers parsed (`Idempotency-Key`, `If-Match`), body
 * validated by the command's DTO, outcome counted in the metrics, the answer with its ETag (and
 * `Idempotent-Replayed` or `Location`), and the projector woken when events were written.
 */
@Injectable()
export class CommandEndpoint {
  constructor(
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(PROJECTOR_NUDGE) private readonly nudge: ProjectorNudge,
  ) {}

  /** `POST /{resource}`: the body was validated by its route's DTO; the answer names the new record. */
  async create<T extends CommandOutcome>(call: CommandCall, command: CreateCommand<T>) {
    const outcome = await countedCommand(this.metrics, command.command, () =>
      command.run({
        actor: call.actor,
        commandId: commandIdFrom(call.idempotencyKey, call.caller),
        fingerprint: call.fingerprint,
        ...(call.correlationId ? { correlationId: call.correlationId } : {}),
      }),
    );
    call.reply.header('Location', command.location(outcome));
    return commandAnswer(call.reply, outcome, command.ids(outcome), this.nudge);
  }

  /** `POST /{resource}/{id}/{command}`: any other command of the route, its body validated by its DTO. */
  async execute<Spec>(
    route: CommandRoute<Spec>,
    id: string,
    name: string,
    body: unknown,
    call: CommandCall,
    run: ExecuteCommand<Spec>,
  ) {
    const spec = route.command(name);
    const commandBody = route.bodies[name];
    if (!route.idPattern.test(id)) throw notFound();
    if (!spec || !commandBody) throw unknownCommand(route, name);
    const input = await validateBody(commandBody.dto, body ?? {});
    const outcome = await countedCommand(this.metrics, name, () =>
      run(spec, id, { ...input } as Record<string, unknown>, {
        actor: call.actor,
        commandId: commandIdFrom(call.idempotencyKey, call.caller),
        fingerprint: call.fingerprint,
        expectedRevision: expectedRevisionFrom(call.ifMatch),
        ...(call.correlationId ? { correlationId: call.correlationId } : {}),
      }),
    );
    return commandAnswer(call.reply, outcome, { [route.idParameter]: id }, this.nudge);
  }
}
