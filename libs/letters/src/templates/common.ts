/** Wording shared by every decision letter (reviewed with the templates). */
export const CASF_BASIS = [
  "Vu le code de l'action sociale et des familles, notamment son article L.121-9 et ses articles R.121-12-1 à R.121-12-13 ;",
  'Vu le décret n° 2016-1467 du 28 octobre 2016 relatif au parcours de sortie de la prostitution et d’insertion sociale et professionnelle ;',
];

export const CRPA_REASONS =
  "Vu le code des relations entre le public et l'administration, notamment ses articles L.211-2 et L.211-5 ;";

/** CJA R.421-1, R.421-5: the two months, and every route, stated in the decision. */
export const APPEAL = {
  timeLimit:
    'Cette décision peut être contestée dans un délai de deux mois à compter de sa notification (article R.421-1 du code de justice administrative).',
  routes: [
    'un recours gracieux auprès du préfet de département, auteur de la décision ;',
    'un recours hiérarchique auprès du ministre chargé des droits des femmes ;',
    "un recours contentieux devant le tribunal administratif territorialement compétent, y compris par l'application Télérecours citoyens (www.telerecours.fr).",
  ],
} as const;
