import { Role } from './roles';

/** Who is acting, as the verified token says. Never carries a name: `subject` is an opaque id. */
export interface Actor {
  readonly subject: string;
  readonly role: Role;
  /** INSEE département code (`75`, `13`, `2A`, `971`); absent for national auditors and analysts. */
  readonly departement?: string;
  /** For association agents: the association they act for. */
  readonly associationId?: string;
  /** For commission members: their member id in the commission's registry. */
  readonly memberId?: string;
}

const DEPARTEMENT = /^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/;

export function isDepartementCode(value: unknown): value is string {
  return typeof value === 'string' && DEPARTEMENT.test(value);
}
