import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SittingPaperFiled } from '@psp/commission';
import { DocumentStorage, openDocumentStorage, sha256Hex } from '@psp/documents';
import { InMemoryEventStore } from '@psp/event-store';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { Actor } from '@psp/security';
import { commission69 } from '@psp/workflow/testing';
import { CommissionCommandHandler, loadSession, sessionCommand } from '@psp/workflow';
import { pdfText } from '@psp/letters/testing';
import { SittingPaperStore, renderCommissionPaper, sittingPapersFolder } from './commission-papers';

const PREFECTURE: Actor = { subject: 'pref-69', role: 'prefecture', departement: '69' };
const SECRETARIAT: Actor = { subject: 'sec-69', role: 'commission_secretariat', departement: '69' };

const STORES: [string, () => { url?: string; drop: () => Promise<void> }][] = [
  ['local files (the default)', () => ({ drop: async () => undefined })],
  ['PostgreSQL', () => freshSchemaUrl('sitting_papers')],
];

describe.each(STORES)(
  'the papers of a sitting are filed when it is convened and when it closes (COM-07, COM-08), stored on %s',
  (storeName, target) => {
    const dir = mkdtempSync(join(tmpdir(), 'psp-sitting-papers-'));
    const { url, drop } = target();
    const local = storeName.startsWith('local');
    let storage: DocumentStorage;
    let handler: CommissionCommandHandler;
    const store = new InMemoryEventStore();
    let seq = 0;
    const ctx = (actor: Actor) => ({ actor, commandId: `cmd-${++seq}` });
    const papersOf = async () =>
      (await store.readStream('psp-commission-session-s-papers')).map((e) => ({
        type: e.type,
        papers: (e.data as { papers?: SittingPaperFiled[] }).papers,
      }));
    const stored = async (filed: SittingPaperFiled) => {
      const bytes = await storage.get(sittingPapersFolder('s-papers'), filed.documentId);
      if (!bytes) throw new Error(`paper ${filed.paper} not stored`);
      return bytes;
    };

    beforeAll(async () => {
      storage = await openDocumentStorage(url, dir);
      handler = new CommissionCommandHandler(
        store,
        () => new Date('2024-02-01T10:00:00Z'),
        new SittingPaperStore(storage),
      );
      await commission69(handler, () => ctx(PREFECTURE).commandId);
    });
    afterAll(async () => {
      await storage.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('COM-07: convening files the convocation; its SHA-256 in SessionConvened is the hash of the stored PDF', async () => {
      await handler.convene(
        'commission-69',
        {
          sessionId: 's-papers',
          convenedOn: '2024-02-01',
          sittingOn: '2024-02-10',
          urgency: false,
          presidingChairId: 'chair',
          agenda: [{ itemId: 'policy-1', kind: 'policy', subject: 'Bilan annuel' }],
        },
        ctx(SECRETARIAT),
      );
      const [convened] = await papersOf();
      expect(convened.type).toBe('SessionConvened');
      expect(convened.papers).toEqual([
        {
          paper: 'convocation',
          documentId: expect.any(String),
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      ]);
      const bytes = await stored(convened.papers![0]);
      expect(sha256Hex(bytes)).toBe(convened.papers![0].sha256);
      const text = pdfText(bytes);
      expect(text).toContain('Convocation');
      expect(text).toContain('Bilan annuel');
    });

    it('COM-07: an item added to the agenda files the convocation again, with the grown agenda', async () => {
      await handler.executeSession(
        sessionCommand('add-agenda-item')!,
        's-papers',
        { addedOn: '2024-02-02', itemId: 'policy-2', kind: 'policy', subject: 'Plan départemental' },
        ctx(SECRETARIAT),
      );
      const added = (await papersOf())[1];
      expect(added.type).toBe('AgendaItemAdded');
      expect(pdfText(await stored(added.papers![0]))).toContain('Plan départemental');
    });

    it('COM-08: closing files the attendance sheet and the minutes; the same events draw up the same bytes', async () => {
      await handler.executeSession(
        sessionCommand('open')!,
        's-papers',
        {
          openedOn: '2024-02-10',
          attendance: ['chair', 'judge', 'doctor'].map((memberId) => ({ memberId, mode: 'in_person' })),
        },
        ctx(SECRETARIAT),
      );
      await handler.executeSession(
        sessionCommand('deliberate')!,
        's-papers',
        {
          itemId: 'policy-1',
          decidedOn: '2024-02-10',
          ballots: ['chair', 'judge', 'doctor'].map((memberId) => ({ memberId, vote: 'for' })),
        },
        ctx(SECRETARIAT),
      );
      const closing = ctx(SECRETARIAT);
      await handler.executeSession(sessionCommand('close')!, 's-papers', { closedOn: '2024-02-10' }, closing);
      const closed = (await papersOf()).find((e) => e.type === 'SessionClosed')!;
      expect(closed.papers!.map((p) => p.paper)).toEqual(['attendance', 'minutes']);
      const minutes = await stored(closed.papers![1]);
      expect(sha256Hex(minutes)).toBe(closed.papers![1].sha256);
      expect(pdfText(minutes)).toContain('Procès-verbal');
      expect(pdfText(minutes)).toContain('Délibération adoptée');
      // Drawn up again from the events, the minutes are the very bytes filed.
      const snapshot = await loadSession(store, 's-papers', SECRETARIAT);
      if (!('session' in snapshot)) throw new Error('full view expected');
      expect(sha256Hex(await renderCommissionPaper('minutes', '69', snapshot.session))).toBe(
        closed.papers![1].sha256,
      );
      // A retried close answers from the log and stores nothing new.
      const folder = join(dir, 'documents', sittingPapersFolder('s-papers'));
      const events = (await store.readStream('psp-commission-session-s-papers')).length;
      await handler.executeSession(sessionCommand('close')!, 's-papers', { closedOn: '2024-02-10' }, closing);
      expect(await store.readStream('psp-commission-session-s-papers')).toHaveLength(events);
      // Two convocations, the attendance sheet and the minutes (the id is the content's: no copy).
      if (local) expect(readdirSync(folder)).toHaveLength(4);
    });
  },
);
