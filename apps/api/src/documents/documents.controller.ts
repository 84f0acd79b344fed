import { Answers } from '../openapi/answers.decorator';
import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import { CaseDocuments, DocumentRefusedError, DOCUMENT_ACCESS, apsItemOf } from '@psp/documents';
import { isCalendarDate } from '@psp/legal-kernel';
import { DocumentType, isDocumentType } from '@psp/psp-case';
import { Actor } from '@psp/security';
import { CurrentActor } from '../infrastructure/authentication';
import { CommandCall, CommandEndpoint } from '../infrastructure/command-endpoint';
import { notFound } from '../infrastructure/record-id';
import { CaseDisclosures, Disclosures } from '../security-views/case-disclosures';
import { documentProblem } from './document-problems';
import { CASE_DOCUMENTS } from './document-tokens';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/**
 * The papers of a case (docs/documents.md). Upload: `multipart/form-data` with the fields
 * `documentType` (and `validUntil` for D2 papers) BEFORE the one part `file`; the content is
 * checked from its bytes, sealed with the person's key and recorded by a `DocumentFiled` event.
 * Download: need-to-know per type (ACL-05), every read recorded in the read audit (ACL-06).
 */
@ApiTags('documents')
@ApiBearerAuth('bearer')
@Controller('cases/:caseId/documents')
export class DocumentsController {
  constructor(
    @Inject(CASE_DOCUMENTS) private readonly documents: CaseDocuments,
    @Inject(CommandEndpoint) private readonly commands: CommandEndpoint,
  ) {}

  @Answers('CommandAnswer', { status: 201, description: 'the document is filed: its id and SHA-256' })
  @Post()
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['documentType', 'file'],
      properties: {
        documentType: {
          type: 'string',
          enum: Object.keys(DOCUMENT_ACCESS),
          description: 'sent before the file',
        },
        validUntil: { type: 'string', format: 'date', description: 'D2 papers: last day of validity' },
        file: {
          type: 'string',
          format: 'binary',
          description: 'PDF, JPEG or PNG; at most DOCUMENT_MAX_BYTES',
        },
      },
    },
  })
  @ApiOperation({
    summary:
      'Uploads one document (multipart: documentType, optional validUntil, then file); PDF, JPEG or PNG checked from the content; sealed with the person’s key; recorded by DocumentFiled (SHA-256, type, author, date)',
  })
  async upload(
    @Param('caseId') caseId: string,
    @Req() request: FastifyRequest,
    @CommandCall() call: CommandCall,
  ) {
    if (!UUID.test(caseId)) throw notFound();
    try {
      // Out of scope reads as 404 before a byte of the upload is read.
      await this.documents.assertInScope(caseId, call.actor);
      const { documentType, validUntil, fileName, bytes } = await readUpload(request);
      return await this.commands.create(call, {
        command: 'file-document',
        run: (context) => this.documents.file(caseId, { documentType, bytes, fileName, validUntil }, context),
        ids: (outcome) => ({ caseId, documentId: outcome.documentId, sha256: outcome.sha256 }),
        location: (outcome) => `/cases/${caseId}/documents/${outcome.documentId}`,
      });
    } catch (error) {
      throw documentProblem(error);
    }
  }

  @Answers('DocumentList')
  @Get()
  @ApiOperation({
    summary: 'The documents of the case your role may read (type, SHA-256, date, author role)',
  })
  async list(@Param('caseId') caseId: string, @CurrentActor() actor: Actor) {
    if (!UUID.test(caseId)) throw notFound();
    const items = await this.documents.list(caseId, actor);
    return { items: items.map((d) => ({ ...d, apsItem: apsItemOf(d.documentType) })) };
  }

  @Answers('File', { file: true, description: 'the document as it was uploaded' })
  @Get(':documentId')
  @ApiOperation({
    summary: 'The content of one document (need to know per type, ACL-05; read-audited, ACL-06)',
  })
  async download(
    @Param('caseId') caseId: string,
    @Param('documentId') documentId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Disclosures() disclosures: CaseDisclosures,
  ) {
    if (!UUID.test(caseId) || !UUID.test(documentId)) throw notFound();
    try {
      const { document, bytes, departement } = await this.documents.read(caseId, documentId, actor);
      disclosures.add({ caseId, departement, fields: [`documents.${document.documentType}`] });
      reply.header('Content-Type', document.mediaType);
      reply.header(
        'Content-Disposition',
        `attachment; filename="${documentId}.${EXTENSIONS[document.mediaType] ?? 'bin'}"`,
      );
      reply.header('Repr-Digest', `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`);
      return bytes;
    } catch (error) {
      throw documentProblem(error);
    }
  }
}

/** Reads the multipart body as a stream, cut at the size limit; the fields come before the file. */
async function readUpload(request: FastifyRequest): Promise<{
  documentType: DocumentType;
  validUntil?: string;
  fileName?: string;
  bytes: Buffer;
}> {
  let part: MultipartFile | undefined;
  try {
    part = await request.file();
  } catch (error) {
    throw multipartRefusal(error);
  }
  if (!part || part.fieldname !== 'file') {
    throw new DocumentRefusedError(
      400,
      'invalid-request',
      'file: one multipart part named "file" is required',
    );
  }
  const field = (name: string): string | undefined => {
    const value = part!.fields[name] as MultipartValue | MultipartValue[] | undefined;
    return Array.isArray(value) || value?.type !== 'field' ? undefined : String(value.value);
  };
  const documentType = field('documentType');
  const validUntil = field('validUntil');
  // Read (and so bound) the stream before answering: a refused upload never leaves a half-read body.
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (error) {
    throw multipartRefusal(error);
  }
  // `toBuffer` looks at `truncated` after each chunk: when the stream is cut at the limit after its
  // last chunk was read, it answers the cut bytes without an error (seen once under load: a file over
  // the limit stored, 201). Cut means refused, whatever the timing.
  if (part.file.truncated) throw fileTooLarge();
  if (!isDocumentType(documentType)) {
    throw new DocumentRefusedError(
      400,
      'invalid-request',
      `documentType: one of ${Object.keys(DOCUMENT_ACCESS).join(', ')} (sent before the file)`,
      'documentType',
    );
  }
  if (validUntil !== undefined && !isCalendarDate(validUntil)) {
    throw new DocumentRefusedError(
      400,
      'invalid-request',
      'validUntil: a calendar date YYYY-MM-DD',
      'validUntil',
    );
  }
  if (bytes.length === 0) throw new DocumentRefusedError(400, 'invalid-request', 'file: the file is empty');
  return { documentType, validUntil, fileName: part.filename || undefined, bytes };
}

/** A file over `DOCUMENT_MAX_BYTES`, noticed by the parser or by the cut stream. */
function fileTooLarge(): DocumentRefusedError {
  return new DocumentRefusedError(
    413,
    'document-too-large',
    'file: larger than the limit (DOCUMENT_MAX_BYTES)',
  );
}

function multipartRefusal(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return fileTooLarge();
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new DocumentRefusedError(
        415,
        'document-type-refused',
        'the body must be multipart/form-data',
        'body',
      );
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new DocumentRefusedError(
        413,
        'document-too-large',
        'body: one file and at most a few short fields',
      );
    default:
      // Anything else stopped the reading of the request's own body: @fastify/multipart's other
      // errors (FST_…), and busboy's, which carry no code ("Unexpected end of multipart data",
      // "Malformed part header": a body that says multipart and is not). The client's body, not
      // the server: a 400 naming it (a fuzzed body found the 500 this was).
      return new DocumentRefusedError(
        400,
        'invalid-request',
        'body: not a readable multipart document upload',
        'body',
      );
  }
}
