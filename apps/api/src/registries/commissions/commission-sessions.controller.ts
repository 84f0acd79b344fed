import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EventStore } from '@psp/event-store';
import { Actor } from '@psp/security';
import { CommissionCommandHandler, SessionCommandSpec, loadSession, sessionCommand } from '@psp/workflow';
import { CurrentActor } from '../../infrastructure/authentication';
import { CommandCall, CommandEndpoint, CommandRoute } from '../../infrastructure/command-endpoint';
import { etag } from '../../infrastructure/command-headers';
import { EVENT_STORE } from '../../infrastructure/event-store.provider';
import { RECORD_ID, recordIdOr404 } from '../../infrastructure/record-id';
import { CaseDisclosures, Disclosures } from '../../security-views/case-disclosures';
import { CasePayloads } from '../../security-views/case-payloads';
import { COMMISSION_COMMAND_HANDLER } from '../registry-tokens';
import { SESSION_COMMAND_BODIES } from './sessions';
import { Answers } from '../../openapi/answers.decorator';

/** Every session command but `convene`, which has its own route on the commission. */
const SESSION_COMMAND_ROUTE: CommandRoute<SessionCommandSpec> = {
  idPattern: RECORD_ID,
  idParameter: 'sessionId',
  command: (name) => {
    const spec = sessionCommand(name);
    return spec?.eventType === 'SessionConvened' ? undefined : spec;
  },
  bodies: SESSION_COMMAND_BODIES,
};

/**
 * One sitting of the commission (COM-07, COM-08): `POST /commission-sessions/{sessionId}/{command}`
 * for the agenda, interests, proxies, opening, deliberations and closing; `GET` for the session.
 */
@ApiTags('commission sessions')
@ApiBearerAuth('bearer')
@Controller('commission-sessions')
export class CommissionSessionsController {
  constructor(
    @Inject(COMMISSION_COMMAND_HANDLER) private readonly handler: CommissionCommandHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CommandEndpoint) private readonly commands: CommandEndpoint,
    @Inject(CasePayloads) private readonly payloads: CasePayloads,
  ) {}

  @Post(':sessionId/:command')
  @HttpCode(200)
  @ApiExcludeEndpoint() // documented per command from the catalogue (registries-openapi.ts)
  execute(
    @Param('sessionId') sessionId: string,
    @Param('command') name: string,
    @Body() body: unknown,
    @CommandCall() call: CommandCall,
  ) {
    return this.commands.execute(SESSION_COMMAND_ROUTE, sessionId, name, body, call, (...command) =>
      this.handler.executeSession(...command),
    );
  }

  @Get(':sessionId')
  @Answers('CommissionSession', {
    description: 'the session; its revision is the ETag to send back in If-Match',
  })
  @ApiOperation({
    summary:
      'One sitting: agenda with recusals, eligible voters, quorum and opinions. A commission member sees only the items it sits on (ACL-01, ACL-02, ACL-03), with the minimised case summary while the session is convened or sitting (R3; audited, ACL-06)',
  })
  async get(
    @Param('sessionId') sessionId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Disclosures() disclosures: CaseDisclosures,
  ) {
    const snapshot = await loadSession(this.store, recordIdOr404(sessionId), actor);
    reply.header('ETag', etag(snapshot.revision));
    if (!('member' in snapshot)) {
      // Each case item with its file number (rv_file_numbers), as the inbox shows it.
      const agenda = await Promise.all(
        snapshot.session.agenda.map(async (entry) => {
          if (entry.item.kind === 'policy') return entry;
          const fileNumber = await this.payloads.fileNumber(entry.item.caseId);
          return fileNumber ? { ...entry, item: { ...entry.item, fileNumber } } : entry;
        }),
      );
      return { ...snapshot, session: { ...snapshot.session, agenda } };
    }
    const { member } = snapshot;
    // Matrix 1.2 [I]: a member reads a case only while it is on an agenda it sits on.
    if (member.status !== 'convened' && member.status !== 'sitting') return snapshot;
    const agenda = await Promise.all(
      member.agenda.map(async (item) => {
        if (!item.caseId) return item;
        const summary = await this.payloads.agendaSummary(item.caseId, actor);
        disclosures.add({ caseId: item.caseId, departement: summary.departement, fields: summary.fields });
        return { ...item, summary: summary.value ?? {} };
      }),
    );
    return { ...snapshot, member: { ...member, agenda } };
  }
}
