import { DocumentStorage, sha256Hex } from '@psp/documents';
import { CalendarDate, dateOf, violation } from '@psp/legal-kernel';
import {
  DecisionLetter,
  DocumentFiled,
  EVENT_SCHEMA_VERSIONS,
  PspCaseEvent,
  PspCaseState,
} from '@psp/psp-case';
import { PersonalDataVault, REDACTED } from '@psp/security';
import { CommandRefusedError, DecisionPaperInput, DecisionPapers, deterministicUuid } from '@psp/workflow';
import { LetterTemplate, statesAppealRoutes } from './letter-template';
import { LetterTemplateError, renderLetter } from './render-letter';
import { LETTER_TEMPLATES, LetterTemplateId } from './templates';

/** The decision events that get a letter, and the template of each. */
export const LETTER_OF_EVENT: Partial<Record<PspCaseEvent['type'], LetterTemplateId>> = {
  DecisionNotified: 'parcours_authorised',
  PrefectRefused: 'parcours_refused',
  RenewalGranted: 'renewal_granted',
  NonRenewalNotified: 'non_renewal',
  AfisGranted: 'afis_granted',
  AfisRefused: 'afis_refused',
  ApsIssued: 'aps_issued',
  ApsRefused: 'aps_refused',
};

const APS_REFUSAL_REASONS: Record<string, string> = {
  public_order:
    "la présence de l'intéressé(e) constitue une menace pour l'ordre public (article L.412-5 du CESEDA)",
  stop_not_shown: "l'arrêt de l'activité de prostitution n'est pas établi (article L.425-4 du CESEDA)",
  cer_missing:
    "le contrat d'engagement au respect des principes de la République n'a pas été signé (article L.412-7 du CESEDA)",
  not_in_psp:
    "l'intéressé(e) n'est pas engagé(e) dans un parcours de sortie de la prostitution (article L.425-4 du CESEDA)",
  other: 'les conditions de délivrance ne sont pas remplies',
};

/**
 * The letters the préfet signs, generated from the events when a decision is taken: rendered
 * from its template (data), sealed with the person's key like every paper of the case, filed by
 * a `DocumentFiled` event (type `decision_letter`) just before the decision, whose event then
 * carries the letter's SHA-256 and whether it states the routes of appeal (CJA R.421-5).
 */
export class DecisionLetters implements DecisionPapers {
  constructor(
    private readonly vault: PersonalDataVault,
    private readonly storage: DocumentStorage,
    private readonly templates: Readonly<Record<LetterTemplateId, LetterTemplate>> = LETTER_TEMPLATES,
  ) {}

  async attach(input: DecisionPaperInput) {
    const templateId = LETTER_OF_EVENT[input.event.type];
    const personRef = input.state.context.personRef;
    if (!templateId || !personRef) return undefined;
    const template = this.templates[templateId];
    const facts = await this.facts(input, personRef);
    let bytes: Buffer;
    try {
      bytes = await renderLetter(template, facts);
    } catch (error) {
      // PSP-15: a letter that cannot state what the law requires is not sent; the decision waits.
      if (error instanceof LetterTemplateError && error.kind === 'reasons') {
        throw new CommandRefusedError(violation('PSP-15', error.message, 'reasons'), 'input');
      }
      throw error;
    }
    const documentId = deterministicUuid(`letter:${input.caseId}:${input.commandId}`);
    const sha256 = sha256Hex(bytes);
    await this.storage.put(
      input.caseId,
      documentId,
      await this.vault.sealBytes(personRef, documentId, bytes),
    );
    const filed: DocumentFiled = {
      type: 'DocumentFiled',
      schemaVersion: EVENT_SCHEMA_VERSIONS.DocumentFiled as 1,
      data: {
        documentId,
        documentType: 'decision_letter',
        sha256,
        mediaType: 'application/pdf',
        sizeBytes: bytes.length,
        filedOn: dateOf(input.occurredAt.toISOString()),
        author: { role: input.actor.role, id: input.actor.subject },
      },
    };
    const letter: DecisionLetter = {
      documentId,
      sha256,
      template: template.id,
      templateVersion: template.version,
      appealRoutesStated: statesAppealRoutes(template),
    };
    const event = { ...input.event, data: { ...input.event.data, letter } } as PspCaseEvent;
    return { before: [filed as PspCaseEvent], event };
  }

  private async facts(input: DecisionPaperInput, personRef: string) {
    const { state, next, event, caseId } = input;
    const context = state.context;
    const data = event.data as Record<string, unknown>;
    const person = await this.vault.read(personRef);
    const name =
      person.status === 'present' ? `${person.record.givenName} ${person.record.familyName}` : REDACTED;
    const period = lastPeriod(next);
    const decisionDate =
      (data.decisionDate as CalendarDate | undefined) ??
      context.pendingAuthorisation?.decisionDate ??
      (data.notifiedOn as CalendarDate);
    const sealedReasons = Array.isArray(data.reasons) ? (data.reasons as string[]) : [];
    const written = await Promise.all(sealedReasons.map((r) => this.vault.openText(personRef, r)));
    // APS-05: an APS refusal states its legal ground in the law's words, then the written reasons.
    const reasons =
      event.type === 'ApsRefused'
        ? [APS_REFUSAL_REASONS[String(data.reason)] ?? APS_REFUSAL_REASONS.other, ...written]
        : written;
    return {
      departement: context.departement ?? '',
      decisionDate,
      reasons,
      fields: {
        caseId,
        person: name,
        associationId: context.associationId ?? '',
        ...(period ? { periodStart: period.start, periodEnd: period.end } : {}),
        ...(typeof data.validFrom === 'string' ? { validFrom: data.validFrom } : {}),
        ...(typeof data.validTo === 'string' ? { validTo: data.validTo } : {}),
      },
    };
  }
}

function lastPeriod(state: PspCaseState) {
  const periods = state.context.periods;
  return periods[periods.length - 1];
}
