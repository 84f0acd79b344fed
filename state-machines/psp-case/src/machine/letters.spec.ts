import { pspEvent } from '../events';
import { entryUnderDecision, given, replayAccepted, requestOpened } from '../testing/fixtures';
import { caseView } from '../view';

const letter = (appealRoutesStated: boolean) => ({
  documentId: '00000000-0000-4000-8000-00000000000a',
  sha256: 'a'.repeat(64),
  template: 'parcours_refused',
  templateVersion: 1,
  appealRoutesStated,
});

const refused = (appealRoutesStated?: boolean) =>
  pspEvent('PrefectRefused', {
    decisionDate: '2024-03-01',
    notifiedOn: '2024-03-04',
    reasons: ['reason'],
    ...(appealRoutesStated === undefined ? {} : { letter: letter(appealRoutesStated) }),
  });

describe('decision letters and the appeal clock', () => {
  it('PSP-15 / CJA R.421-5: the two-month appeal limit runs from notification when the letter states the routes of appeal', () => {
    const state = replayAccepted([...entryUnderDecision(), refused(true)]);
    expect(caseView(state).deadlines.appealUntil).toBe('2024-05-04');
  });

  it('PSP-15 / CJA R.421-5: a notified refusal whose letter does not state the routes of appeal starts no two-month limit', () => {
    const state = replayAccepted([...entryUnderDecision(), refused(false)]);
    expect(caseView(state).deadlines.appealUntil).toBeUndefined();
  });

  it('PSP-15: refusals recorded before letters existed keep the appeal limit they always had (replay unchanged)', () => {
    const state = replayAccepted([...entryUnderDecision(), refused()]);
    expect(caseView(state).deadlines.appealUntil).toBe('2024-05-04');
  });

  it('ACL-05: a document is filed on an opened case only, once per id', () => {
    const document = pspEvent('DocumentFiled', {
      documentId: '00000000-0000-4000-8000-00000000000b',
      documentType: 'proof_of_address',
      sha256: 'b'.repeat(64),
      mediaType: 'application/pdf',
      sizeBytes: 10,
      filedOn: '2024-01-06',
      author: { role: 'association', id: 'a' },
    });
    expect(given([]).when(document).accepted).toBe(false);
    const once = given([requestOpened()]).when(document);
    expect(once.accepted).toBe(true);
    const twice = given([requestOpened(), document]).when(document);
    expect(twice).toMatchObject({ accepted: false, violations: [expect.objectContaining({ rule: 'ACL-05' })] });
  });
});
