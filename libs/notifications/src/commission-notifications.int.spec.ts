import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { EventStore, openEventStore } from '@psp/event-store';
import { SqliteReadModel } from '@psp/projections';
import { Actor } from '@psp/security';
import { commission69 } from '@psp/workflow/testing';
import { CommissionCommandHandler, commissionCommand, sessionCommand } from '@psp/workflow';
import { directoryFromJson } from './notification';
import { OutboxDeliverer } from './outbox-deliverer';
import { OutboxFeeder } from './outbox-feeder';
import { OutboxStore } from './outbox-store';

const PREFECTURE: Actor = { subject: 'pref-69', role: 'prefecture', departement: '69' };
const SECRETARIAT: Actor = { subject: 'sec-69', role: 'commission_secretariat', departement: '69' };

/** A real SMTP server that refuses the first `failures` messages with 451, then accepts. */
async function smtpServer(failures: number) {
  const received: { to: string; raw: string; messageId: string }[] = [];
  let refusals = failures;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals -= 1;
          return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '';
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw, messageId });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const DIRECTORY = directoryFromJson(
  JSON.stringify({
    prefectures: { '69': 'psp@pref69.example' },
    members: { '69': { judge: 'judge@tj-lyon.example', doctor: 'doctor@chu.example' } },
  }),
);

describe('commission notifications: convocations to members, changes to their sitting and member-term alerts (COM-07, COM-02)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-commission-outbox-'));
  let store: EventStore;
  let db: SqliteReadModel;
  let outbox: OutboxStore;
  let handler: CommissionCommandHandler;
  let now = new Date('2024-02-01T09:00:00.000Z');
  const clock = () => now;
  let seq = 0;
  const ctx = (actor: Actor) => ({ actor, commandId: `commission-outbox-${++seq}` });
  const feed = () => new OutboxFeeder(store, outbox, 'https://psp.example', clock).runOnce();

  beforeAll(async () => {
    store = await openEventStore(`sqlite:${join(dir, 'events.sqlite')}`);
    db = new SqliteReadModel(join(dir, 'read.sqlite'));
    outbox = new OutboxStore(db);
    await outbox.migrate();
    handler = new CommissionCommandHandler(store, clock);
    await commission69(handler, () => ctx(PREFECTURE).commandId);
  });
  afterAll(async () => {
    await db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('COM-02: an appointment schedules a term alert to the member and the préfecture 60 days before the term ends', async () => {
    await feed();
    const alerts = (await outbox.list()).filter((r) => r.kind === 'deadline:member-term');
    expect(
      alerts.map((r) => [r.caseId, r.recipientKind, r.recipientKey, r.notBefore.slice(0, 10)]).sort(),
    ).toEqual([
      ['commission-member:69:doctor', 'member', '69/doctor', '2026-04-01'],
      ['commission-member:69:doctor', 'prefecture', '69', '2026-04-01'],
      ['commission-member:69:judge', 'member', '69/judge', '2026-04-01'],
      ['commission-member:69:judge', 'prefecture', '69', '2026-04-01'],
    ]);
    for (const alert of alerts) {
      expect(alert.departement).toBe('69');
      expect(alert.body).toContain('prend fin le 2026-05-31');
      expect(alert.body).toContain('https://psp.example/commissions/commission-69');
    }
  });

  it('COM-02: a renewal cancels the pending alert and schedules the next term; a departure cancels it', async () => {
    await handler.execute(
      commissionCommand('renew-term')!,
      'commission-69',
      { memberId: 'judge', orderedOn: '2024-01-15', signatories: ['prefet'] },
      ctx(PREFECTURE),
    );
    await handler.execute(
      commissionCommand('record-departure')!,
      'commission-69',
      { memberId: 'doctor', leftOn: '2024-01-20', reason: 'resigned' },
      ctx(PREFECTURE),
    );
    await feed();
    const alerts = (await outbox.list()).filter((r) => r.kind === 'deadline:member-term');
    expect(
      alerts
        .filter((r) => r.status === 'pending')
        .map((r) => [r.recipientKey, r.notBefore.slice(0, 10)])
        .sort(),
    ).toEqual([
      ['69', '2029-04-01'],
      ['69/judge', '2029-04-01'],
    ]);
    expect(alerts.filter((r) => r.status === 'cancelled')).toHaveLength(4);
  });

  it('COM-07: convening a sitting sends the convocation to every member on the roster, once, through an SMTP server that fails then recovers; no personal data', async () => {
    await handler.convene(
      'commission-69',
      {
        sessionId: 's-outbox',
        convenedOn: '2024-02-01',
        sittingOn: '2024-02-12',
        urgency: false,
        presidingChairId: 'chair',
        agenda: [{ itemId: 'policy-1', kind: 'policy', subject: 'Bilan' }],
      },
      ctx(SECRETARIAT),
    );
    expect(await feed()).toBe(2); // the chair and the judge (the doctor left)
    expect(await feed()).toBe(0);
    const convocations = (await outbox.list('commission-session:s-outbox')).filter(
      (r) => r.kind === 'convocation',
    );
    expect(convocations.map((r) => r.recipientKey).sort()).toEqual(['69/chair', '69/judge']);

    const smtp = await smtpServer(1);
    const transport = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    const deliverer = new OutboxDeliverer(outbox, transport, DIRECTORY, 'psp@engine.example', clock, {
      maxDelayMs: 1000,
    });
    try {
      // The chair has no address: undeliverable, kept; the judge's first attempt is refused (451).
      expect(await deliverer.runOnce()).toEqual({ sent: 0, failed: 2 });
      now = new Date(now.getTime() + 5_000);
      expect(await deliverer.runOnce()).toEqual({ sent: 1, failed: 0 });
      expect(await deliverer.runOnce()).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received.map((m) => m.to)).toEqual(['judge@tj-lyon.example']);
      const mail = smtp.received[0].raw.replace(/=\r?\n/g, ''); // quoted-printable soft breaks
      expect(mail).toContain('s-outbox');
      expect(mail).toContain('2024-02-12');
      expect(mail).toContain('https://psp.example/commission-sessions/s-outbox');
      expect(mail).not.toContain('Bilan'); // the agenda is read through the session, not mailed
      const rows = await outbox.list('commission-session:s-outbox');
      expect(rows.map((r) => [r.recipientKey, r.status]).sort()).toEqual([
        ['69/chair', 'undeliverable'],
        ['69/judge', 'sent'],
      ]);
    } finally {
      transport.close();
      await smtp.close();
    }
  });

  it('COM-07: the members convened are told when the agenda grows and when the sitting is cancelled, once each; the reason is not mailed', async () => {
    await handler.executeSession(
      sessionCommand('add-agenda-item')!,
      's-outbox',
      { addedOn: '2024-02-02', itemId: 'policy-2', kind: 'policy', subject: 'Plan départemental' },
      ctx(SECRETARIAT),
    );
    expect(await feed()).toBe(2);
    await handler.executeSession(
      sessionCommand('cancel')!,
      's-outbox',
      { cancelledOn: '2024-02-05', reason: 'Mme Martin, rapporteure, est absente' },
      ctx(SECRETARIAT),
    );
    expect(await feed()).toBe(2);
    expect(await feed()).toBe(0);
    const changes = (await outbox.list('commission-session:s-outbox')).filter(
      (r) => r.kind !== 'convocation',
    );
    expect(changes.map((r) => [r.kind, r.recipientKey]).sort()).toEqual([
      ['agenda-update', '69/chair'],
      ['agenda-update', '69/judge'],
      ['sitting-cancelled', '69/chair'],
      ['sitting-cancelled', '69/judge'],
    ]);
    const update = changes.find((r) => r.kind === 'agenda-update')!;
    expect(update.body).toContain("2 point(s) à l'ordre du jour");
    expect(update.body).toContain('https://psp.example/commission-sessions/s-outbox');
    expect(update.body).not.toContain('Plan départemental');
    const cancelled = changes.find((r) => r.kind === 'sitting-cancelled')!;
    expect(cancelled.subject).toContain('séance du 2024-02-12 annulée');
    expect(cancelled.body).not.toContain('Martin');

    const smtp = await smtpServer(0);
    const transport = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    const deliverer = new OutboxDeliverer(outbox, transport, DIRECTORY, 'psp@engine.example', clock, {
      maxDelayMs: 1000,
    });
    try {
      expect(await deliverer.runOnce()).toEqual({ sent: 2, failed: 2 }); // the chair has no address
      const mails = smtp.received.map((m) => m.raw.replace(/=\r?\n/g, ''));
      expect(smtp.received.map((m) => m.to)).toEqual(['judge@tj-lyon.example', 'judge@tj-lyon.example']);
      expect(mails.some((m) => m.includes('Ordre du jour compl'))).toBe(true);
      expect(mails.some((m) => m.includes('annul'))).toBe(true);
      for (const mail of mails) expect(mail).not.toContain('Martin');
    } finally {
      transport.close();
      await smtp.close();
    }
  });
});
