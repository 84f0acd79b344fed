import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The command line as an operator runs it after `npm run build`: `node dist/apps/cli/src/main.js`. */
describe('the command line from the build', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'psp-cli-build-'));
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'development', DATA_DIR: dataDir, EVENT_STORE_URL: 'memory:' },
    });

  beforeAll(() => {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts and lists its commands (the event generator is part of the build)', () => {
    const help = cli('help');
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('seed-demo');
    expect(help.stdout).toContain('generate --events N');
  });

  it('refuses a token the API would refuse, naming the missing option (exit 2)', () => {
    const noDepartement = cli('token', '--role', 'association', '--association', 'asso-69-1');
    expect(noDepartement.status).toBe(2);
    expect(noDepartement.stderr).toContain('département: add --departement');
    expect(noDepartement.stdout).toBe('');
    const noAssociation = cli('token', '--role', 'association', '--departement', '69');
    expect(noAssociation.status).toBe(2);
    expect(noAssociation.stderr).toContain('add --association');
    const member = cli('token', '--role', 'commission_member', '--departement', '69');
    expect(member.stderr).toContain('add --member');
  });

  it('signs a token whose scope fits its role', () => {
    const token = cli('token', '--role', 'association', '--departement', '69', '--association', 'asso-69-1');
    expect(token.status).toBe(0);
    expect(token.stdout.trim().split('.')).toHaveLength(3);
  });

  it('config --check validates every variable at once, naming each wrong one (exit 1)', () => {
    const valid = cli('config', '--check');
    expect(valid.status).toBe(0);
    expect(valid.stdout).toContain('configuration valid');
    expect(valid.stdout).toMatch(/^EVENT_STORE_URL +\*\*\*$/m);
    const wrong = spawnSync(
      process.execPath,
      [join(ROOT, 'dist/apps/cli/src/main.js'), 'config', '--check'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, PORT: 'x', INDICATORS_MIN_CELL: '2', DATA_DIR: dataDir },
      },
    );
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('PORT must be');
    expect(wrong.stderr).toContain('INDICATORS_MIN_CELL');
  });
});
