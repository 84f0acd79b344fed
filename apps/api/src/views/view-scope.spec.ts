import { ALL_ROLES, Actor, Role } from '@psp/security';
import { commissionInScope } from '@psp/workflow';
import { agrementScope, commissionScope, coversDepartement } from './view-scope';

const actor = (role: Role, departement?: string, associationId?: string): Actor => ({
  subject: `test-${role}`,
  role,
  ...(departement ? { departement } : {}),
  ...(associationId ? { associationId } : {}),
});

const COLUMNS = { associationId: 'association_id', headOffice: 'departement', departements: 'departements' };

describe('read view scopes (deny by default)', () => {
  it.each(ALL_ROLES.map((role) => [role]))(
    'ACL: the commission scope of %s matches commissionInScope for its own and another département',
    (role) => {
      const scoped = actor(role, '69');
      const scope = commissionScope(scoped);
      expect(scope !== undefined).toBe(commissionInScope(scoped, '69'));
      if (scope && scope.where.length > 0) expect(scope.params).toEqual(['69']);
      expect(commissionInScope(scoped, '13') && scope?.where.length !== 0).toBe(false);
    },
  );

  it('ACL: analysts, commission members, the foreigners department and the AFIS payer read no registry row', () => {
    for (const role of ['analyst', 'commission_member', 'foreigners_department', 'afis_payer'] as const) {
      expect(commissionScope(actor(role, '69'))).toBeUndefined();
      expect(agrementScope(actor(role, '69'), COLUMNS)).toBeUndefined();
    }
  });

  it('AGR-09: the préfecture reads the agréments of its head office or covering its département; an association only its own', () => {
    expect(agrementScope(actor('prefecture', '69'), COLUMNS)).toEqual({
      where: [`(departement = ? OR ${coversDepartement('departements')})`],
      params: ['69', '69'],
    });
    expect(agrementScope(actor('association', '69', 'asso-1'), COLUMNS)).toEqual({
      where: ['association_id = ?'],
      params: ['asso-1'],
    });
    expect(agrementScope(actor('association', '69'), COLUMNS)).toBeUndefined();
    expect(agrementScope(actor('prefecture'), COLUMNS)).toBeUndefined();
    expect(agrementScope(actor('auditor'), COLUMNS)).toEqual({ where: [], params: [] });
  });
});
