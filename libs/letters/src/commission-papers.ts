import { SessionView, SittingPaperFiled } from '@psp/commission';
import { DocumentStorage, sha256Hex } from '@psp/documents';
import { SittingPapers, deterministicUuid } from '@psp/workflow';
import { renderPaper } from './render-letter';

export type CommissionPaper = SittingPaperFiled['paper'];

/** Why a paper cannot be drawn up yet (COM-07: no convocation before convening; minutes once closed). */
export class PaperNotReadyError extends Error {
  constructor(
    readonly paper: CommissionPaper,
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'PaperNotReadyError';
  }
}

const KIND: Record<string, string> = {
  entry: "demande d'entrée dans le parcours",
  renewal: 'renouvellement',
  resumption: 'reprise du parcours',
  afis: 'aide financière (AFIS)',
  policy: 'délibération de politique départementale',
};
const MODE: Record<string, string> = {
  in_person: 'présent',
  phone: 'par téléphone',
  video: 'par visioconférence',
};

function itemLine(entry: SessionView['agenda'][number]): string {
  const item = entry.item;
  return item.kind === 'policy'
    ? `${item.itemId} : ${KIND.policy} — ${item.subject}`
    : `${item.itemId} : dossier n° ${item.caseId} — ${KIND[item.kind]}`;
}

/**
 * The papers of a sitting, as paragraphs, from its events only (file numbers and member ids: no
 * personal data of the persons): the convocation with the agenda and the notice period (COM-07),
 * the attendance sheet with proxies and recusals (ACL-01/02/03, R.133-9), the minutes with the
 * quorum, the votes and each opinion (COM-08, R.133-10, R.133-11).
 */
export function commissionPaperText(
  paper: CommissionPaper,
  departement: string,
  view: SessionView,
): string[] {
  const header = `Préfecture du département ${departement} — commission départementale de lutte contre la prostitution, le proxénétisme et la traite des êtres humains`;
  const reference = `Séance n° ${view.sessionId ?? ''} du ${view.sittingOn ?? '(date à fixer)'}`;
  if (paper === 'convocation') {
    if (!view.convenedOn || !view.sittingOn) {
      throw new PaperNotReadyError(paper, 'COM-07', 'the sitting is not convened yet');
    }
    return [
      header,
      'Convocation',
      reference,
      `Convoquée le ${view.convenedOn} pour le ${view.sittingOn}, soit un délai de ${view.noticeDays} jours${view.urgency ? ' (urgence)' : ''} (article R.133-8 du code des relations entre le public et l'administration).`,
      ...(view.secondConvocation
        ? ['Seconde convocation : la commission délibère sans condition de quorum (R.133-10).']
        : []),
      '## Ordre du jour',
      ...view.agenda.map(itemLine),
      "Les membres représentant l'association qui a instruit un dossier ne siègent pas sur ce dossier (article R.121-12-7 du CASF).",
    ];
  }
  if (paper === 'attendance') {
    if (view.status !== 'sitting' && view.status !== 'closed') {
      throw new PaperNotReadyError(paper, 'COM-07', 'the sitting has not opened yet');
    }
    return [
      header,
      "Feuille d'émargement",
      reference,
      '## Membres présents',
      ...view.attendance.map(
        (a) => `${a.memberId} — ${MODE[a.mode]}${a.bySubstitute ? ' (suppléance)' : ''}`,
      ),
      '## Pouvoirs (R.133-9)',
      ...(view.proxies.length > 0
        ? view.proxies.map((p) => `${p.fromMemberId} donne pouvoir à ${p.toMemberId} (${p.givenOn})`)
        : ['aucun']),
      '## Déports',
      ...view.agenda.flatMap((entry) =>
        entry.participation.recusals.map(
          (r) => `${entry.item.itemId} : ${r.memberId} ne siège pas (${r.rule})`,
        ),
      ),
    ];
  }
  if (view.status !== 'closed')
    throw new PaperNotReadyError(paper, 'COM-08', 'the minutes are drawn up when the sitting closes');
  return [
    header,
    'Procès-verbal',
    reference,
    `Membres présents : ${view.attendance.length} ; pouvoirs : ${view.proxies.length}.`,
    ...view.agenda.flatMap((entry) => {
      const q = entry.participation.quorum;
      const record = entry.record;
      const lines = [
        `## ${itemLine(entry)}`,
        `Quorum : ${q.presentOrRepresented} présents ou représentés sur ${q.entitled} membres appelés à siéger, ${q.needed} requis — ${q.met ? 'atteint' : 'non atteint'} (R.133-10).`,
        `Déports : ${entry.participation.recusals.map((r) => `${r.memberId} (${r.rule})`).join(', ') || 'aucun'}.`,
      ];
      if (!record) return [...lines, 'Non délibéré : le point est reporté à une séance ultérieure.'];
      const outcome =
        record.kindOfRecord === 'opinion'
          ? `Avis ${record.opinion === 'favourable' ? 'favorable' : 'défavorable'}`
          : `Délibération ${record.outcome === 'adopted' ? 'adoptée' : 'rejetée'}`;
      return [
        ...lines,
        `Votes : ${record.votesFor} pour, ${record.votesAgainst} contre, ${record.abstentions} abstentions${record.castingVoteUsed ? ' ; voix prépondérante du président (R.133-11)' : ''}.`,
        `${outcome}, le ${record.decidedOn}.`,
      ];
    }),
  ];
}

/** The paper as a PDF, dated by the sitting (the same events give the same bytes). */
export async function renderCommissionPaper(
  paper: CommissionPaper,
  departement: string,
  view: SessionView,
): Promise<Buffer> {
  const paragraphs = commissionPaperText(paper, departement, view);
  return renderPaper(paragraphs, {
    title: paragraphs[1],
    author: `Préfecture ${departement}`,
    subject: `commission-${paper}`,
    date: view.sittingOn ?? view.convenedOn ?? '2016-04-15',
  });
}

/** The storage folder of a sitting's papers (session ids are the client's: the folder is a UUID of it). */
export function sittingPapersFolder(sessionId: string): string {
  return deterministicUuid(`commission-session-papers:${sessionId}`);
}

/**
 * COM-07 / COM-08: files the papers of a sitting in the document storage when the session records
 * the event that makes them (convening, agenda grown, closing; `PAPERS_FILED_ON`). The papers name
 * files by number and members by id, never a person: they are stored as drawn up, not sealed with
 * a person's key (ADR 0024). The id is derived from the content: the same events store nothing new.
 */
export class SittingPaperStore implements SittingPapers {
  constructor(private readonly storage: DocumentStorage) {}

  async file(
    paper: CommissionPaper,
    sessionId: string,
    departement: string,
    view: SessionView,
  ): Promise<SittingPaperFiled> {
    const bytes = await renderCommissionPaper(paper, departement, view);
    const sha256 = sha256Hex(bytes);
    const documentId = deterministicUuid(`commission-paper:${sessionId}:${paper}:${sha256}`);
    await this.storage.put(sittingPapersFolder(sessionId), documentId, bytes);
    return { paper, documentId, sha256 };
  }

  /** The stored bytes of a filed paper, or undefined when the storage lost them. */
  async read(sessionId: string, filed: SittingPaperFiled): Promise<Buffer | undefined> {
    const bytes = await this.storage.get(sittingPapersFolder(sessionId), filed.documentId);
    return bytes && sha256Hex(bytes) === filed.sha256 ? bytes : undefined;
  }
}

/** The last paper of this kind the session's events filed, if any. */
export function lastFiledPaper(
  events: readonly { readonly data: unknown }[],
  paper: CommissionPaper,
): SittingPaperFiled | undefined {
  let found: SittingPaperFiled | undefined;
  for (const event of events) {
    const papers = (event.data as { papers?: readonly SittingPaperFiled[] } | undefined)?.papers ?? [];
    for (const filed of papers) if (filed.paper === paper) found = filed;
  }
  return found;
}
