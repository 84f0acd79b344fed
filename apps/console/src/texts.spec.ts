import { translateRule } from './texts';

describe('API reasons shown in French (presentation only)', () => {
  it('puts the known shapes into French and keeps an unknown message as written', () => {
    expect(translateRule('reserved to: prefecture, foreigners_department')).toBe(
      'réservé à : Préfecture, Service des étrangers',
    );
    expect(translateRule('close is not taken while the session is convened')).toBe(
      '« Clore la séance » n’est pas possible quand la séance est « convoquée »',
    );
    expect(translateRule('notice period under 5 days (3 days) with no urgency stated (R.133-8)')).toBe(
      'préavis de 3 jours, inférieur à 5 jours, sans urgence déclarée (R.133-8)',
    );
    expect(
      translateRule(
        'SubmittedToPrefecture is not allowed while the case is in status requested (stage drafting)',
      ),
    ).toBe(
      'la transmission de la demande n’est pas possible à ce stade du dossier (Demande en préparation, étape « Instruction par l’association »)',
    );
    expect(translateRule('ApsFiled is not allowed while the case is in aps.status issued')).toBe(
      'ce n’est pas possible à ce stade du dossier (APS : délivrée)',
    );
    expect(translateRule('a message the console does not know')).toBe('a message the console does not know');
  });
});
