import { Controller, Get, HttpCode, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EventStore } from '@psp/event-store';
import { dateOf } from '@psp/legal-kernel';
import { Projector } from '@psp/projections';
import { deploymentParameters, staleParameterWarnings } from '@psp/psp-case';
import { Clock } from '@psp/workflow';
import { AppConfig } from '@psp/runtime';
import { APP_CONFIG } from '../config/app-config.token';
import { CLOCK } from '../infrastructure/clock';
import { Public } from '../infrastructure/authentication';
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
  ) {}

  @Get('live')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get(['', 'ready'])
  @ApiOperation({ summary: 'Readiness: the event store in use answers' })
  @ApiOkResponse({
    schema: {
      example: { status: 'ok', store: { kind: 'sqlite', ok: true, details: { journalMode: 'wal' } } },
    },
  })
  @ApiServiceUnavailableResponse({ description: 'the event store does not answer' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const store = await this.store.health();
    // Views: each runner's checkpoint, whether it has caught up, and parked streams (alerts); with
    // PROJECTOR=external, the active versions' checkpoints as the external projector stored them.
    const projections = await (
      this.config.projector === 'external' ? this.projector.storedStatus() : this.projector.status()
    ).catch(() => []);
    if (!store.ok) reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    // PD-5: the dated tables in use, and a warning for each one past its usual revaluation date.
    const parameters = {
      source: this.config.parameterTable?.file ? 'PSP_PARAMETERS_FILE' : 'defaults',
      warnings: staleParameterWarnings(deploymentParameters(), dateOf(this.clock().toISOString())),
    };
    return { status: store.ok ? 'ok' : 'unavailable', store, projections, parameters };
  }
}
