import { randomUUID } from 'node:crypto';
import { Role } from '@psp/security';
import { TokenScope, call } from './dev-tokens';
import { uploadDocument, uploadInstructionPapers, pdfWith } from './document-files';

export type Answer = Awaited<ReturnType<typeof call>>;

export interface DriverScope {
  readonly departement: string;
  readonly associationId: string;
}

/**
 * Acts on cases over real HTTP, each command by the role the rule book gives it. Tokens are minted
 * once per role for one département and one association.
 */
export class CaseDriver {
  private readonly tokens = new Map<Role, string>();

  constructor(
    readonly baseUrl: string,
    private readonly mint: (role: Role, scope: TokenScope) => Promise<string>,
    readonly scope: DriverScope,
  ) {}

  async token(role: Role): Promise<string> {
    let token = this.tokens.get(role);
    if (!token) {
      const scoped = !['auditor', 'analyst', 'system'].includes(role);
      token = await this.mint(role, {
        departement: scoped ? this.scope.departement : undefined,
        associationId: role === 'association' ? this.scope.associationId : undefined,
        memberId: role === 'commission_member' ? 'member-under-test' : undefined,
      });
      this.tokens.set(role, token);
    }
    return token;
  }

  /**
   * `POST /cases`. Each case opened here is a different person: unless the body gives a birth place,
   * one unique to the case is added, so that the identity index (PSP-07) does not offer to link the
   * cases a spec opens with the same fictional identity. Specs about one person across cases give
   * the birth place themselves.
   */
  async open(body: unknown, key?: string): Promise<Answer> {
    return call(this.baseUrl, 'POST', '/cases', {
      token: await this.token('association'),
      body: distinctPerson(body, key),
      headers: key ? { 'idempotency-key': key } : {},
    });
  }

  async send(
    role: Role,
    caseId: string,
    command: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    return call(this.baseUrl, 'POST', `/cases/${caseId}/${command}`, {
      token: await this.token(role),
      body,
      headers,
    });
  }

  /** Sends a command that must be accepted; fails with the problem document otherwise. */
  async accept(role: Role, caseId: string, command: string, body: unknown): Promise<Answer> {
    const answer = await this.send(role, caseId, command, body);
    if (answer.status !== 200) {
      throw new Error(`${role} ${command} → ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    return answer;
  }

  /**
   * T2 (PSP-03, PSP-04): uploads the signed parcours document and the commitments, then completes
   * the instruction, which reads them from the documents on file.
   */
  async completeInstruction(caseId: string, body: Record<string, unknown>): Promise<Answer> {
    await uploadInstructionPapers(this.baseUrl, await this.token('association'), caseId);
    return this.accept('association', caseId, 'complete-instruction', body);
  }

  /** F2 (AFIS-04): the association files the resources statement, then the AFIS payer completes the instruction. */
  async completeAfisInstruction(caseId: string, body: Record<string, unknown>): Promise<Answer> {
    const upload = await uploadDocument(
      this.baseUrl,
      await this.token('association'),
      caseId,
      'afis_resources',
      {
        bytes: await pdfWith('Fictional afis_resources'),
        name: 'afis_resources.pdf',
        type: 'application/pdf',
      },
    );
    if (upload.status !== 201)
      throw new Error(`upload afis_resources → ${upload.status}: ${JSON.stringify(upload.body)}`);
    return this.accept('afis_payer', caseId, 'complete-afis-instruction', body);
  }

  async get(caseId: string, role: Role = 'association'): Promise<Answer> {
    return call(this.baseUrl, 'GET', `/cases/${caseId}`, { token: await this.token(role) });
  }

  async view(caseId: string, role: Role = 'association'): Promise<any> {
    const answer = await this.get(caseId, role);
    if (answer.status !== 200) throw new Error(`GET case → ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}

/** The body with a birth place unique to this opening, unless it names one (see `CaseDriver.open`). */
export function distinctPerson(body: unknown, key: string = randomUUID()): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const person = (body as { person?: unknown }).person;
  if (typeof person !== 'object' || person === null || 'birthPlace' in person) return body;
  return { ...body, person: { ...person, birthPlace: `Testville ${key}` } };
}
