import { ALL_ROLES } from '../authorisation/roles';
import { CASE_FIELDS, CASE_LIST_ITEM_FIELDS } from './case-fields';
import { disclose, rolesSeeing, unclassifiedFields } from './disclose';
import { fieldPaths } from './field-paths';

const PAYLOAD = {
  caseId: 'c-1',
  departement: '69',
  associationId: 'asso-1',
  person: { givenName: 'Zéphyrine', familyName: 'Testvaleur' },
  view: {
    status: 'active',
    plannedActions: ['housing', 'health_care'],
    warnings: [],
    periods: [{ index: 1, start: '2024-03-01' }],
  },
  file: { parcours: { socialActions: ['housing'], healthCarePlanned: true } },
  secret: { notClassified: 1 },
};

describe('field paths and the disclosure filter (R1, R3)', () => {
  it('walks leaves, array elements and empty containers', () => {
    expect(fieldPaths({ a: { b: 1, c: [] }, d: [{ e: 'x' }], f: {} })).toEqual([
      'a.b',
      'a.c[]',
      'd[].e',
      'f',
    ]);
  });

  it('R3: the commission member gets a minimised summary, with no identity and no health detail', () => {
    const { value, fields } = disclose('commission_member', PAYLOAD, CASE_FIELDS);
    expect(value).toEqual({
      caseId: 'c-1',
      departement: '69',
      view: { status: 'active', periods: [{ index: 1, start: '2024-03-01' }] },
      file: { parcours: { socialActions: ['housing'] } },
    });
    expect(fields).not.toContain('person.givenName');
    expect(JSON.stringify(value)).not.toContain('health');
  });

  it('ACL-05: the instructing association sees the identity and the health details of its own file', () => {
    const { value } = disclose('association', PAYLOAD, CASE_FIELDS);
    expect(value).toMatchObject({
      person: { givenName: 'Zéphyrine' },
      view: { plannedActions: ['housing', 'health_care'], warnings: [] },
      file: { parcours: { healthCarePlanned: true } },
    });
  });

  it('an unclassified field is shown to nobody and reported by the contract check', () => {
    for (const role of ALL_ROLES) {
      expect(disclose(role, PAYLOAD, CASE_FIELDS).value ?? {}).not.toHaveProperty('secret');
    }
    expect(unclassifiedFields(PAYLOAD, CASE_FIELDS)).toEqual(['secret.notClassified']);
  });

  it('A11 / D.121-12-18: analysts see no individual case at all', () => {
    expect(disclose('analyst', PAYLOAD, CASE_FIELDS)).toEqual({ value: undefined, fields: [] });
    expect(rolesSeeing(CASE_FIELDS)).not.toContain('analyst');
    expect(rolesSeeing(CASE_LIST_ITEM_FIELDS)).not.toContain('analyst');
  });

  it('R3: no health-class field is shown to the commission, the foreigners’ department, the MSA or auditors', () => {
    for (const [path, rule] of Object.entries(CASE_FIELDS)) {
      if (rule.class !== 'health') continue;
      for (const role of [
        'commission_member',
        'commission_secretariat',
        'foreigners_department',
        'afis_payer',
        'auditor',
      ] as const) {
        expect({ path, visible: rule.roles.includes(role) }).toEqual({ path, visible: false });
      }
    }
  });

  it('ACL-05: identity goes only to those who act with or for the person', () => {
    const seeing = new Set(
      Object.entries(CASE_FIELDS)
        .filter(([path]) => path.startsWith('person.'))
        .flatMap(([, rule]) => rule.roles),
    );
    expect([...seeing].sort()).toEqual([
      'afis_payer',
      'association',
      'foreigners_department',
      'prefecture',
      'system',
    ]);
  });
});
