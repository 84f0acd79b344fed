/**
 * The rule book: every stable rule ID the engine implements, with the rule in one sentence and its
 * legal basis. docs/rules.md is generated from this table and from the code that cites each ID
 * (`npm run docs:rules`); test/docs/rule-coverage.spec.ts checks that every rule is cited by a
 * source file that enforces it and named by a test, and that docs/rules.md is up to date.
 *
 * `enforcedBy: 'none'` marks the few entries where the law gives the engine nothing to enforce
 * (a silence, a fee outside its scope): the reason is printed in docs/rules.md.
 */
export interface RuleEntry {
  readonly id: string;
  /** The rule in one sentence, for a lawyer checking the code. */
  readonly rule: string;
  /** Articles and texts it rests on. */
  readonly basis: string;
  /** Set only where no code can enforce the rule, with the reason. */
  readonly notEnforced?: string;
}

const rule = (id: string, text: string, basis: string, notEnforced?: string): RuleEntry =>
  notEnforced ? { id, rule: text, basis, notEnforced } : { id, rule: text, basis };

export const RULE_BOOK: readonly RuleEntry[] = [
  // Product decisions: what the law leaves open, settled for the engine.
  rule('PD-1', 'Every case exposes one status from a fixed vocabulary (requested, under_review, authorised, aps_pending, active, renewed, completed, withdrawn, refused, not_renewed, lapsed, interrupted, closed) and a finer stage.', 'Product decision'),
  rule('PD-2', 'The APS and the AFIS are regions of the case machine, in the same event stream, each with its own status.', 'Product decision'),
  rule('PD-3', 'Associations (agrément) and commissions (members, sittings, votes) are event-sourced registries; case guards read them as facts.', 'Product decision'),
  rule('PD-4', 'Where the law is silent the engine uses parameters: a period starts on the date stated in the decision, the final period is shortened to the cap, a period ending with no decision lapses, observations last 15 days, 18 means 18 or older on the decision date, a minor’s request is accepted with a warning, entry never requires that prostitution has stopped, the commission’s opinion is simple.', 'Product decision; rule book section 9'),
  rule('PD-5', 'Every amount, threshold, duration and minimum is a date-effective parameter, never a constant.', 'Product decision'),
  rule('PD-6', 'A refused command names the rule that refused it and, where a document or opinion is missing, which one.', 'Product decision'),
  // Transitions of the case (section 2.3).
  rule('T1', 'An approved association opens a request with the person’s agreement; its agrément must be valid for the département on that date.', 'L.121-9 II; R.121-12-1 to R.121-12-3'),
  rule('T2', 'The association completes its instruction: parcours document signed by the association and the person, commitments, actions, length, expected results and its opinion.', 'R.121-12-9; R.121-12-12'),
  rule('T3', 'The association submits the complete file to the préfecture; the case awaits the commission.', 'R.121-12-8; R.121-12-9'),
  rule('T4', 'The commission records its opinion, given with quorum, recusals applied and the majority of members present or represented.', 'R.121-12-7; CRPA R.133-10 to R.133-13'),
  rule('T5', 'The préfet authorises entry once both opinions are on file.', 'L.121-9 II; R.121-12-10'),
  rule('T6', 'The préfet refuses entry once both opinions are on file, with reasons.', 'R.121-12-10; CRPA L.211-2'),
  rule('T7', 'The decision is notified to the person and the association; period 1 runs.', 'R.121-12-10; R.121-12-13'),
  rule('T8', 'The association starts a renewal instruction while budget remains under the cap.', 'R.121-12-9; R.121-12-10'),
  rule('T9', 'The commission gives its opinion on the renewal, weighing commitments kept and difficulties.', 'R.121-12-9'),
  rule('T10', 'The préfet renews: a new period of at most six months within the cap.', 'L.121-9 II; R.121-12-10'),
  rule('T11', 'The préfet proposes not to renew and invites the person’s observations.', 'R.121-12-10; CRPA L.122-1'),
  rule('T12', 'The non-renewal is notified after the observations step; all rights end on the notification date.', 'R.121-12-10'),
  rule('T13', 'After a non-renewal proposal the préfet may still renew.', 'R.121-12-10'),
  rule('T14', 'A period that ends with no renewal decision lapses.', 'R.121-12-10; PD-4'),
  rule('T15', 'The parcours is interrupted with a reason; the rights clock stops.', 'R.121-12-10 paragraph 4'),
  rule('T16', 'An interrupted or lapsed parcours resumes after a new instruction and both opinions, within the cap.', 'R.121-12-10 paragraph 4'),
  rule('T17', 'The parcours completes at the cap or at the end of the final period; for a foreign national the post-PSP residence review opens.', 'R.121-12-10; instruction 2022 §2.3'),
  rule('T18', 'A case is closed for a recorded reason (death, leaving France, moving); rights stop.', 'Product decision'),
  rule('T19', 'A court order grants the authorisation after a refusal or non-renewal.', 'CE 19 Nov 2021 n° 440802'),
  rule('T20', 'The préfet ends the AFIS for a breach or lost conditions; the parcours stays open.', 'R.121-12-13-2'),
  // The PSP (section 2.1).
  rule('PSP-01', 'The parcours is open to any victim of prostitution, procuring or trafficking, drawn up with the person’s agreement by an approved association of her choice.', 'L.121-9 II'),
  rule('PSP-02', 'The préfet authorises after the opinions of the commission and of the association.', 'L.121-9 II; R.121-12-10'),
  rule('PSP-03', 'The association instructs every initial and renewal request and gives its opinion; the commission then gives its own.', 'R.121-12-9'),
  rule('PSP-04', 'The parcours is written in a document signed by the association and the person, used at renewal.', 'R.121-12-12; R.121-12-9'),
  rule('PSP-05', 'The préfet authorises or refuses entry or renewal and notifies the person and the association.', 'R.121-12-10'),
  rule('PSP-06', 'A period lasts six months, renewable, within 24 months in total.', 'R.121-12-10 paragraph 3'),
  rule('PSP-07', 'After an interruption, every period with rights counts toward the 24 months, across every case of the person.', 'R.121-12-10 paragraph 4'),
  rule('PSP-08', 'A renewal weighs the commitments kept and the difficulties met.', 'R.121-12-9; L.121-9 II'),
  rule('PSP-09', 'A non-renewal ends every right from its notification, only after the person could present observations in the current decision cycle.', 'R.121-12-10 paragraph 2; CRPA L.122-1'),
  rule('PSP-10', 'An authorisation or renewal opens the AFIS (on its conditions) and allows an APS of at least six months with the right to work.', 'R.121-12-13'),
  rule('PSP-11', 'The person may receive housing, health and social-integration support.', 'R.121-12-11'),
  rule('PSP-12', 'The commission follows each parcours: safety, access to rights, commitments kept.', 'L.121-9 II paragraph 5'),
  rule('PSP-13', 'The person is presumed in hardship for tax relief requests.', 'L.121-9 II paragraph 3; LPF L.247'),
  rule('PSP-14', 'Entry does not require that prostitution has stopped or that a complaint was filed.', 'CE 19 Nov 2021 n° 440802'),
  rule('PSP-15', 'A refusal gives its reasons and can be challenged within two months of notification.', 'CRPA L.211-2; CJA R.421-1'),
  rule('PSP-16', 'No silence rule exists for a PSP request: an unanswered request stays open.', 'None found (rule book section 9, Q3)', 'the texts give no silence rule for a PSP request; the engine decides nothing by silence'),
  // Durations (section 2.4).
  rule('DUR-01', 'A six-month period starting on day d ends on the eve of day d six months later, counted from the parcours’ anchor date.', 'R.121-12-10; French counting of time limits in months'),
  rule('DUR-02', 'Rights used add every period with rights, including those before an interruption; the last period is shortened to the cap.', 'R.121-12-10 paragraph 4'),
  rule('DUR-03', 'Without interruption there are at most four periods: one authorisation and three renewals.', 'R.121-12-10'),
  rule('DUR-04', 'A non-renewal takes effect on its notification date, not its decision date.', 'R.121-12-10'),
  rule('DUR-05', 'The first period starts on the date the decision states (by default the decision date).', 'PD-4'),
  // APS (section 3).
  rule('APS-01', 'A foreign victim of trafficking or procuring who has stopped prostitution and is engaged in the parcours may get an APS of at least six months.', 'CESEDA L.425-4'),
  rule('APS-02', 'Stopping prostitution is an APS condition; the préfet may ask the police when in doubt, otherwise it counts as met.', 'CESEDA annexe 10; instruction 2022 annexe 2'),
  rule('APS-03', 'No long-stay visa may be required.', 'CESEDA L.425-4'),
  rule('APS-04', 'The APS gives the right to work.', 'CESEDA L.425-4; L.431-4'),
  rule('APS-05', 'The APS is renewed throughout the parcours while its conditions hold; a refusal needs a legal ground and reasons.', 'CESEDA L.425-4'),
  rule('APS-06', 'A threat to public order bars issuing or renewing the APS.', 'CESEDA L.412-5'),
  rule('APS-07', 'No complaint receipt or reference to criminal proceedings may be required.', 'Instruction 2022 annexe 2'),
  rule('APS-08', 'An earlier order to leave France does not bar the APS unless it rested on public order.', 'Instruction 2022 §2.2'),
  rule('APS-09', 'No APS while an asylum claim is pending; after a final rejection it may be issued if the person is still in the parcours.', 'Instruction 2022 §2.2'),
  rule('APS-10', 'The APS is issued as quickly as possible.', 'Instruction 2022 §2.2–2.3'),
  rule('APS-11', 'The residence-title tax does not apply to the APS; annexe 10 asks proof of the regularisation visa fee at delivery.', 'CESEDA L.436-1; L.436-4; annexe 10'),
  rule('APS-12', 'After the parcours, further residence is at the préfet’s discretion: no automatic card.', 'Instruction 2022 §2.3'),
  rule('APS-13', 'Since 17 July 2024 an APS is issued or renewed only with a signed republican commitment contract.', 'CESEDA L.412-7 to L.412-10'),
  rule('APS-14', 'Four months of silence on a residence-title request is an implicit refusal.', 'CESEDA R*432-1; R.432-2'),
  rule('APS-15', 'Refusing or not renewing an APS may be followed by an order to leave France.', 'CESEDA L.611-1 3°'),
  // AFIS (section 4).
  rule('AFIS-01', 'The person is engaged in the parcours (authorised or renewed).', 'R.121-12-13-1; R.121-12-13'),
  rule('AFIS-02', 'The person is 18 or older on the decision date.', 'R.121-12-13-1 1°'),
  rule('AFIS-03', 'French, EU/EEA/Swiss, or holding a qualifying residence document (the APS included) or a renewal receipt.', 'R.121-12-13-1 2°; CESEDA L.411-1'),
  rule('AFIS-04', 'Household resources of the month before the request are below the single-person RSA lump sum in force at the request.', 'R.121-12-13-1 3°'),
  rule('AFIS-05', 'The person neither receives nor could claim the RSA or the ADA.', 'R.121-12-13-1 4°'),
  rule('AFIS-06', 'The AFIS is granted by the préfet after the commission’s opinion.', 'L.121-9 II paragraph 4'),
  // Access control and confidentiality (section 1.3).
  rule('ACL-01', 'The instructing association’s representative may not sit, deliberate or vote on its own case, nor count toward that item’s quorum.', 'R.121-12-7 last paragraph'),
  rule('ACL-02', 'A member with a personal interest in a case may not take part.', 'CRPA R.133-12'),
  rule('ACL-03', 'Child-protection members do not see individual PSP files.', 'Decree of 30 Dec 2025'),
  rule('ACL-04', 'Everyone taking part is bound by professional secrecy: all PSP data is secret.', 'CASF L.133-5; Penal Code 226-13'),
  rule('ACL-05', 'Each recipient gets only what it needs (MSA, foreigners’ department, ministers).', 'D.121-12-17; D.121-12-18; GDPR art. 5'),
  rule('ACL-06', 'Special-category data: encrypted, every read logged, exports pseudonymised, small counts suppressed.', 'GDPR art. 9 and 10'),
  rule('ACL-07', 'The person is notified of every decision and may present observations before an adverse one.', 'R.121-12-10; CRPA L.121-1, L.122-1'),
  rule('ACL-08', 'The police are asked only whether prostitution has stopped, only in doubt, only by the préfet.', 'Instruction 2022 annexe 2'),
  // The commission (section 5).
  rule('COM-01', 'The préfet sets by order the members named under 1°, 9°, 10° and 11°.', 'R.121-12-7'),
  rule('COM-02', 'Named members serve three-year renewable terms; ex officio members sit by their office.', 'R.121-12-7; CRPA R.133-4'),
  rule('COM-03', 'Paris and the Bouches-du-Rhône have two co-chairs who set the list together.', 'R.121-12-7'),
  rule('COM-04', 'Recusals apply: the instructing association (ACL-01) and personal interest (ACL-02).', 'R.121-12-7; CRPA R.133-12'),
  rule('COM-05', 'Members should be trained on prostitution by an approved association.', 'Instruction 2022 §1.3'),
  rule('COM-06', 'The commission meets at least once a year on policy (twice from 30 Dec 2025) and as often as needed on files.', 'R.121-12-8'),
  rule('COM-07', 'Notice five days before; quorum of half the members present or represented, or a second convocation; majority vote with the chair’s casting vote; one proxy per member.', 'CRPA R.133-5 to R.133-11'),
  rule('COM-08', 'The commission gives simple opinions on entry, renewal and the AFIS.', 'R.121-12-6; L.121-9'),
  // Agrément (section 6).
  rule('AGR-01', 'Eligible associations are declared for at least three years with a matching statutory purpose.', 'R.121-12-1'),
  rule('AGR-02', 'Conditions: a general-assembly resolution, means and partners, training of staff and volunteers.', 'R.121-12-2'),
  rule('AGR-03', 'The application goes to the préfet of the head-office département and names the départements.', 'R.121-12-3'),
  rule('AGR-04', 'The file counts as complete unless missing documents are asked within two months.', 'R.121-12-3'),
  rule('AGR-05', 'Four months of silence on a complete file grants the agrément.', 'R.121-12-3'),
  rule('AGR-06', 'The agrément is granted for three years, renewable.', 'R.121-12-3'),
  rule('AGR-07', 'A renewal follows the same conditions and effects; filed before expiry it keeps the agrément alive until decided.', 'R.121-12-4'),
  rule('AGR-08', 'Withdrawal for listed failures, after an adversarial procedure.', 'R.121-12-5; CRPA L.122-1'),
  rule('AGR-09', 'The agrément covers the départements named in the decision.', 'R.121-12-3; circular of 31 Jan 2017'),
  rule('AGR-10', 'The file holds the signed request, the resolution, the means, the training evidence and the registration number.', 'Arrêté of 4 Nov 2016'),
  rule('AGR-11', 'National, regional or departmental levels are read as agréments for named départements.', 'R.121-12-3; instruction 2022 §1.3'),
];

/** Every stable rule ID, in rule-book order. */
export const RULE_IDS: readonly string[] = RULE_BOOK.map((entry) => entry.id);
