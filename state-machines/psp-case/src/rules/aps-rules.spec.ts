import { ApsChecklist, ApsDecisionFacts } from '../events';
import { stopOfProstitutionShown } from './aps-rules';

const checklist = { stopOfProstitutionDocuments: true } as ApsChecklist;
const facts = (overrides: Partial<ApsDecisionFacts>): ApsDecisionFacts => ({
  decisionDate: '2024-05-01',
  publicOrderThreat: false,
  previousOqtf: 'none',
  stopDoubted: false,
  ...overrides,
});

describe('police checks on the stop of prostitution', () => {
  it('ACL-08 refuses a police check recorded when the préfet stated no doubt', () => {
    expect(stopOfProstitutionShown(checklist, facts({ policeEnquiry: 'answered_stopped' }))).toEqual([
      expect.objectContaining({ rule: 'ACL-08', missing: 'stopDoubted' }),
    ]);
  });

  it('ACL-08 / APS-02 accepts an enquiry asked because of a doubt, when it confirms the stop', () => {
    expect(
      stopOfProstitutionShown(checklist, facts({ stopDoubted: true, policeEnquiry: 'answered_stopped' })),
    ).toEqual([]);
  });

  it('APS-02 with no doubt, the documents suffice: no police check is needed', () => {
    expect(stopOfProstitutionShown(checklist, facts({}))).toEqual([]);
  });
});
