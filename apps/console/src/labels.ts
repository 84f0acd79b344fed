// French wording of the API's codes. Presentation only: what may be done, and when, comes from
// the API (the case's `commands` list and the OpenAPI document).

export const ROLE_LABELS: Record<string, string> = {
  association: 'Association agréée',
  commission_secretariat: 'Secrétariat de la commission',
  commission_member: 'Membre de la commission',
  prefecture: 'Préfecture',
  foreigners_department: 'Service des étrangers',
  afis_payer: 'Organisme payeur de l’AFIS',
  auditor: 'Auditeur',
  analyst: 'Analyste',
  system: 'Système',
};

export const STATUS_LABELS: Record<string, string> = {
  requested: 'Demande en préparation',
  under_review: 'En examen',
  authorised: 'Parcours autorisé',
  active: 'Parcours en cours',
  completed: 'Parcours achevé',
  withdrawn: 'Demande retirée',
  refused: 'Refusé',
  not_renewed: 'Non renouvelé',
  closed: 'Clos',
};

export const STAGE_LABELS: Record<string, string> = {
  drafting: 'Instruction par l’association',
  instructed: 'Instruite, à transmettre',
  instructing: 'Instruction',
  submitted: 'Transmise',
  awaiting_commission: 'En attente de l’avis de la commission',
  awaiting_decision: 'En attente de la décision du préfet',
  period_running: 'Période en cours',
  renewal_instructing: 'Renouvellement en instruction',
  renewal_awaiting_commission: 'Renouvellement : avis de la commission attendu',
  renewal_awaiting_decision: 'Renouvellement : décision attendue',
  non_renewal_proposed: 'Non-renouvellement proposé',
  idle: 'Interrompu',
  resumption_awaiting_commission: 'Reprise : avis de la commission attendu',
  resumption_awaiting_decision: 'Reprise : décision attendue',
};

export const COMMAND_LABELS: Record<string, string> = {
  'open-request': 'Ouvrir une demande',
  'aps-not-applicable': 'Indiquer que l’APS ne s’applique pas',
  'aps-required': 'Indiquer qu’une APS est nécessaire',
  'record-observations': 'Consigner des observations',
  'complete-instruction': 'Terminer l’instruction',
  submit: 'Transmettre la demande',
  'record-association-opinion': 'Enregistrer l’avis de l’association',
  'record-commission-opinion': 'Enregistrer l’avis de la commission',
  'record-commission-follow-up': 'Enregistrer le suivi de la commission',
  authorise: 'Autoriser le parcours',
  refuse: 'Refuser le parcours',
  'notify-decision': 'Notifier la décision',
  withdraw: 'Retirer la demande',
  'start-renewal': 'Commencer le renouvellement',
  'submit-renewal': 'Transmettre le renouvellement',
  'grant-renewal': 'Accorder le renouvellement',
  'propose-non-renewal': 'Proposer le non-renouvellement',
  'notify-non-renewal': 'Notifier le non-renouvellement',
  'end-period': 'Clore la période',
  interrupt: 'Interrompre le parcours',
  'request-resumption': 'Demander la reprise',
  'authorise-resumption': 'Autoriser la reprise',
  'reach-cap': 'Constater la durée maximale atteinte',
  complete: 'Achever le parcours',
  close: 'Clore le dossier',
  'file-aps': 'Déposer la demande d’APS',
  'request-aps-documents': 'Demander des pièces pour l’APS',
  'issue-aps': 'Délivrer l’APS',
  'refuse-aps': 'Refuser l’APS',
  'renew-aps': 'Renouveler l’APS',
  'file-aps-renewal': 'Déposer le renouvellement de l’APS',
  'expire-aps': 'Constater l’expiration de l’APS',
  'issue-cst': 'Délivrer la carte de séjour temporaire',
  'refuse-cst': 'Refuser la carte de séjour temporaire',
  'open-post-psp-review': 'Ouvrir l’examen du séjour après le parcours',
  'record-asylum-claim': 'Enregistrer une demande d’asile',
  'record-asylum-rejection': 'Enregistrer le rejet de l’asile',
  'record-court-order': 'Enregistrer une décision de justice',
  'request-afis': 'Demander l’AFIS',
  'start-afis-instruction': 'Commencer l’instruction de l’AFIS',
  'complete-afis-instruction': 'Terminer l’instruction de l’AFIS',
  'grant-afis': 'Accorder l’AFIS',
  'refuse-afis': 'Refuser l’AFIS',
  'reexamine-afis': 'Réexaminer l’AFIS',
  'report-afis-change': 'Signaler un changement pour l’AFIS',
  'end-afis': 'Mettre fin à l’AFIS',
  'confirm-person-link': 'Confirmer le lien avec un parcours antérieur',
  'deny-person-link': 'Écarter le lien avec un parcours antérieur',
};

/** Statuses of the APS and AFIS regions and other codes of the case view. */
export const VALUE_LABELS: Record<string, string> = {
  undetermined: 'À déterminer',
  not_applicable: 'Sans objet',
  required: 'Nécessaire',
  filed: 'Déposée',
  issued: 'Délivrée',
  refused: 'Refusée',
  expired: 'Expirée',
  not_requested: 'Non demandée',
  requested: 'Demandée',
  instructing: 'En instruction',
  instructed: 'Instruite',
  granted: 'Accordée',
  ended: 'Terminée',
  post_psp_review: 'Examen du séjour après le parcours',
  housing: 'Hébergement',
  health_care: 'Soins',
  access_to_rights: 'Accès aux droits',
  social_integration: 'Insertion sociale',
  work_integration: 'Insertion professionnelle',
};

export const label = (table: Record<string, string>, code: string | null | undefined): string =>
  code ? (table[code] ?? code) : '—';

/** A date of the API (YYYY-MM-DD) as a French reader writes it. */
export function frenchDate(value: string | null | undefined): string {
  if (!value) return '—';
  const [year, month, day] = value.slice(0, 10).split('-');
  return day && month && year ? `${day}/${month}/${year}` : value;
}

/** A commission member's category (R.121-12-7), in French. */
export const CATEGORY_LABELS: Record<string, string> = {
  chair: 'Présidence (préfet)',
  judge: 'Magistrat',
  social_cohesion_service: 'Service de la cohésion sociale',
  national_police_departmental: 'Police nationale (département)',
  national_police_zonal: 'Police nationale (zone)',
  gendarmerie: 'Gendarmerie',
  prefecture_foreigners_department: 'Service des étrangers de la préfecture',
  labour_service: 'Service du travail',
  education_services: 'Services de l’éducation',
  doctor: 'Médecin',
  local_authority: 'Collectivité territoriale',
  approved_association: 'Association agréée',
  child_protection: 'Protection de l’enfance',
  departmental_council_president: 'Président du conseil départemental',
};

export const SESSION_STATUS_LABELS: Record<string, string> = {
  notConvened: 'Non convoquée',
  convened: 'Convoquée',
  sitting: 'En séance',
  closed: 'Close',
  cancelled: 'Annulée',
};

export const SESSION_COMMAND_LABELS: Record<string, string> = {
  convene: 'Convoquer la séance',
  'add-agenda-item': 'Ajouter un point à l’ordre du jour',
  'declare-interest': 'Déclarer un intérêt',
  'give-proxy': 'Enregistrer un pouvoir',
  open: 'Ouvrir la séance',
  deliberate: 'Délibérer',
  close: 'Clore la séance',
  cancel: 'Annuler la séance',
};

export const ITEM_KIND_LABELS: Record<string, string> = {
  entry: 'Entrée dans le parcours',
  renewal: 'Renouvellement',
  resumption: 'Reprise',
  afis: 'AFIS',
  policy: 'Politique départementale',
};

export const ATTENDANCE_LABELS: Record<string, string> = {
  in_person: 'Présent',
  phone: 'Téléphone',
  video: 'Visioconférence',
};

export const VOTE_LABELS: Record<string, string> = { for: 'Pour', against: 'Contre', abstain: 'Abstention' };

export const OPINION_LABELS: Record<string, string> = {
  favourable: 'Favorable',
  unfavourable: 'Défavorable',
  adopted: 'Adoptée',
  rejected: 'Rejetée',
};
