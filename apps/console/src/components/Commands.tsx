import { label } from '../labels';
import { translateRule } from '../texts';
import { Table } from './Table';

/** One entry of the API's `commands` list (of a case or of a sitting): allowed, or the rules that close it. */
export interface Availability {
  command: string;
  allowed: boolean;
  reasons: { rule: string; message: string; missing?: string }[];
}

/** Commands closed by a rule of the file or the sitting (not merely reserved to another role). */
export function blockedCommands(commands: Availability[]): Availability[] {
  return commands.filter((c) => !c.allowed && !c.reasons.every((r) => r.rule === 'ACL'));
}

/** "Actions indisponibles et pourquoi": each refused action with its rule and the API's reason, in French. */
export function BlockedCommands(props: {
  commands: Availability[];
  labels: Record<string, string>;
  caption: string;
}) {
  const blocked = blockedCommands(props.commands);
  if (!blocked.length) return null;
  return (
    <section className="fr-mb-4w" aria-labelledby="indisponibles">
      <h2 id="indisponibles">Actions indisponibles et pourquoi</h2>
      <Table caption={props.caption} head={['Action', 'Règle', 'Raison']} testId="blocked">
        {blocked.map((c) => (
          <tr key={c.command}>
            <td>{label(props.labels, c.command)}</td>
            <td>{c.reasons.map((r) => r.rule).join(', ') || '—'}</td>
            <td className="fr-cell--multiline">
              {c.reasons.map((r) => translateRule(r.message)).join(' ; ') || 'pas à cette étape'}
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

/**
 * What became of the last action on the page: a conflict (412: the resource changed since it was
 * read, nothing recorded, read again) or the API's confirmation.
 */
export function ActionOutcome(props: { conflict: string | null; done: string | null | undefined }) {
  return (
    <>
      {props.conflict ? (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w" role="alert">
          <p>{props.conflict}</p>
        </div>
      ) : null}
      {props.done ? (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
          <p>{props.done}</p>
        </div>
      ) : null}
    </>
  );
}
