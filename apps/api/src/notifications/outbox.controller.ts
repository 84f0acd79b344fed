import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OutboxRow, OutboxStore } from '@psp/notifications';
import { ReadModelDatabase } from '@psp/projections';
import { Actor, Role } from '@psp/security';
import { ForbiddenCommandError } from '@psp/workflow';
import { CurrentActor } from '../infrastructure/authentication';
import { problem } from '../infrastructure/problem-details';
import { Answers } from '../openapi/answers.decorator';
import { READ_MODEL } from '../projections/read-model.provider';
import { OutboxQuery } from './outbox.query';

/** ACL-05 (need to know): the préfecture and the auditors follow what was told, in their département. */
export const OUTBOX_READERS: readonly Role[] = ['prefecture', 'auditor'];

/**
 * The notifications of one département (docs/documents.md): what is pending, sent, failed or
 * cancelled, to which kind of recipient, about which file, sitting or seat. Never an address nor
 * a body (the body holds the subject's number and a link only; the subject says it).
 */
@ApiTags('notifications')
@ApiBearerAuth('bearer')
@Controller('notifications')
export class OutboxController {
  private readonly outbox: OutboxStore;

  constructor(@Inject(READ_MODEL) db: ReadModelDatabase) {
    this.outbox = new OutboxStore(db);
  }

  @Get('outbox')
  @Answers('NotificationOutbox')
  @ApiOperation({
    summary:
      'The notifications of a département: pending, sent, failed (undeliverable or retrying) or cancelled; préfecture and auditors of the département (ACL-05)',
  })
  async list(@Query() query: OutboxQuery, @CurrentActor() actor: Actor) {
    if (!OUTBOX_READERS.includes(actor.role)) {
      throw new ForbiddenCommandError(actor.role, OUTBOX_READERS, 'read', {
        rule: 'ACL-05',
        message: `the role ${actor.role} may not read the notification outbox (need to know)`,
      });
    }
    if (actor.departement && query.departement && query.departement !== actor.departement) {
      throw new ForbiddenCommandError(actor.role, [], 'read', {
        rule: 'ACL-05',
        message: `the outbox of département ${query.departement} is read by its own préfecture and auditors only`,
      });
    }
    const departement = actor.departement ?? query.departement;
    if (!departement) {
      throw new BadRequestException(
        problem(400, 'invalid-request', 'Invalid request', {
          detail: 'departement: required for a reader not scoped to a département',
          errors: [{ field: 'departement', problems: ['required for a reader not scoped to a département'] }],
        }),
      );
    }
    const rows = await this.outbox.listForDepartement(departement, {
      ...(query.status ? { status: query.status } : {}),
      ...(query.limit ? { limit: query.limit } : {}),
    });
    return { departement, items: rows.map(item) };
  }
}

function item(row: OutboxRow) {
  return {
    id: row.id,
    kind: row.kind,
    about: row.caseId,
    recipient: { kind: row.recipientKind, key: row.recipientKey },
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    notBefore: row.notBefore,
    ...(row.createdAt ? { createdAt: row.createdAt } : {}),
    ...(row.sentAt ? { sentAt: row.sentAt } : {}),
    ...(row.lastError ? { lastError: row.lastError } : {}),
  };
}
