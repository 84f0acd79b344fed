import PDFDocument from 'pdfkit';
import { LetterTemplate } from './letter-template';

/** What fills a template: the decision's facts, read from its events (and the addressee from the vault). */
export interface LetterFacts {
  readonly departement: string;
  readonly decisionDate: string;
  /** `{placeholders}` of the template (`caseId`, `person`, `periodStart`, …). */
  readonly fields: Readonly<Record<string, string>>;
  /** CRPA L.211-2: the reasons, for an adverse decision. */
  readonly reasons?: readonly string[];
}

export class LetterTemplateError extends Error {
  constructor(
    message: string,
    /** `reasons`: the decision lacks what the law requires; `placeholder`: the template and the facts disagree (a defect). */
    readonly kind: 'reasons' | 'placeholder' = 'placeholder',
  ) {
    super(message);
    this.name = 'LetterTemplateError';
  }
}

/** The paragraphs of the letter, in order (also what a reviewer reads). */
export function letterText(template: LetterTemplate, facts: LetterFacts): string[] {
  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const value = name === 'decisionDate' ? facts.decisionDate : facts.fields[name];
      if (value === undefined)
        throw new LetterTemplateError(`template ${template.id}: no value for {${name}}`);
      return value;
    });
  const reasons = facts.reasons ?? [];
  if (template.reasonsRequired && reasons.length === 0) {
    throw new LetterTemplateError(
      `template ${template.id}: an adverse decision states its reasons (CRPA L.211-2)`,
      'reasons',
    );
  }
  return [
    `Préfecture du département ${facts.departement}`,
    template.title,
    `Dossier n° ${fill('{caseId}')}`,
    'Le préfet,',
    ...template.basis.map(fill),
    ...(template.reasonsRequired
      ? ['Considérant les motifs suivants, en fait et en droit :', ...reasons.map((r) => `- ${r}`)]
      : []),
    'Décide :',
    ...template.decision.map(fill),
    `Fait le ${facts.decisionDate}, pour le préfet et par délégation.`,
    ...(template.appeal
      ? [
          'Voies et délais de recours',
          template.appeal.timeLimit,
          'Vous pouvez former :',
          ...template.appeal.routes,
        ]
      : []),
  ];
}

/**
 * The letter as a PDF (pdfkit, standard fonts, uncompressed streams so that its text can be
 * checked), dated by the decision, not by the clock: the same decision gives the same letter.
 */
export async function renderLetter(template: LetterTemplate, facts: LetterFacts): Promise<Buffer> {
  return renderPaper(letterText(template, facts), {
    title: template.title,
    author: `Préfecture ${facts.departement}`,
    subject: `${template.id} v${template.version}`,
    date: facts.decisionDate,
  });
}

const HEADINGS = new Set(['Voies et délais de recours', 'Décide :']);

/** Paragraphs as a PDF: a header line, a centred title and reference, then the text. */
export async function renderPaper(
  paragraphs: readonly string[],
  meta: { readonly title: string; readonly author: string; readonly subject: string; readonly date: string },
): Promise<Buffer> {
  const doc = new PDFDocument({
    compress: false,
    size: 'A4',
    margin: 56,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      CreationDate: new Date(`${meta.date}T12:00:00.000Z`),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const [header, title, reference, ...rest] = paragraphs;
  doc.font('Helvetica').fontSize(10).text(header).moveDown();
  doc.font('Helvetica-Bold').fontSize(13).text(title, { align: 'center' }).moveDown(0.5);
  doc.font('Helvetica').fontSize(10).text(reference, { align: 'center' }).moveDown();
  for (const paragraph of rest) {
    doc
      .font(HEADINGS.has(paragraph) || paragraph.startsWith('## ') ? 'Helvetica-Bold' : 'Helvetica')
      .text(paragraph.replace(/^## /, ''), { align: 'justify' })
      .moveDown(0.5);
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
