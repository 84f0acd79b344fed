import { Controller, Get, HttpCode, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EventStore } from '@psp/event-store';
import { dateOf } from '@psp/legal-kernel';
import { Projector } from '@psp/projections';
import { deploymentParameters, staleParameterWarnings } from '@psp/psp-case';
import { Clock } from '@psp/workflow';
import { AppConfig, TokenRevocations } from '@psp/runtime';
import { TokenVerifier } from '@psp/security';
import { APP_CONFIG } from '../config/app-config.token';
import { CLOCK } from '../infrastructure/clock';
import { Public, TOKEN_REVOCATIONS, TOKEN_VERIFIER } from '../infrastructure/authentication';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { PROJECTOR } from '../projections/projections.module';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTOR) private readonly projector: Projector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(TOKEN_REVOCATIONS) private readonly revocations: TokenRevocations,
  ) {}

  @Get('live')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get(['', 'ready'])
  @ApiOperation({
    summary:
      'Readiness: the event store in use answers. In public only up or down; with an auditor or system token, the store and the views in detail',
  })
  @ApiOkResponse({
    schema: {
      example: { status: 'ok' },
    },
  })
  @ApiServiceUnavailableResponse({ description: 'the event store does not answer' })
  async ready(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const store = await this.store.health();
    if (!store.ok) reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    // In public, up or down and nothing else: the store's path, positions and views tell an
    // outsider where the data lives and how busy the service is (docs/security.md).
    if (!(await this.isOperator(request))) return { status: store.ok ? 'ok' : 'unavailable' };
    // Views: each runner's checkpoint, whether it has caught up, and parked streams (alerts); with
    // PROJECTOR=external, the active versions' checkpoints as the external projector stored them.
    const projections = await (
      this.config.projector === 'external' ? this.projector.storedStatus() : this.projector.status()
    ).catch(() => []);
    // PD-5: the dated tables in use, and a warning for each one past its usual revaluation date.
    const parameters = {
      source: this.config.parameterTable?.file ? 'PSP_PARAMETERS_FILE' : 'defaults',
      warnings: staleParameterWarnings(deploymentParameters(), dateOf(this.clock().toISOString())),
    };
    return { status: store.ok ? 'ok' : 'unavailable', store, projections, parameters };
  }

  /** An auditor or system token, verified and not revoked; anything else (or nothing) is the public. */
  private async isOperator(request: FastifyRequest): Promise<boolean> {
    if (!request.headers.authorization) return false;
    try {
      const { actor, tokenId, issuedAt } = await this.verifier.authenticate(request.headers.authorization);
      if (actor.role !== 'auditor' && actor.role !== 'system') return false;
      return !(await this.revocations.isRevoked({ subject: actor.subject, tokenId, issuedAt }));
    } catch {
      return false;
    }
  }
}
