// The fleksi command line: version, usage errors (exit 2), every --help,
// `import` (good, bad, dry run), `user add` (then the login works) and
// `serve` without a database. One demo database for the file; a server is
// started on it at the end to check what the CLI wrote.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, freshDatabase, startServer, login, call, ok, assertError, pnsNip } from './_helpers.mjs';

let dir, db, env;
const run = (args, opts = {}) => cli(args, { env, ...opts });

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'fleksi-cli-'));
  db = freshDatabase(dir);
  env = { ...process.env, FLEKSI_AUDIT_KEY: join(dir, 'audit.key') };
  delete env.FLEKSI_DB;
  delete env.FLEKSI_LISTEN;
  const r = run(['demo', '--db', db, '--employees', '600', '--seed', '7']);
  assert.equal(r.status, 0, r.stderr);
});
after(() => { rmSync(dir, { recursive: true, force: true }); });

const file = (name, text) => { const p = join(dir, name); writeFileSync(p, text); return p; };
const UNIT_HEADER = 'kode,nama,induk_kode,jenis,layanan_tatap_muka,lat,lon,radius_m';
const EMP_HEADER = 'nip,nama,jenis_pegawai,golongan,jabatan,jenis_jabatan,unit_kode,atasan_nip,tmt_jabatan,domisili_lat,domisili_lon';

test('fleksi --version prints the version and exits 0', () => {
  const r = run(['--version']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^fleksi \d+\.\d+\.\d+/);
  const h = run(['--help']);
  assert.equal(h.status, 0);
  for (const c of ['serve', 'demo', 'import', 'user add', 'audit verify']) assert.ok(h.stdout.includes(c), c);
});

test('an unknown command or no command exits 2 with a message', () => {
  const r = run(['nope']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command "nope"/);
  assert.equal(run([]).status, 2);
  assert.equal(run(['user', 'remove']).status, 2);
  assert.equal(run(['audit', 'repair']).status, 2);
});

test('every subcommand has --help (exit 0, usage on stdout)', () => {
  for (const args of [['serve', '--help'], ['demo', '--help'], ['import', '--help'], ['user', '--help'],
    ['user', 'add', '--help'], ['audit', '--help'], ['audit', 'verify', '--help']]) {
    const r = run(args);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout, /usage: fleksi /, args.join(' '));
  }
});

test('usage errors exit 2: missing --db, bad kind, bad options', () => {
  const s = run(['serve']);
  assert.equal(s.status, 2);
  assert.match(s.stderr, /--db is required/);
  assert.equal(run(['serve', '--db', db, '--threads', '0']).status, 2);
  assert.equal(run(['serve', '--db', db, 'extra']).status, 2);
  assert.equal(run(['serve', '--bogus']).status, 2);
  assert.equal(run(['demo']).status, 2);
  assert.equal(run(['demo', '--db', db, '--employees', '5']).status, 2);
  assert.equal(run(['demo', '--db', db, '--seed', 'x']).status, 2);
  assert.equal(run(['import', 'positions', '--db', db, 'x.csv']).status, 2);
  assert.equal(run(['import', 'units', 'x.csv']).status, 2);
  assert.equal(run(['import', 'units', '--db', db]).status, 2);
  assert.equal(run(['audit', 'verify']).status, 2);
});

test('fleksi import units: a good file exits 0 and reports the count', () => {
  const f = file('units-good.csv', [UNIT_HEADER, 'CLI-A,Badan Uji CLI,,badan,ya,-6.2,106.8,250',
    'CLI-B,Bidang Uji CLI,CLI-A,bidang,tidak,,,'].join('\n'));
  const r = run(['import', 'units', '--db', db, f]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /imported 2 units/);
});

test('fleksi import with a bad file exits 1 naming each bad line', () => {
  const f = file('units-bad.csv', [UNIT_HEADER, 'CLI-C,Baik,,badan,tidak,,,', 'CLI-D,,,bidang,tidak,,,',
    'CLI-E,Jenis,,kementerian,tidak,,,', 'CLI-F,Yatim,NO-SUCH-PARENT,bidang,tidak,,,'].join('\n'));
  const r = run(['import', 'units', '--db', db, f]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /line 3, column nama/);
  assert.match(r.stderr, /line 4, column jenis/);
  assert.match(r.stderr, /line 5, column induk_kode/);
  assert.doesNotMatch(r.stderr, /line 2,/);
  assert.match(r.stderr, /not imported: 3 problem\(s\) in 4 rows/);
  // Nothing was written: CLI-C is still unknown to an employees import.
  const e = file('emp-c.csv', [EMP_HEADER, `${pnsNip(31337)},Orang C,pns,III/a,Pelaksana,pelaksana,CLI-C,,2024-01-01,,`].join('\n'));
  const re = run(['import', 'employees', '--db', db, '--dry-run', e]);
  assert.equal(re.status, 1);
  assert.match(re.stderr, /line 2, column unit_kode/);
  const missing = run(['import', 'units', '--db', db, join(dir, 'no-such-file.csv')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot read/);
  const header = run(['import', 'employees', '--db', db, file('no-cols.csv', 'nip,nama\n1,2\n')]);
  assert.equal(header.status, 1);
  assert.match(header.stderr, /line 1, column golongan/);
});

test('fleksi import --dry-run checks everything and writes nothing', () => {
  const f = file('units-dry.csv', [UNIT_HEADER, 'CLI-DRY,Kering,CLI-A,bidang,tidak,,,'].join('\n'));
  const r = run(['import', 'units', '--db', db, '--dry-run', f]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /checked \(dry run, nothing written\) 1 units/);
  const child = file('units-dry-child.csv', [UNIT_HEADER, 'CLI-DRY2,Anak,CLI-DRY,seksi,tidak,,,'].join('\n'));
  const c = run(['import', 'units', '--db', db, '--dry-run', child]);
  assert.equal(c.status, 1, 'the dry-run unit does not exist');
  assert.match(c.stderr, /line 2, column induk_kode/);
});

let empNip;
test('fleksi import employees: good file exits 0 (semicolons too)', () => {
  empNip = pnsNip(424242);
  const f = file('emp-good.csv', [EMP_HEADER.replaceAll(',', ';'),
    `${empNip};Pegawai CLI;pns;III/b;Analis Kebijakan Ahli Muda;fungsional;CLI-B;;2024-01-01;;`].join('\n'));
  // A fungsional needs a supervisor: refused first.
  const bad = run(['import', 'employees', '--db', db, f]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /line 2, column atasan_nip/);
  const boss = pnsNip(434343);
  const g = file('emp-good2.csv', [EMP_HEADER.replaceAll(',', ';'),
    `${boss};Kepala CLI;pns;IV/c;Kepala Badan;jpt_madya;CLI-A;;2020-01-01;;`,
    `${empNip};Pegawai CLI;pns;III/b;Analis Kebijakan Ahli Muda;fungsional;CLI-B;${boss};2024-01-01;-6.3;106.9`].join('\n'));
  const r = run(['import', 'employees', '--db', db, '--actor', 'tester', g]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /imported 2 employees/);
});

test('fleksi user add: bad role exits 2, unknown NIP exits 1, bad password exits 2', () => {
  const base = ['user', 'add', '--db', db, '--password-stdin'];
  const pw = { input: 'a-long-enough-password\n' };
  const role = run([...base, '--username', 'x.role', '--role', 'superuser'], pw);
  assert.equal(role.status, 2);
  assert.match(role.stderr, /unknown role "superuser"/);
  assert.equal(run([...base, '--username', 'x.atasan', '--nip', empNip, '--role', 'atasan'], pw).status, 2, 'atasan is not granted');
  const nip = run([...base, '--username', 'x.nip', '--nip', pnsNip(999999), '--role', 'pegawai'], pw);
  assert.equal(nip.status, 1);
  assert.match(nip.stderr, /no nip/);
  const unit = run([...base, '--username', 'x.unit', '--unit', 'NO-SUCH-UNIT', '--role', 'kepala_opd'], pw);
  assert.equal(unit.status, 1);
  assert.equal(run([...base, '--username', 'x.short', '--role', 'admin_bkd'], { input: 'short\n' }).status, 2);
  assert.equal(run([...base, '--username', 'x.none', '--role', 'admin_bkd'], { input: '' }).status, 2);
  assert.equal(run([...base, '--username', 'X Bad Name', '--role', 'admin_bkd'], pw).status, 2);
  assert.equal(run([...base, '--username', 'x.peg', '--role', 'pegawai'], pw).status, 2, 'pegawai needs --nip');
  assert.equal(run([...base, '--username', 'x.kep', '--role', 'kepala_opd'], pw).status, 2, 'kepala_opd needs --unit');
  assert.equal(run(['user', 'add', '--db', db, '--username', 'x.nopw', '--role', 'admin_bkd']).status, 2);
});

test('fleksi user add --password-stdin creates accounts that can sign in', async () => {
  const r = run(['user', 'add', '--db', db, '--username', 'pegawai.cli', '--nip', empNip, '--role', 'pegawai',
    '--password-stdin'], { input: 'kata-sandi-rahasia-1\n' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /account pegawai\.cli created/);
  const k = run(['user', 'add', '--db', db, '--username', 'kepala.cli', '--unit', 'CLI-A', '--role', 'kepala_opd,inspektorat',
    '--password-stdin'], { input: 'kata-sandi-rahasia-2\r\n' });
  assert.equal(k.status, 0, k.stderr);
  const dup = run(['user', 'add', '--db', db, '--username', 'pegawai.cli', '--role', 'admin_bkd', '--password-stdin'],
    { input: 'kata-sandi-rahasia-3\n' });
  assert.equal(dup.status, 1, 'a taken username');
  const v = run(['audit', 'verify', '--db', db]);
  assert.equal(v.status, 0, v.stderr);

  const s = await startServer({ db, demo: 0, env: { FLEKSI_AUDIT_KEY: join(dir, 'audit.key') } });
  try {
    const p = await login(s.url, 'pegawai.cli', 'kata-sandi-rahasia-1');
    assert.deepEqual(p.user.roles, ['pegawai']);
    assert.equal(p.user.nip, empNip);
    assert.equal(p.user.unit.code, 'CLI-B');
    const kk = await login(s.url, 'kepala.cli', 'kata-sandi-rahasia-2');
    assert.deepEqual(kk.user.roles, ['kepala_opd', 'inspektorat']);
    assert.equal(kk.user.opd_unit, 'CLI-A');
    assertError(await call(s.url, null, 'POST', '/session', { username: 'pegawai.cli', password: 'wrong-password-x' }), 401);
    // What the CLI imported is there.
    const admin = await login(s.url, 'admin.bkd');
    const e = await ok(s.url, admin, `/employees/${empNip}`);
    assert.equal(e.name, 'Pegawai CLI');
    assert.equal(e.unit.code, 'CLI-B');
    const u = await ok(s.url, admin, '/units/CLI-B');
    assert.deepEqual(u.path.map((x) => x.code), ['CLI-A']);
    assertError(await call(s.url, admin, 'GET', '/units/CLI-DRY'), 404);
    assertError(await call(s.url, admin, 'GET', '/units/CLI-C'), 404);
    const entries = (await ok(s.url, admin, '/audit/entries?limit=1000')).items;
    assert.ok(entries.some((x) => x.actor === 'tester' && x.action === 'import.employees'), 'the --actor is recorded');
    assert.ok(entries.some((x) => x.action === 'account.create' && x.object === 'account:pegawai.cli' && x.actor === 'cli'));
  } finally {
    await s.stop();
  }
});
