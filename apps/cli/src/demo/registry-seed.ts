import { addDays, daysBetween } from '@psp/legal-kernel';
import { Role } from '@psp/security';
import { call } from './http-client';

export interface TokenScope {
  readonly departement?: string;
  readonly associationId?: string;
  readonly memberId?: string;
  readonly subject?: string;
}

/** Mints a bearer token for a role (see `devTokens`). */
export type Mint = (role: Role, scope?: TokenScope) => Promise<string>;

export type OpinionKind = 'entry' | 'renewal' | 'resumption' | 'afis';

export interface SeedOptions {
  readonly departement: string;
  /** The approved association, which also sits on the commission through its representative (11°). */
  readonly associationId: string;
  /**
   * The year of the agrément (application 1 March, granted 15 May, for 3 years) and of the
   * commission (constituted 1 June): 2023 unless told, earlier for cases dated before.
   */
  readonly year?: number;
  /**
   * The demo's today: every date of the seed moves so that the agrément was granted about a year
   * before it and the commission's members sit for two more years (their terms and the agrément
   * outlive the demo). Without it the fixed dates of the tests (agrément granted 2023-05-15).
   */
  readonly today?: string;
}

/** The day the fixed seed dates are written against; `today` takes its place less 120 days. */
const SEED_EPOCH = '2024-01-01';

export interface SeededIds {
  readonly departement: string;
  readonly associationId: string;
  readonly commissionId: string;
  readonly chairIds: readonly string[];
  readonly memberIds: readonly string[];
  /** The 11° member representing the association: recused on its cases (ACL-01). */
  readonly associationRepresentativeId: string;
}

export interface OpinionRequest {
  readonly caseId: string;
  readonly kind: OpinionKind;
  /** The sitting date (and the opinion's date); the notice is sent 10 days before. */
  readonly on: string;
  readonly opinion: 'favourable' | 'unfavourable';
}

/** The body of `record-commission-opinion`: the session and the item that gave the opinion. */
export interface OpinionItem {
  readonly sessionId: string;
  readonly itemId: string;
}

const JOINT_CHAIR = ['75', '13'];

/** Sends a command and fails loudly with the problem document when the status is not the expected one. */
async function expectStatus(
  baseUrl: string,
  method: string,
  path: string,
  token: string,
  body: unknown,
  key: string,
  expected: number[] = [200, 201],
) {
  const response = await call(baseUrl, method, path, { token, body, headers: { 'idempotency-key': key } });
  if (!expected.includes(response.status)) {
    throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response;
}

/**
 * The registries of one département over real HTTP: an association with an agrément (granted on
 * 2023-05-15 for 3 years), and the commission constituted on 2023-06-01 with six members on
 * 3-year terms, the association's representative included. Each step has a fixed
 * Idempotency-Key, so seeding twice is harmless.
 */
export class Registries {
  constructor(
    readonly baseUrl: string,
    private readonly mint: Mint,
    readonly ids: SeededIds,
  ) {}

  static async seed(baseUrl: string, mint: Mint, options: SeedOptions): Promise<Registries> {
    const { departement, associationId } = options;
    const year = options.year ?? 2023;
    const shift = options.today ? daysBetween(SEED_EPOCH, addDays(options.today, -120)) : 0;
    const on = (date: string) => (shift === 0 ? date : addDays(date, shift));
    const association = await mint('association', { departement, associationId });
    const prefecture = await mint('prefecture', { departement });
    const prefix = `seed:${departement}:${associationId}`;
    await expectStatus(
      baseUrl,
      'POST',
      '/associations',
      association,
      {
        applicationId: `agr-${departement}-${year}`,
        receivedOn: on(`${year}-03-01`),
        declaredOn: on('2015-01-10'),
        statutoryPurposes: ['prostitution_support'],
        signedByLegalRepresentative: true,
        headOfficeDepartement: departement,
        addressedToDepartement: departement,
        requestedDepartements: [departement],
        conditions: {
          generalAssemblyResolution: { proved: true },
          meansAndPartnerNetwork: { proved: true },
          staffAndVolunteerTraining: { proved: true },
        },
        fileItems: [
          'signed_request',
          'general_assembly_resolution',
          'means_and_partner_network',
          'staff_training_evidence',
          'registration_number',
        ],
      },
      `${prefix}:apply`,
    );
    await expectStatus(
      baseUrl,
      'POST',
      `/associations/${associationId}/grant`,
      prefecture,
      { decidedOn: on(`${year}-05-15`), departements: [departement] },
      `${prefix}:grant`,
    );

    const joint = JOINT_CHAIR.includes(departement);
    const chairs = [
      { memberId: `chair-prefet-${departement}`, role: 'prefet' },
      ...(joint ? [{ memberId: `chair-police-${departement}`, role: 'prefet_de_police' }] : []),
    ];
    const constituted = await expectStatus(
      baseUrl,
      'POST',
      '/commissions',
      prefecture,
      { constitutedOn: on(`${year}-06-01`), chairs },
      `${prefix}:constitute`,
    );
    const commissionId = constituted.body.commissionId as string;
    const representative = `member-asso-${associationId}`;
    const appointments = [
      { memberId: `member-judge-${departement}`, category: 'judge' },
      { memberId: `member-doctor-${departement}`, category: 'doctor' },
      { memberId: `member-local-${departement}`, category: 'local_authority' },
      { memberId: `member-gendarmerie-${departement}`, category: 'gendarmerie' },
      { memberId: representative, category: 'approved_association', associationId },
    ];
    await expectStatus(
      baseUrl,
      'POST',
      `/commissions/${commissionId}/appoint-members`,
      prefecture,
      {
        orderedOn: on(`${year}-06-01`),
        signatories: joint ? ['prefet', 'prefet_de_police'] : ['prefet'],
        appointments,
      },
      `${prefix}:appoint`,
    );
    return new Registries(baseUrl, mint, {
      departement,
      associationId,
      commissionId,
      chairIds: chairs.map((chair) => chair.memberId),
      memberIds: appointments.map((appointment) => appointment.memberId),
      associationRepresentativeId: representative,
    });
  }

  /**
   * The registries `seed` wrote earlier (a demo seeded again on a later day): the same ids, read
   * from the rules that made them (commission `commission-<département>`), nothing written.
   */
  static existing(baseUrl: string, mint: Mint, options: SeedOptions): Registries {
    const { departement, associationId } = options;
    return new Registries(baseUrl, mint, {
      departement,
      associationId,
      commissionId: `commission-${departement}`,
      chairIds: [
        `chair-prefet-${departement}`,
        ...(JOINT_CHAIR.includes(departement) ? [`chair-police-${departement}`] : []),
      ],
      memberIds: ['judge', 'doctor', 'local', 'gendarmerie']
        .map((kind) => `member-${kind}-${departement}`)
        .concat(`member-asso-${associationId}`),
      associationRepresentativeId: `member-asso-${associationId}`,
    });
  }

  /** The same registries on a restarted API. */
  reconnect(baseUrl: string): Registries {
    return new Registries(baseUrl, this.mint, this.ids);
  }

  /**
   * The commission's opinion on a case over HTTP: convene a sitting on `on` (notice 10 days
   * before), add the case to the agenda (the server reads its instructing association), open with
   * every member present (quorum met), deliberate with every eligible voter voting for the
   * requested opinion (the association's representative is recused, ACL-01), close.
   */
  async opinion(request: OpinionRequest): Promise<OpinionItem> {
    const { departement, commissionId } = this.ids;
    const secretariat = await this.mint('commission_secretariat', { departement });
    const sessionId = `session-${request.kind}-${request.on}-${request.caseId}`;
    const itemId = `item-${request.kind}-${request.caseId}`;
    const convenedOn = addDays(request.on, -10);
    const key = (step: string) => `${sessionId}:${step}`;
    await expectStatus(
      this.baseUrl,
      'POST',
      `/commissions/${commissionId}/sessions`,
      secretariat,
      {
        sessionId,
        convenedOn,
        sittingOn: request.on,
        urgency: false,
        presidingChairId: this.ids.chairIds[0],
      },
      key('convene'),
    );
    const path = `/commission-sessions/${sessionId}`;
    await expectStatus(
      this.baseUrl,
      'POST',
      `${path}/add-agenda-item`,
      secretariat,
      { addedOn: convenedOn, itemId, kind: request.kind, caseId: request.caseId },
      key('agenda'),
    );
    await expectStatus(
      this.baseUrl,
      'POST',
      `${path}/open`,
      secretariat,
      {
        openedOn: request.on,
        attendance: [...this.ids.chairIds, ...this.ids.memberIds].map((memberId) => ({
          memberId,
          mode: 'in_person',
        })),
      },
      key('open'),
    );
    const session = await call(this.baseUrl, 'GET', path, { token: secretariat });
    const entry = (
      session.body.session.agenda as {
        item: { itemId: string };
        participation: { eligibleVoterIds: string[] };
      }[]
    ).find((candidate) => candidate.item.itemId === itemId)!;
    const vote = request.opinion === 'favourable' ? 'for' : 'against';
    await expectStatus(
      this.baseUrl,
      'POST',
      `${path}/deliberate`,
      secretariat,
      {
        itemId,
        decidedOn: request.on,
        ballots: entry.participation.eligibleVoterIds.map((memberId) => ({ memberId, vote })),
      },
      key('deliberate'),
    );
    await expectStatus(
      this.baseUrl,
      'POST',
      `${path}/close`,
      secretariat,
      { closedOn: request.on },
      key('close'),
    );
    return { sessionId, itemId };
  }
}

/** Seeds a département's registries over HTTP (see `Registries.seed`). */
export function seedRegistries(baseUrl: string, mint: Mint, options: SeedOptions): Promise<Registries> {
  return Registries.seed(baseUrl, mint, options);
}

type ApiLike = string | { readonly baseUrl: string };
const urlOf = (api: ApiLike) => (typeof api === 'string' ? api : api.baseUrl);

/** An approved association and a constituted commission in a département; returns the ids. */
export async function seedDepartement(
  api: ApiLike,
  tokens: Mint,
  options: SeedOptions = { departement: '69', associationId: 'asso-69-nid' },
): Promise<SeededIds> {
  return (await Registries.seed(urlOf(api), tokens, options)).ids;
}

/** The commission's opinion on a case over HTTP (see `Registries.opinion`); returns {sessionId, itemId}. */
export function commissionOpinionFor(
  api: ApiLike,
  tokens: Mint,
  request: Omit<OpinionRequest, 'on'> & { on?: string },
  ids: SeededIds,
): Promise<OpinionItem> {
  return new Registries(urlOf(api), tokens, ids).opinion({ on: '2024-02-10', ...request });
}
