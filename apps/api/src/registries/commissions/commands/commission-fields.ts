import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { ChairRole } from '@psp/commission';

export const CHAIR_ROLES = ['prefet', 'prefet_de_police'] as const satisfies readonly ChairRole[];

/** COM-01, COM-03: who signs the order (both préfets in 75 and 13). */
export function IsSignatories(): PropertyDecorator {
  return (target, key) => {
    IsArray()(target, key);
    ArrayMinSize(1)(target, key);
    ArrayMaxSize(2)(target, key);
    ArrayUnique()(target, key);
    IsIn(CHAIR_ROLES, { each: true })(target, key);
  };
}
