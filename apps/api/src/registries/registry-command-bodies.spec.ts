import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ASSOCIATION_COMMANDS, COMMISSION_COMMANDS, SESSION_COMMANDS } from '@psp/workflow';
import { ASSOCIATION_COMMAND_BODIES } from './associations/commands';
import { COMMISSION_COMMAND_BODIES } from './commissions/commands';
import { SESSION_COMMAND_BODIES } from './commissions/sessions';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

const errorsOf = async (dto: new () => object, plain: object) =>
  validate(plainToInstance(dto, plain) as object, OPTIONS);

const CATALOGUES: [
  string,
  readonly { name: string }[],
  Record<string, { dto: new () => object; example: object }>,
][] = [
  ['associations', ASSOCIATION_COMMANDS, ASSOCIATION_COMMAND_BODIES],
  ['commissions', COMMISSION_COMMANDS, COMMISSION_COMMAND_BODIES],
  ['commission sessions', SESSION_COMMANDS, SESSION_COMMAND_BODIES],
];

const ALL = CATALOGUES.flatMap(([, , bodies]) =>
  Object.entries(bodies).map(([name, b]): [string, new () => object, object] => [name, b.dto, b.example]),
);

describe('registry command bodies', () => {
  it.each(CATALOGUES)(
    '%s: every catalogue route has a body, and there is no other',
    (_name, commands, bodies) => {
      expect(Object.keys(bodies).sort()).toEqual(commands.map((c) => c.name).sort());
    },
  );

  it.each(ALL)('%s: the example is valid', async (_name, dto, example) => {
    expect(await errorsOf(dto, example)).toEqual([]);
  });

  it.each(ALL)('%s: an unknown field is refused', async (_name, dto, example) => {
    const errors = await errorsOf(dto, { ...example, unexpected: 'x' });
    expect(errors.map((e) => e.property)).toEqual(['unexpected']);
  });

  it.each(ALL)('%s: an empty body is refused', async (_name, dto) => {
    expect((await errorsOf(dto, {})).length).toBeGreaterThan(0);
  });

  it('PD-3: facts the server owns cannot be sent', async () => {
    const grant = ASSOCIATION_COMMAND_BODIES.grant;
    expect(await errorsOf(grant.dto, { ...grant.example, decidedByDepartement: '13' })).not.toEqual([]);
    const convene = SESSION_COMMAND_BODIES.convene;
    expect(await errorsOf(convene.dto, { ...convene.example, members: [] })).not.toEqual([]);
    const item = SESSION_COMMAND_BODIES['add-agenda-item'];
    expect(await errorsOf(item.dto, { ...item.example, instructingAssociationId: 'other' })).not.toEqual([]);
    const apply = ASSOCIATION_COMMAND_BODIES.apply;
    expect(await errorsOf(apply.dto, { ...apply.example, associationId: 'someone-else' })).not.toEqual([]);
  });
});
