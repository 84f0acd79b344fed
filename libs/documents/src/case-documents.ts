import { createHash } from 'node:crypto';
import { EventStore } from '@psp/event-store';
import { CalendarDate, dateOf } from '@psp/legal-kernel';
import {
  DocumentFiled,
  DocumentOnFile,
  DocumentType,
  EVENT_SCHEMA_VERSIONS,
  PspCaseEvent,
  decide,
} from '@psp/psp-case';
import { Actor, PersonalDataVault } from '@psp/security';
import {
  CommandOutcome,
  ForbiddenCommandError,
  StreamNotFoundError,
  caseAggregate,
  caseInScope,
  caseStreamId,
  deterministicUuid,
  executeCommand,
  readCase,
} from '@psp/workflow';
import { mayReadDocument, mayUploadDocument } from './access/document-access';
import { DocumentGoneError, DocumentIntegrityError, DocumentRefusedError } from './document-errors';
import { InspectionLimits, inspectContent } from './inspection/content-inspection';
import { DocumentStorage } from './storage/document-storage';

export interface DocumentUpload {
  readonly documentType: DocumentType;
  readonly bytes: Buffer;
  readonly fileName?: string;
  readonly validUntil?: CalendarDate;
}

export interface DocumentCommandContext {
  readonly commandId: string;
  readonly actor: Actor;
  readonly correlationId?: string;
}

export interface FiledDocument extends CommandOutcome {
  readonly documentId: string;
  readonly sha256: string;
  readonly mediaType: string;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The papers of a case: checked from their content, sealed with the person's key (the vault's
 * per-person key, so erasure shreds them), stored behind one port, and recorded by a
 * `DocumentFiled` event (SHA-256, type, author, date). Reads apply need-to-know per type (ACL-05).
 */
export class CaseDocuments {
  constructor(
    private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
    private readonly storage: DocumentStorage,
    private readonly clock: () => Date = () => new Date(),
    private readonly limits?: InspectionLimits,
  ) {}

  async file(
    caseId: string,
    upload: DocumentUpload,
    context: DocumentCommandContext,
  ): Promise<FiledDocument> {
    const { actor } = context;
    const { state } = await readCase(this.store, caseId);
    if (!caseInScope(actor, state.context)) throw new StreamNotFoundError(caseStreamId(caseId));
    if (!mayUploadDocument(actor.role, upload.documentType)) throw new ForbiddenCommandError(actor.role);
    const inspection = await inspectContent(upload.bytes, upload.fileName, this.limits);
    if (!inspection.accepted) {
      throw new DocumentRefusedError(
        inspection.kind === 'document-type-refused' ? 415 : 422,
        inspection.kind,
        inspection.detail,
      );
    }
    return this.store_(
      caseId,
      upload.documentType,
      upload.bytes,
      inspection.mediaType,
      context,
      upload.validUntil,
    );
  }

  /**
   * Seals and records bytes the engine produced itself (a decision letter), with the same event.
   * Returns the id and hash; the caller puts them in the decision's notification.
   */
  async fileGenerated(
    caseId: string,
    documentType: DocumentType,
    bytes: Buffer,
    mediaType: string,
    context: DocumentCommandContext,
  ): Promise<FiledDocument> {
    return this.store_(caseId, documentType, bytes, mediaType, context);
  }

  private async store_(
    caseId: string,
    documentType: DocumentType,
    bytes: Buffer,
    mediaType: string,
    context: DocumentCommandContext,
    validUntil?: CalendarDate,
  ): Promise<FiledDocument> {
    const { actor } = context;
    const documentId = deterministicUuid(`document:${caseId}:${context.commandId}`);
    const sha256 = sha256Hex(bytes);
    let stored = false;
    try {
      const outcome = await executeCommand(
        this.store,
        caseAggregate,
        caseStreamId(caseId),
        {
          commandId: context.commandId,
          correlationId: context.correlationId,
          actor: { id: actor.subject, role: actor.role },
        },
        async ({ state }) => {
          if (!caseInScope(actor, state.context)) throw new StreamNotFoundError(caseStreamId(caseId));
          const now = this.clock();
          const event: DocumentFiled = {
            type: 'DocumentFiled',
            schemaVersion: EVENT_SCHEMA_VERSIONS.DocumentFiled as 1,
            data: {
              documentId,
              documentType,
              sha256,
              mediaType,
              sizeBytes: bytes.length,
              filedOn: dateOf(now.toISOString()),
              author: { role: actor.role, id: actor.subject },
              ...(validUntil ? { validUntil } : {}),
            },
          };
          const decision = decide(state, event as PspCaseEvent);
          if (!decision.accepted) return { accepted: false, violations: decision.violations, kind: 'state' };
          // The sealed bytes are stored before the event that names them: a crash in between leaves
          // only ciphertext no event points to (purged with the case), never an event without its paper.
          if (!stored) {
            const personRef = state.context.personRef!;
            await this.storage.put(
              caseId,
              documentId,
              await this.vault.sealBytes(personRef, documentId, bytes),
            );
            stored = true;
          }
          return { accepted: true, events: [{ ...event, occurredAt: now.toISOString() }] };
        },
        { mode: 'update' },
      );
      return { ...outcome, documentId, sha256, mediaType };
    } catch (error) {
      if (stored) await this.storage.delete(caseId, documentId);
      throw error;
    }
  }

  /** 404 unless the case exists and is in the actor's scope: checked before an upload is read. */
  async assertInScope(caseId: string, actor: Actor): Promise<void> {
    const { state } = await readCase(this.store, caseId);
    if (!caseInScope(actor, state.context)) throw new StreamNotFoundError(caseStreamId(caseId));
  }

  /** The documents of a case the actor may read (metadata only). */
  async list(caseId: string, actor: Actor): Promise<DocumentOnFile[]> {
    const { state } = await readCase(this.store, caseId);
    if (!caseInScope(actor, state.context)) throw new StreamNotFoundError(caseStreamId(caseId));
    return (state.context.documents ?? []).filter((d) => mayReadDocument(actor.role, d.documentType));
  }

  /**
   * The clear bytes of one document, checked against the SHA-256 of its event. A document the
   * role may not read is not found (404), as a case out of scope.
   */
  async read(
    caseId: string,
    documentId: string,
    actor: Actor,
  ): Promise<{ readonly document: DocumentOnFile; readonly bytes: Buffer; readonly departement: string }> {
    const { state } = await readCase(this.store, caseId);
    if (!caseInScope(actor, state.context)) throw new StreamNotFoundError(caseStreamId(caseId));
    const document = (state.context.documents ?? []).find((d) => d.documentId === documentId);
    if (!document || !mayReadDocument(actor.role, document.documentType)) {
      throw new StreamNotFoundError(`${caseStreamId(caseId)}/documents/${documentId}`);
    }
    const sealed = await this.storage.get(caseId, documentId);
    if (!sealed) throw new DocumentGoneError('purged');
    const bytes = await this.vault.openBytes(state.context.personRef!, documentId, sealed);
    if (!bytes) throw new DocumentGoneError('erased');
    if (sha256Hex(bytes) !== document.sha256) throw new DocumentIntegrityError();
    return { document, bytes, departement: state.context.departement! };
  }

  /** Retention (R14): the sealed bytes of every document of the case go with it. */
  async purgeCase(caseId: string): Promise<number> {
    return this.storage.deleteCase(caseId);
  }
}
