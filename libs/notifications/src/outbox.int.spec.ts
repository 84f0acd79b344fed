import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { EventStore, openEventStore } from '@psp/event-store';
import { SqliteReadModel } from '@psp/projections';
import { AssociationCommandHandler, associationCommand } from '@psp/workflow';
import { LIFECYCLE, step } from '../../audit/src/testing/case-steps';
import { directoryFromJson } from './notification';
import { OutboxDeliverer } from './outbox-deliverer';
import { OutboxFeeder } from './outbox-feeder';
import { OutboxStore } from './outbox-store';

interface Received {
  readonly messageId: string;
  readonly to: string;
  readonly raw: string;
}

/** A real SMTP server (smtp-server) that refuses the first `failures` messages with 451, then accepts. */
async function smtpServer(failures: number) {
  const received: Received[] = [];
  let refusals = failures;
  let down = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      if (down) return callback(Object.assign(new Error('service not available'), { responseCode: 421 }));
      callback();
    },
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
        received.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    setDown: (value: boolean) => (down = value),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const DIRECTORY = directoryFromJson(
  JSON.stringify({
    associations: { 'ASSOC-69-01': 'contact@asso.example' },
    prefectures: { '69': 'psp@pref69.example' },
  }),
);

describe('notifications: an outbox fed by events, delivered at least once over SMTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-outbox-'));
  let store: EventStore;
  let db: SqliteReadModel;
  let outbox: OutboxStore;
  let now = new Date('2024-03-06T09:00:00.000Z');
  const clock = () => now;

  beforeAll(async () => {
    store = await openEventStore(`sqlite:${join(dir, 'events.sqlite')}`);
    db = new SqliteReadModel(join(dir, 'read.sqlite'));
    outbox = new OutboxStore(db);
    await outbox.migrate();
    for (let i = 0; i < LIFECYCLE.length; i += 1)
      await step(store, '00000000-0000-4000-8000-0000000000c1', i);
  });
  afterAll(async () => {
    await db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the notified authorisation enqueues one decision message to the association and one to the préfecture, and renewal alerts held until 60 and 30 days before the period ends; feeding again adds nothing', async () => {
    const feeder = new OutboxFeeder(store, outbox, 'https://psp.example', clock);
    expect(await feeder.runOnce()).toBe(4);
    expect(await feeder.runOnce()).toBe(0);
    const rows = await outbox.list();
    expect(rows.map((r) => [r.kind, r.recipientKind, r.notBefore.slice(0, 10)]).sort()).toEqual([
      ['deadline:renewal-30', 'association', '2024-08-01'],
      ['deadline:renewal-60', 'association', '2024-07-02'],
      ['decision', 'association', '1970-01-01'],
      ['decision', 'prefecture', '1970-01-01'],
    ]);
    for (const row of rows) {
      expect(row.body).toContain('Dossier PSP n° 00000000-0000-4000-8000-0000000000c1');
      expect(row.body).toContain('https://psp.example/cases/00000000-0000-4000-8000-0000000000c1');
    }
  });

  it('an SMTP server that refuses, then goes down, then recovers: every due message arrives once, nothing is lost, nothing is sent twice', async () => {
    const smtp = await smtpServer(1);
    const transport = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    const deliverer = new OutboxDeliverer(outbox, transport, DIRECTORY, 'psp@engine.example', clock, {
      maxDelayMs: 1000,
    });
    try {
      // The first message is refused (451): it stays pending, the second goes.
      expect(await deliverer.runOnce()).toEqual({ sent: 1, failed: 1 });
      expect((await outbox.list()).map((r) => r.lastError).filter(Boolean)).toEqual(['SMTP 451']);
      // The server is down: nothing goes, nothing is lost.
      smtp.setDown(true);
      now = new Date(now.getTime() + 5_000);
      expect(await deliverer.runOnce()).toEqual({ sent: 0, failed: 1 });
      smtp.setDown(false);
      now = new Date(now.getTime() + 5_000);
      expect(await deliverer.runOnce()).toEqual({ sent: 1, failed: 0 });
      expect(await deliverer.runOnce()).toEqual({ sent: 0, failed: 0 });

      expect(smtp.received.map((m) => m.to).sort()).toEqual(['contact@asso.example', 'psp@pref69.example']);
      expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(2);
      for (const m of smtp.received) {
        expect(m.raw).toContain('00000000-0000-4000-8000-0000000000c1');
        expect(m.raw).not.toMatch(/givenName|familyName|birth/i);
      }
      // The alerts wait for their day, then go once.
      now = new Date('2024-07-06T09:00:00.000Z');
      expect(await deliverer.runOnce()).toEqual({ sent: 1, failed: 0 });
      now = new Date('2024-08-06T09:00:00.000Z');
      expect(await deliverer.runOnce()).toEqual({ sent: 1, failed: 0 });
      expect(await deliverer.runOnce()).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(4);
      expect((await outbox.list()).every((r) => r.status === 'sent')).toBe(true);
    } finally {
      transport.close();
      await smtp.close();
    }
  });

  it('a crash between the server accepting a message and the outbox marking it sent: the message goes again after the lease, with the same Message-ID (the receiver drops the copy)', async () => {
    const smtp = await smtpServer(0);
    const transport = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    const crashing = Object.create(outbox) as OutboxStore;
    // The process dies right after the server accepted the message: nothing more is written.
    crashing.markSent = crashing.markFailed = async () => {
      throw new Error('the process died before marking');
    };
    now = new Date('2024-03-06T09:00:00.000Z');
    try {
      await step(store, '00000000-0000-4000-8000-0000000000c2', 0);
      for (let i = 1; i < LIFECYCLE.length; i += 1)
        await step(store, '00000000-0000-4000-8000-0000000000c2', i);
      await new OutboxFeeder(store, outbox, 'https://psp.example', clock).runOnce();
      const crashed = new OutboxDeliverer(crashing, transport, DIRECTORY, 'psp@engine.example', clock, {
        leaseMs: 1000,
      });
      await expect(crashed.runOnce()).rejects.toThrow(/died/);
      expect(smtp.received).toHaveLength(1);
      // Within the lease nobody sends it; after it, the restarted deliverer does, once more.
      const restarted = new OutboxDeliverer(outbox, transport, DIRECTORY, 'psp@engine.example', clock, {
        leaseMs: 1000,
      });
      // The dead deliverer had claimed both decision messages: nobody sends them within its lease…
      expect(await restarted.runOnce()).toEqual({ sent: 0, failed: 0 });
      now = new Date(now.getTime() + 2000);
      // …then both go: the one never sent, and the one sent before the crash, again.
      expect(await restarted.runOnce()).toEqual({ sent: 2, failed: 0 });
      expect(await restarted.runOnce()).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(3);
      const ids = smtp.received.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(2);
    } finally {
      transport.close();
      await smtp.close();
    }
  });

  it('AGR-06: a granted agrément schedules its expiry alert to the association and the head-office préfecture six months before it expires', async () => {
    const handler = new AssociationCommandHandler(store, () => new Date('2023-05-15T10:00:00Z'));
    await handler.apply(
      associationCommand('apply')!,
      {
        applicationId: 'app-1',
        receivedOn: '2023-03-01',
        declaredOn: '2015-01-10',
        statutoryPurposes: ['prostitution_support'],
        signedByLegalRepresentative: true,
        headOfficeDepartement: '69',
        addressedToDepartement: '69',
        requestedDepartements: ['69'],
        conditions: {
          generalAssemblyResolution: { proved: true },
          meansAndPartnerNetwork: { proved: true },
          staffAndVolunteerTraining: { proved: true },
        },
        fileItems: [
          'signed_request',
          'general_assembly_resolution',
          'means_and_partner_network',
          'staff_training_evidence',
          'registration_number',
        ],
      },
      {
        actor: { subject: 'agent', role: 'association', departement: '69', associationId: 'ASSOC-69-01' },
        commandId: 'agr-apply',
      },
    );
    await handler.execute(
      associationCommand('grant')!,
      'ASSOC-69-01',
      { decidedOn: '2023-05-15', departements: ['69'] },
      { actor: { subject: 'pref', role: 'prefecture', departement: '69' }, commandId: 'agr-grant' },
    );
    await new OutboxFeeder(store, outbox, 'https://psp.example', clock).runOnce();
    const alerts = (await outbox.list('ASSOC-69-01')).filter((r) => r.kind === 'deadline:agrement-expiry');
    expect(alerts.map((r) => [r.recipientKind, r.recipientKey]).sort()).toEqual([
      ['association', 'ASSOC-69-01'],
      ['prefecture', '69'],
    ]);
    for (const alert of alerts) {
      expect(alert.status).toBe('pending');
      expect(alert.body).toContain('https://psp.example/associations/ASSOC-69-01');
      expect(alert.notBefore < alert.subject.replace(/.*expire le (\d{4}-\d{2}-\d{2}).*/, '$1')).toBe(true);
    }
  });
});
