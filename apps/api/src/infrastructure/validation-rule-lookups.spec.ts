import { IsInt, IsString, ValidationError, validate } from 'class-validator';
import { memoiseRuleLookups } from './validation-rule-lookups';

memoiseRuleLookups();

class Parent {
  @IsString()
  name!: string;
}

class Child extends Parent {
  @IsInt()
  count!: number;
}

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** The fields class-validator refuses, as the API's validation asks it (unknown fields refused). */
async function refused<T extends object>(dto: new () => T, body: Record<string, unknown>): Promise<string[]> {
  const errors: ValidationError[] = await validate(Object.assign(new dto(), body), OPTIONS);
  return errors.map((e) => e.property).sort();
}

describe('class-validator with its rule lookups kept (validation-rule-lookups.ts)', () => {
  it('answers the same on every call: inherited rules, unknown fields refused', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect(await refused(Child, { name: 'a', count: 1 })).toEqual([]);
      expect(await refused(Child, { name: 1, count: 'x' })).toEqual(['count', 'name']);
      expect(await refused(Parent, { name: 'a', count: 1 })).toEqual(['count']);
    }
  });

  it('sees a rule added after a first validation', async () => {
    class Late {
      @IsString()
      a!: string;
      b!: string;
    }
    expect(await refused(Late, { a: 'x', b: 'y' })).toEqual(['b']);
    IsString()(Late.prototype, 'b');
    expect(await refused(Late, { a: 'x', b: 'y' })).toEqual([]);
    expect(await refused(Late, { a: 'x', b: 2 })).toEqual(['b']);
  });
});
