import { Answers } from '../openapi/answers.decorator';
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { EventStore } from '@psp/event-store';
import { DocumentStorage } from '@psp/documents';
import {
  CommissionPaper,
  PaperNotReadyError,
  SittingPaperStore,
  lastFiledPaper,
  renderCommissionPaper,
} from '@psp/letters';
import { Actor } from '@psp/security';
import { commissionSessionStreamId, loadSession } from '@psp/workflow';
import { CurrentActor } from '../infrastructure/authentication';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { problem } from '../infrastructure/problem-details';
import { RequestProblem } from '../infrastructure/problem-details.filter';
import { notFound, recordIdOr404 } from '../infrastructure/record-id';
import { CaseDisclosures, Disclosures } from '../security-views/case-disclosures';
import { DOCUMENT_STORAGE } from './document-tokens';

const PAPERS: readonly CommissionPaper[] = ['convocation', 'attendance', 'minutes'];

/**
 * The papers of a sitting as PDF, drawn up from its events (docs/documents.md): the convocation
 * once convened, the attendance sheet once it sits, the minutes once it closes. A paper the sitting
 * filed (convocation at convening, attendance and minutes at closing) is answered as stored, its
 * SHA-256 the one its event records; the others are drawn up on request. For those who
 * read the full session (préfecture, secretariat, auditors of the département); the cases named
 * are recorded in the read audit (ACL-06).
 */
@ApiTags('commission sessions')
@ApiBearerAuth('bearer')
@Controller('commission-sessions')
export class CommissionPapersController {
  private readonly papers: SittingPaperStore;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORAGE) storage: DocumentStorage,
  ) {
    this.papers = new SittingPaperStore(storage);
  }

  @Answers('File', { file: true, description: 'the paper as PDF' })
  @Get(':sessionId/papers/:paper')
  @ApiOperation({
    summary:
      'A paper of the sitting as PDF: convocation (agenda, notice period, COM-07), attendance (presence, proxies, recusals), minutes (quorum, votes, opinions, COM-08; once closed)',
  })
  async paper(
    @Param('sessionId') sessionId: string,
    @Param('paper') paper: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Disclosures() disclosures: CaseDisclosures,
  ) {
    if (!PAPERS.includes(paper as CommissionPaper)) throw notFound();
    const snapshot = await loadSession(this.store, recordIdOr404(sessionId), actor);
    if (!('session' in snapshot)) throw notFound(); // members read their items through the session
    const filed = lastFiledPaper(
      await this.store.readStream(commissionSessionStreamId(snapshot.sessionId)),
      paper as CommissionPaper,
    );
    let bytes: Buffer | undefined = filed ? await this.papers.read(snapshot.sessionId, filed) : undefined;
    try {
      bytes ??= await renderCommissionPaper(
        paper as CommissionPaper,
        actor.departement ?? '',
        snapshot.session,
      );
    } catch (error) {
      if (!(error instanceof PaperNotReadyError)) throw error;
      throw new RequestProblem(
        problem(409, 'paper-not-ready', 'This paper cannot be drawn up yet', {
          detail: `${error.rule}: ${error.message}`,
          rules: [{ rule: error.rule, message: error.message }],
        }),
      );
    }
    for (const entry of snapshot.session.agenda) {
      if (entry.item.kind !== 'policy') {
        disclosures.add({ caseId: entry.item.caseId, fields: [`commission.${paper}`] });
      }
    }
    reply.header('Content-Type', 'application/pdf');
    reply.header('Content-Disposition', `attachment; filename="${paper}-${sessionId}.pdf"`);
    reply.header('Repr-Digest', `sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`);
    return bytes;
  }
}
