import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { RunningApi, startApiProcess } from '../support/api-process';
import { call, devTokens } from '../support/dev-tokens';
import { CaseDriver } from '../support/case-driver';
import { uploadAnnexe10, uploadInstructionPapers } from '../support/document-files';
import { FOREIGN_PERSON } from '../support/foreign-case';
import { Registries, seedRegistries } from '../support/registry-seed';
import { waitForViews } from '../support/wait-for-views';
import { TestIssuer } from './test-issuer';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
/** Screenshots of each journey (git-ignored). */
const OUTPUT = join(ROOT, 'test-output', 'console');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A fictional person, typed into the console's forms. */
const PERSON = {
  givenName: 'Albertine',
  familyName: 'Consolefictive',
  birthDate: '1999-04-12',
};

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * The web console in a real browser (Debian's Chromium driven by playwright-core) against the API
 * started as a process on a temporary SQLite store (ADR 0022). Each screen is checked by axe-core
 * (RGAA / WCAG 2.1 AA: no serious or critical violation) and saved as a screenshot.
 */
describe('the web console in a browser', () => {
  jest.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'psp-console-'));
  let api: RunningApi;
  let browser: Browser;
  let caseId: string;
  let registries: Registries;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    await run(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'apps/console/vite.config.ts',
        '--logLevel',
        'warn',
        // A build of its own: an API another spec starts meanwhile never sees dist/console half-written.
        '--outDir',
        join(dir, 'console'),
      ],
      {
        cwd: ROOT,
      },
    );
    api = await startApiProcess({
      CONSOLE_DIR: join(dir, 'console'),
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      DATA_DIR: dir,
      SCHEDULER_INTERVAL_MS: '0',
    });
    registries = await seedRegistries(api.baseUrl, devTokens(dir), {
      departement: '69',
      associationId: 'asso-69-nid',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--lang=fr-FR',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh browser context: nothing carried over from another user (the token lives in memory). */
  /** Errors thrown in the pages (the console's own scripts and the DSFR's): none expected. */
  const pageErrors: string[] = [];

  afterEach(() => {
    expect(pageErrors).toEqual([]);
    pageErrors.length = 0;
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    // The API's CSP forbids inline scripts: axe-core is injected by the test, so the CSP is bypassed here only.
    const context = await browser.newContext({
      bypassCSP: true,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${error.message}\n${error.stack}`));
    return { context, page };
  }

  /** No serious or critical axe-core violation on the page; a full-page screenshot saved. */
  async function check(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    // Runs in the page (a string: this file is compiled without the DOM's types).
    const violations = (await page.evaluate(
      "axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations)",
    )) as AxeViolation[];
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
    expect({ page: name, serious }).toEqual({ page: name, serious: [] });
  }

  async function signIn(
    page: Page,
    role: string,
    departement: string,
    associationId?: string,
  ): Promise<void> {
    await page.getByRole('heading', { name: 'Connexion de développement' }).waitFor();
    await page.locator('#role').selectOption(role);
    await page.locator('#departement').fill(departement);
    if (associationId && role === 'commission_member') await page.locator('#member').fill(associationId);
    else if (associationId) await page.locator('#association').fill(associationId);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  /** Opens the action's accordion, lets the test adjust the prefilled form, and submits it. */
  async function act(
    page: Page,
    action: string,
    adjust: (form: ReturnType<Page['locator']>) => Promise<void> = async () => undefined,
    screen?: string,
    double = false,
  ) {
    await page.getByRole('button', { name: action, exact: true }).first().click();
    const form = page
      .locator('form', { has: page.getByRole('button', { name: action, exact: true }) })
      .first();
    await form.waitFor({ state: 'visible' });
    await adjust(form);
    if (screen) await check(page, screen);
    const submit = form.getByRole('button', { name: action, exact: true });
    await (double ? submit.dblclick() : submit.click());
    await page.getByText(`« ${action} » enregistré.`).waitFor();
  }

  it('an association signs in, opens a case and completes its instruction through the generated forms', async () => {
    const { context, page } = await newPage();
    const posts: { url: string; headers: Record<string, string> }[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/cases'))
        posts.push({ url: new URL(request.url()).pathname, headers: request.headers() });
    });
    await page.goto(`${api.baseUrl}/console/`);
    await check(page, '01-sign-in');
    await signIn(page, 'association', '69', 'asso-69-nid');

    await page.getByRole('heading', { name: 'Ce qui m’attend' }).waitFor();
    await page.getByTestId('inbox-empty').waitFor();
    await page.getByRole('link', { name: 'Ouvrir une demande' }).click();

    // T1: the form is the OpenAPI schema of POST /cases (the person's identity goes to the vault).
    await page.getByRole('heading', { name: 'Ouvrir une demande' }).waitFor();
    await page.locator('#open-request-openedOn').fill('2024-01-05');
    await page.locator('#open-request-personAgrees').check({ force: true });
    await page.locator('#open-request-victimOf-procuring').check({ force: true });
    await page.locator('#open-request-person-givenName').fill(PERSON.givenName);
    await page.locator('#open-request-person-familyName').fill(PERSON.familyName);
    await page.locator('#open-request-person-birthDate').fill(PERSON.birthDate);
    await page.locator('#open-request-person-nationality').fill('FR');
    await check(page, '02-open-request');
    await page.getByRole('button', { name: 'Ouvrir la demande' }).click();

    await page.getByTestId('case-status').getByText('Demande en préparation').waitFor();
    caseId = page.url().split('/').pop()!;
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    // Refused actions are listed with their rule (T3: no submission before the instruction is complete).
    expect(
      await page
        .getByTestId('blocked')
        .getByRole('row', { name: /Transmettre la demande/ })
        .textContent(),
    ).toContain('T3');
    await check(page, '03-case-opened');
    // PSP-03 / PSP-04: the instruction reads the signed parcours document and the commitments from
    // the documents on file: the association uploads them (over the API), then the page reads again.
    await uploadInstructionPapers(
      api.baseUrl,
      await devTokens(dir)('association', { departement: '69', associationId: 'asso-69-nid' }),
      caseId,
    );
    // A reload asks to sign in again (the token lives in the page), then shows the same case.
    await page.reload();
    await signIn(page, 'association', '69', 'asso-69-nid');
    await page.getByTestId('case-status').getByText('Demande en préparation').waitFor();

    // PSP-03 / T2: the instruction, the form prefilled with the document's example.
    await act(
      page,
      'Terminer l’instruction',
      async (form) => {
        expect(await form.locator('#complete-instruction-completedOn').inputValue()).toBe('2024-02-01');
        await form.locator('#complete-instruction-completedOn').fill('2024-01-20');
      },
      '03b-action-form',
    );
    // Someone else acts on the case behind the page (same association, over the API): the page's
    // ETag is stale, so its decision is refused with 412 and writes nothing; the page reads again.
    const behind = await call(api.baseUrl, 'POST', `/cases/${caseId}/aps-not-applicable`, {
      token: await devTokens(dir)('association', { departement: '69', associationId: 'asso-69-nid' }),
      body: { determinedOn: '2024-01-05', reason: 'french' },
    });
    expect(behind.status).toBe(200);
    await page
      .getByRole('button', { name: 'Indiquer que l’APS ne s’applique pas', exact: true })
      .first()
      .click();
    const stale = page
      .locator('form', {
        has: page.getByRole('button', { name: 'Indiquer que l’APS ne s’applique pas', exact: true }),
      })
      .first();
    await stale.locator('#aps-not-applicable-reason').selectOption('french');
    await stale.getByRole('button', { name: 'Indiquer que l’APS ne s’applique pas', exact: true }).click();
    await page
      .getByText('Le dossier a changé depuis votre lecture : votre action n’a pas été enregistrée.')
      .waitFor();
    // Read again: the APS is now settled, so that action has moved to the refused ones (APS-01).
    await page
      .getByTestId('blocked')
      .getByRole('row', { name: /Indiquer que l’APS ne s’applique pas/ })
      .waitFor();
    await check(page, '04-case-conflict');
    // A double click on the submission sends it once (the button waits for the answer; one key per submission).
    await act(
      page,
      'Transmettre la demande',
      async (form) => {
        await form.locator('#submit-submittedOn').fill('2024-01-22');
      },
      undefined,
      true,
    );
    await page.getByTestId('case-status').getByText('En examen').waitFor();
    await check(page, '05-case-submitted');
    expect(await page.getByTestId('summary').getByRole('definition').last().textContent()).toBe('5');

    // Every submission carried its own Idempotency-Key; every decision on the case its ETag in If-Match.
    expect(posts.map((p) => p.url)).toEqual([
      '/cases',
      `/cases/${caseId}/complete-instruction`,
      `/cases/${caseId}/aps-not-applicable`,
      `/cases/${caseId}/submit`,
    ]);
    const keys = posts.map((p) => p.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(4);
    keys.forEach((key) => expect(key).toMatch(/^[0-9a-f-]{36}$/));
    // (Revisions 1 and 2 are the two papers uploaded.)
    expect(posts.slice(1).map((p) => p.headers['if-match'])).toEqual(['"2"', '"3"', '"4"']);

    // The inbox lists it, filters and sorting kept in the URL across a reload… once signed in again.
    await page.getByRole('link', { name: 'Ce qui m’attend' }).first().click();
    await page.getByLabel('Statut').selectOption('under_review');
    await page.getByLabel('Trier par').selectOption('monthsUsed');
    // The file number of the case (département, year of the request, rank), not the case's uuid.
    await page.getByTestId('inbox').getByRole('link', { name: '69-2024-0001' }).waitFor();
    expect(await page.getByTestId('inbox').locator('tbody tr').count()).toBe(1);
    expect(new URL(page.url()).search).toBe('?statut=under_review&tri=monthsUsed');
    await check(page, '06-inbox');
    // Search by file number, as typed (the API reads 69-2024-1 as 69-2024-0001), kept in the URL.
    await page.locator('#numero').fill('69-2024-1');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.waitForURL(/numero=69-2024-1/);
    await page.getByTestId('inbox').getByRole('link', { name: '69-2024-0001' }).waitFor();
    await page.locator('#numero').fill('69-2024-9');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.getByTestId('inbox-empty').waitFor();
    // Search by name through the blind index (accents and case ignored); the identity is in no URL.
    await page.getByText('Rechercher une personne par son nom').click();
    await page.locator('#personne-givenName').fill('albertine');
    await page.locator('#personne-familyName').fill('CONSOLEFICTIVE');
    await page.locator('#personne-birthDate').fill(PERSON.birthDate);
    // The birth place the opening form carried (its documented example's).
    await page.locator('#personne-birthPlace').fill('exempleville');
    await page.getByRole('button', { name: 'Rechercher la personne' }).click();
    await page.getByTestId('person-found').getByRole('link', { name: '69-2024-0001' }).waitFor();
    expect(page.url().toLowerCase()).not.toContain('consolefictive');
    await check(page, '06b-inbox-search');
    await context.close();
  });

  it('an auditor of the département reads the case and its timeline, with the rules applied', async () => {
    expect(caseId).toBeDefined();
    const { context, page } = await newPage();
    await page.goto(`${api.baseUrl}/console/dossiers/${caseId}`);
    await signIn(page, 'auditor', '69');
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('(SubmittedToPrefecture)').waitFor();
    const text = await timeline.textContent();
    expect(text).toContain('Ouvrir une demande (RequestOpened)');
    expect(text).toContain('T1');
    // Auditors decide nothing: no action is open to them.
    await page.getByText('Aucune action ne vous est ouverte sur ce dossier pour l’instant.').waitFor();
    await check(page, '08-auditor-case');
    // The case as the facts stood on a business date (before the instruction was complete), in the URL.
    await page.locator('#as-of-value').fill('2024-01-10');
    await page.getByRole('button', { name: 'Afficher l’état' }).click();
    await page.getByTestId('as-of-answer').getByText('Demande en préparation').waitFor();
    expect(await page.getByTestId('as-of-answer').textContent()).toContain('date des faits');
    expect(new URL(page.url()).search).toBe('?etat=effectiveOn&au=2024-01-10');
    // …and at a revision.
    await page.locator('#as-of-basis').selectOption('revision');
    await page.locator('#as-of-value').fill('5');
    await page.getByRole('button', { name: 'Afficher l’état' }).click();
    await page.getByTestId('as-of-answer').getByText('En examen').waitFor();
    await check(page, '08b-auditor-as-of');
    await context.close();
  });

  it('a national auditor reads the verification report of the store', async () => {
    const { context, page } = await newPage();
    await page.goto(`${api.baseUrl}/console/`);
    await signIn(page, 'auditor', '');
    await page.getByRole('link', { name: 'Vérification' }).first().click();
    await page.getByTestId('verification-result').getByText('Intégrité vérifiée').waitFor();
    expect(await page.getByTestId('verification-result').textContent()).toMatch(
      /\d+ événements dans \d+ flux/,
    );
    await check(page, '08c-verification');
    await context.close();
  });

  it('an analyst reads the indicators, small counts marked as suppressed and never as zero (ACL-06)', async () => {
    expect(caseId).toBeDefined();
    // The indicators are a read view: read them once the projector has caught up with the case.
    await waitForViews(api.baseUrl, dir);
    const { context, page } = await newPage();
    await page.goto(`${api.baseUrl}/console/`);
    await signIn(page, 'analyst', '');
    // The API opens no individual case to analysts: the inbox says so and points to the indicators.
    await page.getByRole('heading', { name: 'Aucun dossier individuel pour votre rôle' }).waitFor();
    await page.getByRole('link', { name: 'indicateurs', exact: true }).click();
    await page.getByRole('spinbutton', { name: 'Année' }).fill('2024');
    await page.getByText(/tableaux pour 2024\./).waitFor();
    const requests = page.getByTestId('indicator-entry_requests');
    expect(new URL(page.url()).search).toBe('?annee=2024');
    // One request filed in 69: below the threshold, so suppressed, in the département and nationally.
    const row69 = requests.getByRole('row', { name: /^69/ });
    expect(await row69.textContent()).toContain('masqué');
    expect(await row69.textContent()).not.toMatch(/\b1\b/);
    // The chart beside it draws no bar for a suppressed figure: it says « masqué ».
    const chart = page.getByRole('img', { name: /^Graphique, national : filed : masqué/ });
    expect(await chart.count()).toBe(1);
    // Départements: the commission installed (COM-03), the parcours in progress at year end.
    expect(await page.getByTestId('departements').getByRole('row', { name: /^69/ }).textContent()).toContain(
      'oui, le 01/06/2023',
    );
    // The widest table scrolls in its own box: the page itself never scrolls sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await check(page, '09-indicators');
    await context.close();
  });

  it('COM-07 / COM-08 / ACL-01: the secretariat runs a sitting with a recused member; the opinion reaches the case, the préfet authorises, the foreigners’ department issues the APS', async () => {
    // A foreign national's request, instructed and submitted by the association over the API.
    const mint = devTokens(dir);
    const cases = new CaseDriver(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-nid' });
    const opened = await cases.open(
      { openedOn: '2024-01-08', personAgrees: true, victimOf: ['trafficking'], person: FOREIGN_PERSON },
      'console-sitting-case',
    );
    expect(opened.status).toBe(201);
    const foreignCase = opened.body.caseId as string;
    await cases.accept('association', foreignCase, 'aps-required', {
      determinedOn: '2024-01-08',
      asylumClaimPending: false,
    });
    await cases.completeInstruction(foreignCase, {
      completedOn: '2024-01-20',
      plannedActions: ['housing', 'health_care'],
      plannedLengthMonths: 6,
      associationOpinion: 'favourable',
      swornStatementOfCessation: true,
    });
    await cases.accept('association', foreignCase, 'submit', { submittedOn: '2024-01-22' });
    await waitForViews(api.baseUrl, dir);
    const representative = registries.ids.associationRepresentativeId;
    const sessionId = 'seance-69-console';

    // The secretariat convenes the sitting, the notice rule shown, the agenda from the cases waiting.
    const secretariat = await newPage();
    let page = secretariat.page;
    await page.goto(`${api.baseUrl}/console/commission`);
    await signIn(page, 'commission_secretariat', '69');
    await page.getByRole('heading', { name: 'Convoquer une séance' }).waitFor();
    expect(await page.getByTestId('notice-rule').textContent()).toContain('COM-07');
    await page.locator('#convene-sessionId').fill(sessionId);
    await page.locator('#convene-convenedOn').fill('2024-02-01');
    await page.locator('#convene-sittingOn').fill('2024-02-10');
    await page.locator(`#candidate-${foreignCase}`).check({ force: true });
    await check(page, '10-commission-convene');
    await page.getByRole('button', { name: 'Convoquer la séance' }).click();
    await page.getByTestId('session-status').getByText('Convoquée').waitFor();
    expect(await page.getByTestId('notice').textContent()).toContain('préavis de 9 jours');
    // ACL-01: the instructing association's representative is recused from the case item, visibly.
    expect(await page.getByTestId('agenda').textContent()).toContain(`${representative} (ACL-01)`);
    // The case item under its file number.
    expect(await page.getByTestId('agenda').textContent()).toMatch(/dossier 69-2024-\d{4}/);
    // The sitting's own commands: closing is refused now, with its rule (the console holds none).
    expect(
      await page
        .getByTestId('blocked')
        .getByRole('row', { name: /Clore la séance/ })
        .textContent(),
    ).toContain('COM-07');
    // ACL-02: the secretariat records the doctor's declared interest.
    await page.getByRole('button', { name: 'Déclarer un intérêt', exact: true }).click();
    await page.locator('#interest-member').selectOption('member-doctor-69');
    await page.locator('#interest-item').selectOption('item-1');
    await page
      .getByTestId('form-declare-interest')
      .getByRole('button', { name: 'Déclarer un intérêt' })
      .click();
    await page.getByText('« Déclarer un intérêt » enregistré.').waitFor();
    expect(await page.getByTestId('agenda').textContent()).toContain('member-doctor-69 (ACL-02)');
    await check(page, '11-sitting-convened');

    // The recused member sees no summary of the item; a member who sits on it reads the minimised summary.
    const recused = await newPage();
    await recused.page.goto(`${api.baseUrl}/console/seances/${sessionId}`);
    await signIn(recused.page, 'commission_member', '69', representative);
    await recused.page.getByRole('heading', { name: 'Les points sur lesquels vous siégez' }).waitFor();
    await recused.page.getByTestId('member-agenda-empty').waitFor();
    expect(await recused.page.getByTestId('member-agenda').count()).toBe(0);
    expect(await recused.page.locator('main').textContent()).not.toContain(foreignCase.slice(0, 8));
    await check(recused.page, '12-member-recused');
    await recused.context.close();
    const judge = await newPage();
    await judge.page.goto(`${api.baseUrl}/console/seances/${sessionId}`);
    await signIn(judge.page, 'commission_member', '69', 'member-judge-69');
    await judge.page.getByTestId('member-agenda').getByText('En examen').waitFor();
    await check(judge.page, '13-member-agenda');
    await judge.context.close();

    // The sitting opens with the attendance; the quorum of the item is the API's, shown live.
    await page.getByRole('button', { name: 'Ouvrir la séance', exact: true }).click();
    for (const memberId of [...registries.ids.chairIds, 'member-judge-69', 'member-local-69', representative])
      await page.locator(`#attendance-${memberId}`).selectOption('in_person');
    await page.getByTestId('form-open').getByRole('button', { name: 'Ouvrir la séance' }).click();
    await page.getByTestId('session-status').getByText('En séance').waitFor();
    // The representative attends but is recused: three count towards the item's quorum.
    expect(await page.getByTestId('quorum-item-1').textContent()).toContain('3 présents ou représentés');
    expect(await page.getByTestId('quorum-item-1').textContent()).toContain('quorum atteint');
    // Votes: two for, one against; the representative has no ballot (ACL-01).
    await page.getByRole('button', { name: 'Délibérer', exact: true }).click();
    const ballots = page.getByTestId('form-deliberate');
    expect(await ballots.locator(`#vote-${representative}`).count()).toBe(0);
    await ballots.locator('#vote-member-local-69').selectOption('against');
    await check(page, '14-sitting-votes');
    await ballots.getByRole('button', { name: 'Délibérer' }).click();
    await page.getByText('« Délibérer » enregistré.').waitFor();
    expect(await page.getByTestId('result-item-1').textContent()).toContain('Favorable — pour 2, contre 1');
    await page.getByRole('button', { name: 'Clore la séance', exact: true }).click();
    await page.getByTestId('form-close').getByRole('button', { name: 'Clore la séance' }).click();
    await page.getByTestId('session-status').getByText('Close').waitFor();
    await check(page, '15-sitting-closed');
    // The minutes of the closed sitting, drawn up by the API, downloaded as a PDF.
    const [minutes] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Procès-verbal (PDF)' }).click(),
    ]);
    expect(minutes.suggestedFilename()).toBe(`${sessionId}-minutes.pdf`);
    const pdf = await minutes.createReadStream();
    const head = await new Promise<string>((resolve) =>
      pdf.once('data', (chunk) => resolve(String(chunk).slice(0, 5))),
    );
    pdf.destroy();
    expect(head).toBe('%PDF-');
    await secretariat.context.close();

    // COM-08: the close passed the opinion to the case: the préfet decides and notifies.
    const prefecture = await newPage();
    page = prefecture.page;
    await page.goto(`${api.baseUrl}/console/dossiers/${foreignCase}`);
    await signIn(page, 'prefecture', '69');
    await page.getByText('En attente de la décision du préfet').first().waitFor();
    await act(page, 'Autoriser le parcours');
    await page.getByTestId('case-status').getByText('Parcours autorisé').waitFor();
    await act(page, 'Notifier la décision');
    await check(page, '16-prefet-authorised');
    await prefecture.context.close();

    // The annexe 10 papers are filed by the association; the foreigners' department files and issues the APS.
    await uploadAnnexe10(api.baseUrl, await cases.token('association'), foreignCase);
    const foreigners = await newPage();
    page = foreigners.page;
    await page.goto(`${api.baseUrl}/console/dossiers/${foreignCase}`);
    await signIn(page, 'foreigners_department', '69');
    await act(page, 'Déposer la demande d’APS');
    await act(page, 'Délivrer l’APS');
    await page.getByTestId('aps').getByText('Délivrée').waitFor();
    await check(page, '17-aps-issued');
    await foreigners.context.close();

    // An outsider of another département sees nothing of the sitting.
    const outsider = await newPage();
    await outsider.page.goto(`${api.baseUrl}/console/seances/${sessionId}`);
    await signIn(outsider.page, 'commission_secretariat', '13');
    await outsider.page.getByRole('heading', { name: /Introuvable/ }).waitFor();
    expect(await outsider.page.locator('main').textContent()).not.toContain(foreignCase.slice(0, 8));
    await outsider.context.close();
  });

  it('without development tokens (AUTH_MODE=oidc) there is no development sign-in', async () => {
    const oidcDir = mkdtempSync(join(tmpdir(), 'psp-console-oidc-'));
    const oidc = await startApiProcess({
      CONSOLE_DIR: join(dir, 'console'),
      EVENT_STORE_URL: `sqlite:${join(oidcDir, 'events.sqlite')}`,
      DATA_DIR: oidcDir,
      SCHEDULER_INTERVAL_MS: '0',
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: 'https://issuer.invalid',
      OIDC_JWKS_URL: 'https://issuer.invalid/jwks',
      CONSOLE_OIDC_CLIENT_ID: 'psp-console',
    });
    try {
      const minted = await fetch(`${oidc.baseUrl}/dev/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'prefecture', departement: '69' }),
      });
      expect(minted.status).toBe(404);
      expect(minted.headers.get('content-type')).toContain('application/problem+json');
      const { context, page } = await newPage();
      await page.goto(`${oidc.baseUrl}/console/`);
      await page.getByRole('heading', { name: 'Connexion de développement indisponible' }).waitFor();
      expect(await page.locator('#role').count()).toBe(0);
      // Production sign-in: the public settings name the issuer and the client; the page may call the issuer.
      await page.getByRole('button', { name: 'Se connecter avec ProConnect' }).waitFor();
      // (the page's own request context: the console's static files are not API operations)
      const settings = await context.request.get(`${oidc.baseUrl}/console/config.json`);
      expect(await settings.json()).toEqual({
        oidc: { issuer: 'https://issuer.invalid', clientId: 'psp-console', scope: 'openid' },
      });
      expect(settings.headers()['content-security-policy']).toContain(
        "connect-src 'self' https://issuer.invalid;",
      );
      await check(page, '00-sign-in-oidc');
      await context.close();
    } finally {
      await oidc.stop();
      rmSync(oidcDir, { recursive: true, force: true });
    }
  });

  it('production sign-in: authorisation code + PKCE against an OIDC issuer started by the test; the token stays in memory', async () => {
    const issuer = await TestIssuer.start('psp-case-engine');
    const oidcDir = mkdtempSync(join(tmpdir(), 'psp-console-issuer-'));
    const oidc = await startApiProcess({
      CONSOLE_DIR: join(dir, 'console'),
      EVENT_STORE_URL: `sqlite:${join(oidcDir, 'events.sqlite')}`,
      DATA_DIR: oidcDir,
      SCHEDULER_INTERVAL_MS: '0',
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: issuer.url,
      OIDC_JWKS_URL: `${issuer.url}/jwks`,
      CONSOLE_OIDC_CLIENT_ID: 'psp-console',
      CONSOLE_OIDC_SCOPE: 'openid psp',
    });
    try {
      const { context, page } = await newPage();
      await page.goto(`${oidc.baseUrl}/console/`);
      await page.getByRole('button', { name: 'Se connecter avec ProConnect' }).click();
      // Off to the issuer and back with a code; the console exchanges it with its PKCE verifier.
      await page.getByRole('heading', { name: 'Ce qui m’attend' }).waitFor();
      expect(await page.getByTestId('who').textContent()).toContain('Préfecture · 69');
      // The API accepted the access token: the inbox of the préfecture of 69 (empty store) is read.
      await page.getByTestId('inbox-empty').waitFor();
      expect(issuer.seen).toHaveLength(1);
      expect(issuer.seen[0]).toMatchObject({
        pkceVerified: true,
        form: {
          grant_type: 'authorization_code',
          client_id: 'psp-console',
          redirect_uri: `${oidc.baseUrl}/console/connexion/retour`,
        },
      });
      // No token in any browser storage; the one-time PKCE entry is gone; the code left the URL.
      const stored = (await page.evaluate(
        'JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })',
      )) as string;
      // (the DSFR keeps its colour scheme there, nothing else)
      expect(JSON.parse(stored)).toEqual({ local: { scheme: 'light' }, session: {} });
      expect(page.url()).not.toContain('code=');
      await check(page, '00b-signed-in-oidc');
      await context.close();
    } finally {
      await oidc.stop();
      await issuer.stop();
      rmSync(oidcDir, { recursive: true, force: true });
    }
  });

  it('an outsider of another département sees nothing of the case', async () => {
    expect(caseId).toBeDefined();
    const { context, page } = await newPage();
    await page.goto(`${api.baseUrl}/console/dossiers/${caseId}`);
    await signIn(page, 'prefecture', '13');
    // Back on the case after sign-in: out of scope reads as 404, never a detail of the case.
    await page.getByRole('heading', { name: /Introuvable/ }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('asso-69-nid');
    await check(page, '07-outsider-case');
    await page.getByRole('link', { name: 'Retour à ce qui m’attend' }).click();
    await page.getByTestId('inbox-empty').waitFor();
    await context.close();
  });
});
