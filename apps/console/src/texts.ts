// The API words its rule reasons in English (they are also read by other clients and by the
// logs). The console shows them to French readers: the common shapes are put into French here,
// presentation only, with the rule ID kept beside; an unknown message is shown as the API wrote it.
import {
  COMMAND_LABELS,
  ROLE_LABELS,
  SESSION_COMMAND_LABELS,
  SESSION_STATUS_LABELS,
  STAGE_LABELS,
  STATUS_LABELS,
  VALUE_LABELS,
  label,
} from './labels';

const roles = (list: string) =>
  list
    .split(',')
    .map((role) => label(ROLE_LABELS, role.trim()))
    .join(', ');

const EVENT_WORDS: Record<string, string> = {
  SubmittedToPrefecture: 'la transmission de la demande',
  InstructionCompleted: 'la fin de l’instruction',
  ParcoursAuthorised: 'l’autorisation du parcours',
  ParcoursRefused: 'le refus du parcours',
  DecisionNotified: 'la notification de la décision',
};

/** `status under_review (stage awaiting_decision)`, `aps.status issued`: the state, in French. */
function stateWords(state: string): string {
  const staged = /^status (\w+) \(stage (\w+)\)$/.exec(state);
  if (staged) return `${label(STATUS_LABELS, staged[1])}, étape « ${label(STAGE_LABELS, staged[2])} »`;
  const plain = /^status (\w+)$/.exec(state);
  if (plain) return label(STATUS_LABELS, plain[1]);
  const right = /^(aps|afis)\.status (\w+)$/.exec(state);
  if (right) return `${right[1].toUpperCase()} : ${label(VALUE_LABELS, right[2]).toLowerCase()}`;
  return state;
}

const PATTERNS: [RegExp, (...groups: string[]) => string][] = [
  [/^reserved to: (.+)$/, (list) => `réservé à : ${roles(list)}`],
  [
    /^([\w-]+) is not taken while the session is (\w+)$/,
    (command, status) =>
      `« ${label(SESSION_COMMAND_LABELS, command)} » n’est pas possible quand la séance est « ${label(
        SESSION_STATUS_LABELS,
        status,
      ).toLowerCase()} »`,
  ],
  [
    /^every item on the agenda has been deliberated$/,
    () => 'tous les points de l’ordre du jour ont été délibérés',
  ],
  [
    /^notice period under (\d+) days \((-?\d+) days\) with no urgency stated \((.+)\)$/,
    (days, given, article) =>
      `préavis de ${given} jours, inférieur à ${days} jours, sans urgence déclarée (${article})`,
  ],
  [
    /^(\w+) is not allowed while the case is in (.+)$/,
    (event, state) =>
      `${EVENT_WORDS[event] ? `${EVENT_WORDS[event]} n’est` : 'ce n’est'} pas possible à ce stade du dossier (${stateWords(state)})`,
  ],
];

/** An API reason in French when its shape is known, else as the API wrote it. */
export function translateRule(message: string): string {
  for (const [pattern, words] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return words(...match.slice(1));
  }
  return message;
}

/** A command's label in French (case or sitting). */
export const commandLabel = (command: string) =>
  COMMAND_LABELS[command] ?? SESSION_COMMAND_LABELS[command] ?? command;
