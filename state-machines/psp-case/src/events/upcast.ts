import type { PspCaseEvent, PspCaseEventType } from './index';
import { EVENT_SCHEMA_VERSIONS } from './index';

type Data = Record<string, unknown>;

/** Schema 1 of ApsIssued / ApsRenewed named the police answer `policeCheck` (APS-02). */
function police(data: Data): Data {
  const { policeCheck, ...rest } = data;
  if (policeCheck === 'stop_confirmed') return { ...rest, policeEnquiry: 'answered_stopped' };
  if (policeCheck === 'stop_not_confirmed') return { ...rest, policeEnquiry: 'answered_not_stopped' };
  return data.stopDoubted === true && policeCheck === undefined ? { ...rest, policeEnquiry: 'asked' } : rest;
}

/** Each upcaster takes the data of version `from` to `from + 1` (versions are data: old events still fold). */
const same = (data: Data) => data;

const UPCASTERS: Partial<Record<PspCaseEventType, Record<number, (data: Data) => Data>>> = {
  // Same data; schema 1 was decided before the backdating bound and PD-4's late-renewal rule
  // (docs/adr/0009) and dated by the older period arithmetic (docs/adr/0008): the guards judge a
  // schema-1 event by the rules of its time, so old streams fold to the states they had.
  PrefectAuthorised: { 1: same },
  RenewalGranted: { 1: same },
  ResumptionAuthorised: { 1: same },
  PeriodEnded: { 1: same },
  CapReached: { 1: same },
  ApsIssued: { 1: police },
  ApsRenewed: { 1: police },
  // Schema 1 had no written reasons: read with none (the guards do not ask a schema-1 refusal for them).
  ApsRefused: { 1: (data) => ({ ...data, reasons: [] }) },
  // Same data; schema 1 was written when a re-examination could end the AFIS and the préfet's end
  // needed no reasons (docs/adr/0013): the AFIS guards and updates read a schema-1 event as decided then.
  AfisReexamined: { 1: same },
  AfisEnded: { 1: same },
};

/**
 * A stored event as the current machine reads it: its data upcast, one version at a time, from the
 * schema version it was written with to the current shape. The event keeps the version it was written
 * with, so a guard can judge an old decision by the rules its schema carried (an ApsRefused of schema 1
 * has no written reasons to check). Throws when no upcaster covers a step.
 */
export function upcastPspEvent(type: PspCaseEventType, schemaVersion: number, data: unknown): PspCaseEvent {
  const current = EVENT_SCHEMA_VERSIONS[type];
  let version = schemaVersion;
  let upcast = data as Data;
  while (version < current) {
    const step = UPCASTERS[type]?.[version];
    if (!step) throw new Error(`no upcaster from ${type} v${version} to v${version + 1}`);
    upcast = step(upcast);
    version += 1;
  }
  if (version !== current) throw new Error(`no upcaster from ${type} v${schemaVersion} to v${current}`);
  return { type, schemaVersion, data: upcast } as unknown as PspCaseEvent;
}
