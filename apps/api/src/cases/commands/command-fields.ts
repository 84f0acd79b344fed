import { ArrayMaxSize, IsArray, IsString, Matches, MaxLength } from 'class-validator';

/** Several property decorators as one (without @nestjs/common, which is ESM-only at run time). */
function allOf(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyKey) => decorators.forEach((decorate) => decorate(target, propertyKey));
}

/** An opinion (avis) of the association or the commission. */
export const OPINIONS = ['favourable', 'unfavourable'] as const;

/** How far the person kept the commitments of the follow-up document (PSP-08, PSP-12). */
export const COMMITMENTS_KEPT = ['kept', 'partly_kept', 'not_kept'] as const;

/** A registry id (commission session, agenda item): short, no spaces, no markup. */
export const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

export function IsRecordId(): PropertyDecorator {
  return allOf(IsString(), Matches(RECORD_ID));
}

/**
 * PSP-15 reasons or difficulties: a short list of short statements (at most 20 × 300 characters).
 * An empty list passes here so that the machine names the rule that needs reasons (PD-6).
 */
export function IsShortStatements(): PropertyDecorator {
  return allOf(IsArray(), ArrayMaxSize(20), IsString({ each: true }), MaxLength(300, { each: true }));
}
