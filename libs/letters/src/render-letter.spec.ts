import { pdfText } from '@psp/letters/testing';
import { LetterTemplateError, renderLetter } from './render-letter';
import { statesAppealRoutes } from './letter-template';
import { LETTER_TEMPLATES } from './templates';

const textOf = async (pdf: Buffer) => pdfText(pdf);

const FACTS = {
  departement: '69',
  decisionDate: '2024-03-01',
  fields: {
    caseId: '5f0c1a2e-0000-4000-8000-000000000001',
    person: 'Personne Fictive',
    associationId: 'asso-69-nid',
    periodStart: '2024-03-05',
    periodEnd: '2024-09-04',
  },
};

describe('decision letters (templates are data, rendered as PDF)', () => {
  it('PSP-15 / CJA R.421-1: the authorisation letter states its legal basis, the file number, and the routes and two-month time limit of appeal', async () => {
    const pdf = await renderLetter(LETTER_TEMPLATES.parcours_authorised, FACTS);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await textOf(pdf);
    expect(text).toContain(
      "Décision d'autorisation d'engagement dans un parcours de sortie de la prostitution",
    );
    expect(text).toContain('article L.121-9');
    expect(text).toContain(`Dossier n° ${FACTS.fields.caseId}`);
    expect(text).toContain('à compter du 2024-03-05');
    expect(text).toContain('Voies et délais de recours');
    expect(text).toContain('deux mois à compter de sa notification');
    expect(text).toContain('R.421-1 du code de justice administrative');
    expect(text).toContain('recours gracieux');
    expect(text).toContain('tribunal administratif');
    // The same decision gives the same letter (dated by the decision, not by the clock).
    expect((await renderLetter(LETTER_TEMPLATES.parcours_authorised, FACTS)).equals(pdf)).toBe(true);
  });

  it('PSP-15 / CRPA L.211-2: a refusal states its reasons, and cannot be rendered without them', async () => {
    const text = await textOf(
      await renderLetter(LETTER_TEMPLATES.parcours_refused, {
        ...FACTS,
        reasons: ['the conditions are not met'],
      }),
    );
    expect(text).toContain('L.211-2');
    expect(text).toContain('Considérant les motifs suivants');
    expect(text).toContain('the conditions are not met');
    await expect(renderLetter(LETTER_TEMPLATES.parcours_refused, FACTS)).rejects.toThrow(LetterTemplateError);
    await expect(renderLetter(LETTER_TEMPLATES.non_renewal, { ...FACTS, reasons: [] })).rejects.toThrow(
      /L.211-2/,
    );
  });

  it('PSP-15 / CJA R.421-5: every template states the routes of appeal; one without them is reported as such', () => {
    for (const template of Object.values(LETTER_TEMPLATES)) expect(statesAppealRoutes(template)).toBe(true);
    const { appeal: _dropped, ...withoutAppeal } = LETTER_TEMPLATES.parcours_refused;
    expect(statesAppealRoutes(withoutAppeal)).toBe(false);
  });

  it('a template naming a value the facts lack is refused (no letter with a blank)', async () => {
    await expect(
      renderLetter(LETTER_TEMPLATES.aps_issued, { ...FACTS, fields: { caseId: 'x', person: 'y' } }),
    ).rejects.toThrow(/validFrom/);
  });
});
