import { LetterTemplate } from '../letter-template';
import { APPEAL, CASF_BASIS, CRPA_REASONS } from './common';

/*
 * The letters the préfet signs (docs/documents.md). One template per decision; `{caseId}` is the
 * file number, `{person}` the addressee, dates as `{decisionDate}`, `{periodStart}`, `{periodEnd}`.
 */
export const LETTER_TEMPLATES = {
  parcours_authorised: {
    id: 'parcours_authorised',
    version: 1,
    title: "Décision d'autorisation d'engagement dans un parcours de sortie de la prostitution",
    basis: [...CASF_BASIS, "Vu l'avis de la commission départementale et celui de l'association agréée ;"],
    decision: [
      'Article 1er : {person} est autorisé(e) à s’engager dans le parcours de sortie de la prostitution et d’insertion sociale et professionnelle (dossier n° {caseId}), accompagné(e) par l’association agréée {associationId}.',
      "Article 2 : L'autorisation est donnée pour une durée de six mois à compter du {periodStart}, renouvelable dans la limite de vingt-quatre mois (article R.121-12-10 du CASF).",
      "Article 3 : Elle ouvre droit, sous conditions, à l'aide financière à l'insertion sociale et professionnelle et, pour les personnes étrangères, à l'autorisation provisoire de séjour prévue à l'article L.425-4 du CESEDA.",
    ],
    reasonsRequired: false,
    appeal: APPEAL,
  },
  parcours_refused: {
    id: 'parcours_refused',
    version: 1,
    title: "Décision de refus d'autorisation d'engagement dans un parcours de sortie de la prostitution",
    basis: [...CASF_BASIS, CRPA_REASONS],
    decision: [
      "Article 1er : L'autorisation d'engagement de {person} dans le parcours de sortie de la prostitution (dossier n° {caseId}) est refusée.",
    ],
    reasonsRequired: true,
    appeal: APPEAL,
  },
  renewal_granted: {
    id: 'renewal_granted',
    version: 1,
    title:
      "Décision de renouvellement de l'autorisation d'engagement dans le parcours de sortie de la prostitution",
    basis: [
      ...CASF_BASIS,
      "Vu l'avis de la commission départementale et le bilan présenté par l'association agréée ;",
    ],
    decision: [
      "Article 1er : L'autorisation de {person} (dossier n° {caseId}) est renouvelée pour une durée de six mois, du {periodStart} au {periodEnd}, dans la limite de vingt-quatre mois au total.",
    ],
    reasonsRequired: false,
    appeal: APPEAL,
  },
  non_renewal: {
    id: 'non_renewal',
    version: 1,
    title:
      "Décision de non-renouvellement de l'autorisation d'engagement dans le parcours de sortie de la prostitution",
    basis: [
      ...CASF_BASIS,
      CRPA_REASONS,
      "Vu le code des relations entre le public et l'administration, notamment son article L.122-1, et les observations présentées ;",
    ],
    decision: [
      "Article 1er : L'autorisation de {person} (dossier n° {caseId}) n'est pas renouvelée. Les droits attachés au parcours prennent fin à la date de notification de la présente décision.",
    ],
    reasonsRequired: true,
    appeal: APPEAL,
  },
  afis_granted: {
    id: 'afis_granted',
    version: 1,
    title: "Décision d'attribution de l'aide financière à l'insertion sociale et professionnelle (AFIS)",
    basis: [
      ...CASF_BASIS,
      "Vu les articles D.121-12-14 à D.121-12-18 du code de l'action sociale et des familles ;",
    ],
    decision: [
      "Article 1er : L'aide financière à l'insertion sociale et professionnelle est attribuée à {person} (dossier n° {caseId}) à compter du {decisionDate}, pour la durée de l'autorisation d'engagement dans le parcours.",
    ],
    reasonsRequired: false,
    appeal: APPEAL,
  },
  afis_refused: {
    id: 'afis_refused',
    version: 1,
    title: "Décision de refus de l'aide financière à l'insertion sociale et professionnelle (AFIS)",
    basis: [
      ...CASF_BASIS,
      "Vu les articles D.121-12-14 à D.121-12-18 du code de l'action sociale et des familles ;",
      CRPA_REASONS,
    ],
    decision: [
      "Article 1er : L'aide financière à l'insertion sociale et professionnelle est refusée à {person} (dossier n° {caseId}).",
    ],
    reasonsRequired: true,
    appeal: APPEAL,
  },
  aps_issued: {
    id: 'aps_issued',
    version: 1,
    title: "Décision de délivrance d'une autorisation provisoire de séjour (article L.425-4 du CESEDA)",
    basis: [
      "Vu le code de l'entrée et du séjour des étrangers et du droit d'asile, notamment ses articles L.425-4 et R.425-10 ;",
      ...CASF_BASIS,
    ],
    decision: [
      "Article 1er : Une autorisation provisoire de séjour d'une durée de validité du {validFrom} au {validTo}, autorisant l'exercice d'une activité professionnelle, est délivrée à {person} (dossier n° {caseId}).",
    ],
    reasonsRequired: false,
    appeal: APPEAL,
  },
  aps_refused: {
    id: 'aps_refused',
    version: 1,
    title: "Décision de refus d'autorisation provisoire de séjour (article L.425-4 du CESEDA)",
    basis: [
      "Vu le code de l'entrée et du séjour des étrangers et du droit d'asile, notamment ses articles L.425-4 et L.412-5 ;",
      CRPA_REASONS,
    ],
    decision: [
      "Article 1er : L'autorisation provisoire de séjour sollicitée par {person} (dossier n° {caseId}) est refusée.",
    ],
    reasonsRequired: true,
    appeal: APPEAL,
  },
} as const satisfies Record<string, LetterTemplate>;

export type LetterTemplateId = keyof typeof LETTER_TEMPLATES;
