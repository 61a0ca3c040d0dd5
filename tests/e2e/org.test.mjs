// The organisation browser: unit tree, unit detail, employee search and pages.
// One server and one logged-in admin page for the whole file; expected values
// come from the API itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, uiLogin, login, api, waitText, textOf, assertClean, SHOTS } from './browser.mjs';

let env;
let page;
let auth;
let flat; // every visible unit, tree order: {u, depth, parent}

before(async () => {
  env = await setup();
  auth = await login(env.url, 'admin.bkd');
  const tree = await api(env.url, auth, '/units');
  flat = [];
  const walk = (u, depth, parent) => { flat.push({ u, depth, parent }); for (const c of u.children || []) walk(c, depth + 1, u); };
  for (const u of tree.items) walk(u, 0, null);
  page = await env.newPage();
  await uiLogin(page, env.url, 'admin.bkd');
});
after(async () => { await env?.close(); });

const emp = (q) => api(env.url, auth, `/employees${q}`);

// Open the tree down to `code` (its ancestors' toggles), whatever the page opened by itself.
async function showInTree(code) {
  const chain = [];
  for (let f = flat.find((x) => x.u.code === code); f && f.parent; f = flat.find((x) => x.u.code === f.parent.code)) {
    chain.unshift(f.parent.code);
  }
  for (const c of chain) {
    const toggle = page.locator(`li[data-code="${c}"] > .tree-row > button.tree-toggle`);
    if (await toggle.getAttribute('aria-expanded') === 'false') await toggle.click();
  }
  await page.locator(`li[data-code="${code}"]`).waitFor();
}

test('the unit tree shows the top levels and expands a unit on demand', async () => {
  assert.ok(flat.length > 10, `demo has units (${flat.length})`);
  await page.goto(`${env.url}/#/unit`);
  await page.waitForSelector('#unit-tree > li');
  assert.equal(await textOf(page, 'h1'), 'Unit kerja');
  assert.equal(await page.locator('#unit-tree > li').count(), flat.filter((f) => f.depth === 0).length);
  await waitText(page, '#unit-status', `${flat.length}`);
  // A second-level unit with children starts closed; opening it shows exactly its children.
  const target = flat.find((f) => f.depth === 1 && f.u.children.length > 0);
  assert.ok(target, 'a second-level unit with sub-units');
  await showInTree(target.u.code);
  const li = page.locator(`li[data-code="${target.u.code}"]`);
  const toggle = li.locator(':scope > .tree-row > button.tree-toggle');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await li.locator(':scope > ul > li').count(), 0, 'children are built lazily');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const kids = li.locator(':scope > ul > li');
  assert.equal(await kids.count(), target.u.children.length);
  assert.equal(await kids.first().getAttribute('data-code'), target.u.children[0].code);
  // Kind, face-to-face badge and employee count are shown for each unit.
  const row = await textOf(page, `li[data-code="${target.u.code}"] > .tree-row`);
  assert.ok(row.includes(target.u.name) && row.includes(`${target.u.employees} pegawai`), row);
  // Every unit on screen has the face-to-face badge exactly when the API says so.
  const shown = await page.locator('#unit-tree li').evaluateAll((lis) => lis.map((li) =>
    [li.dataset.code, !!li.querySelector(':scope > .tree-row .badge.f2f')]));
  assert.ok(shown.length > target.u.children.length);
  for (const [code, badge] of shown) assert.equal(badge, flat.find((f) => f.u.code === code).u.face_to_face, code);
  assert.ok(shown.some(([, b]) => b) || !flat.some((f) => f.u.face_to_face), 'some face-to-face unit is on screen');
  await page.screenshot({ path: `${SHOTS}/units-expanded.png` });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await kids.first().isVisible(), false);
});

test('the unit filter finds a deep unit by name and shows its parents', async () => {
  const deep = [...flat].reverse().find((f) => f.depth >= 2) || flat[flat.length - 1];
  await page.goto(`${env.url}/#/unit`);
  await page.waitForSelector('#unit-filter');
  await page.fill('#unit-filter', deep.u.name.toUpperCase());
  const hit = page.locator(`#unit-matches li[data-code="${deep.u.code}"]`);
  await hit.waitFor();
  assert.equal(await page.locator('#unit-tree').isVisible(), false);
  assert.ok((await hit.textContent()).includes(deep.parent.name), 'the parent chain is shown');
  const n = flat.filter((f) => f.u.name.toLowerCase().includes(deep.u.name.toLowerCase())
    || f.u.code.toLowerCase().startsWith(deep.u.name.toLowerCase())).length;
  assert.equal(await page.locator('#unit-matches > li').count(), Math.min(n, 100));
  assert.match(page.url(), /#\/unit\?q=/);
  await page.fill('#unit-filter', 'zzzz-tidak-ada-unit-ini');
  await waitText(page, '#unit-status', 'Tidak ada unit yang cocok');
  await page.fill('#unit-filter', '');
  await page.locator('#unit-tree').waitFor();
});

test('unit detail shows facts, the parent chain, sub-units and a link to its employees', async () => {
  const target = flat.find((f) => f.depth >= 1 && f.u.children.length > 0);
  const detail = await api(env.url, auth, `/units/${encodeURIComponent(target.u.code)}`);
  await page.goto(`${env.url}/#/unit`);
  await page.waitForSelector('#unit-tree > li');
  await showInTree(target.u.code);
  await page.click(`li[data-code="${target.u.code}"] > .tree-row a.unit-link`);
  await page.waitForSelector('#unit-facts');
  assert.match(page.url(), new RegExp(`#/unit/${encodeURIComponent(target.u.code).replace(/\./g, '\\.')}$`));
  assert.equal(await textOf(page, 'h1'), detail.name);
  const facts = await textOf(page, '#unit-facts');
  assert.ok(facts.includes(detail.code), facts);
  assert.ok(facts.includes(detail.face_to_face ? 'Layanan tatap muka Ya' : 'Layanan tatap muka Tidak'), facts);
  if (detail.radius_m != null) assert.ok(facts.includes(`${detail.radius_m} m`), facts);
  if (detail.lat != null) assert.ok(facts.includes(detail.lat.toFixed(5)), facts);
  const crumbs = await textOf(page, 'nav.crumbs');
  for (const p of detail.path) assert.ok(crumbs.includes(p.name), `breadcrumb has ${p.name}`);
  assert.equal(await page.locator('#unit-children tbody tr').count(), detail.children.length);
  await page.screenshot({ path: `${SHOTS}/unit-detail.png`, fullPage: true });

  // Following a sub-unit and then the breadcrumb back.
  await page.click(`#unit-children tbody tr:first-child a`);
  await waitText(page, 'h1', detail.children[0].name);
  await page.click(`nav.crumbs a[href="#/unit/${encodeURIComponent(detail.code)}"]`);
  await waitText(page, 'h1', detail.name);

  // Its employees, sub-units included: the count on the button, the count in
  // the tree and the length of the filtered list agree.
  const list = await emp(`?unit=${encodeURIComponent(detail.code)}&per_page=50`);
  assert.equal(target.u.employees, list.total, 'the tree counts the whole subtree, like employees?unit=');
  assert.equal(await textOf(page, '#unit-employees'), `Lihat pegawai (${list.total.toLocaleString('id-ID')})`);
  const counts = await textOf(page, '#unit-facts');
  assert.ok(counts.includes(`Pegawai langsung ${detail.employees.toLocaleString('id-ID')}`), counts);
  assert.ok(counts.includes(`Pegawai termasuk sub-unit ${list.total.toLocaleString('id-ID')}`), counts);
  await page.click('#unit-employees');
  await page.waitForSelector('#emp-total');
  assert.equal(await page.inputValue('#emp-unit'), detail.code);
  assert.ok((await textOf(page, '#emp-total')).startsWith(`${list.total.toLocaleString('id-ID')} pegawai`));
  await waitText(page, '#emp-unit-chip', detail.name);
  assert.equal(await page.locator('#emp-table tbody tr').count(), Math.min(list.total, 50));
});

test('employee search by part of a name', async () => {
  const some = (await emp('?per_page=30&page=2')).items;
  const person = some.find((e) => e.name.split(' ').length > 1) || some[0];
  const q = person.name.split(' ').slice(-1)[0].toLowerCase();
  const expected = await emp(`?q=${encodeURIComponent(q)}&per_page=50`);
  await page.goto(`${env.url}/#/pegawai`);
  await page.waitForSelector('#emp-total');
  await page.fill('#emp-q', q);
  await page.click('#emp-search button[type=submit]');
  await page.waitForURL(/#\/pegawai\?q=/);
  await waitText(page, '#emp-total', `${expected.total.toLocaleString('id-ID')} pegawai ditemukan`);
  const names = await page.locator('#emp-table tbody tr td:first-child a').allTextContents();
  assert.equal(names.length, Math.min(expected.total, 50));
  for (const n of names) assert.ok(n.toLowerCase().includes(q), `${n} contains ${q}`);
  if (expected.total <= 50) assert.equal(await page.locator(`#emp-table tr[data-nip="${person.nip}"]`).count(), 1);
});

test('employee search by NIP prefix', async () => {
  const person = (await emp('?per_page=5&page=3')).items[1];
  const prefix = person.nip.slice(0, 14);
  const expected = await emp(`?q=${prefix}`);
  await page.goto(`${env.url}/#/pegawai`);
  await page.waitForSelector('#emp-q');
  await page.fill('#emp-q', prefix);
  await page.press('#emp-q', 'Enter');
  await page.waitForSelector(`#emp-table tr[data-nip="${person.nip}"]`);
  const nips = await page.locator('#emp-table tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.nip));
  assert.equal(nips.length, Math.min(expected.total, 50));
  for (const n of nips) assert.ok(n.startsWith(prefix), n);
  await page.fill('#emp-q', 'tidak-ada-nama-seperti-ini');
  await page.press('#emp-q', 'Enter');
  await waitText(page, '#emp-results', 'Tidak ada pegawai yang cocok');
  assert.equal(await page.locator('#emp-table').count(), 0);
});

test('employee list pages through the results', async () => {
  const p1 = await emp('?per_page=20&page=1');
  const p2 = await emp('?per_page=20&page=2');
  const pages = Math.ceil(p1.total / 20);
  assert.ok(pages >= 3, `demo has more than 40 employees (${p1.total})`);
  await page.goto(`${env.url}/#/pegawai?per_page=20`);
  await page.waitForSelector('#emp-page');
  assert.equal(await textOf(page, '#emp-page'), `Halaman 1 dari ${pages}`);
  assert.equal(await page.locator('nav.pager a[rel=prev]').count(), 0, 'no previous page on page 1');
  assert.equal(await page.locator('#emp-table tbody tr').first().getAttribute('data-nip'), p1.items[0].nip);
  await page.click('nav.pager a[rel=next]');
  await waitText(page, '#emp-page', `Halaman 2 dari ${pages}`);
  assert.match(page.url(), /page=2/);
  assert.equal(await page.locator('#emp-table tbody tr').count(), 20);
  assert.equal(await page.locator('#emp-table tbody tr').first().getAttribute('data-nip'), p2.items[0].nip);
  await page.click('nav.pager a[rel=prev]');
  await waitText(page, '#emp-page', `Halaman 1 dari ${pages}`);
  // Browser Back returns to page 2 (the page is in the URL).
  await page.goBack();
  await waitText(page, '#emp-page', `Halaman 2 dari ${pages}`);
  // A bigger page size.
  await page.selectOption('#emp-per-page', '100');
  await waitText(page, '#emp-page', `Halaman 1 dari ${Math.ceil(p1.total / 100)}`);
  assert.equal(await page.locator('#emp-table tbody tr').count(), Math.min(100, p1.total));
});

test('employee page shows the record and links to the supervisor and unit', async () => {
  let withBoss = null;
  for (let p = 1; p <= 5 && !withBoss; p++) withBoss = (await emp(`?per_page=50&page=${p}`)).items.find((e) => e.supervisor);
  assert.ok(withBoss, 'some demo employee has a supervisor');
  const full = await api(env.url, auth, `/employees/${withBoss.nip}`);
  await page.goto(`${env.url}/#/pegawai?q=${withBoss.nip}`);
  await page.click(`#emp-table tr[data-nip="${withBoss.nip}"] a[href^="#/pegawai/"]`);
  await page.waitForSelector('#emp-facts');
  assert.equal(await textOf(page, 'h1'), full.name);
  const facts = await textOf(page, '#emp-facts');
  for (const s of [full.nip, full.golongan, full.position.name, full.unit.name, full.supervisor.name]) {
    assert.ok(facts.includes(s), `${s} in ${facts}`);
  }
  assert.ok(facts.includes({ pns: 'PNS', cpns: 'CPNS', pppk: 'PPPK' }[full.employment]), facts);
  assert.ok(facts.includes(full.has_domicile ? 'Domisili Tercatat' : 'Domisili Belum tercatat'), facts);
  assert.ok(facts.includes(full.active ? 'Status Aktif' : 'Status Tidak aktif'), facts);
  const [y, m, d] = full.appointed_on.split('-').map(Number);
  const month = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September',
    'Oktober', 'November', 'Desember'][m - 1];
  assert.ok(facts.includes(`${d} ${month} ${y}`), `appointment date in Indonesian: ${facts}`);
  await page.screenshot({ path: `${SHOTS}/employee.png`, fullPage: true });

  await page.click('#emp-supervisor');
  await waitText(page, 'h1', full.supervisor.name);
  assert.match(page.url(), new RegExp(`#/pegawai/${full.supervisor.nip}$`));
  await page.goBack();
  await waitText(page, 'h1', full.name);
  await page.click(`#emp-facts a[href="#/unit/${encodeURIComponent(full.unit.code)}"]`);
  await waitText(page, 'h1', full.unit.name);
});

test('an unknown employee shows a not-found message', async () => {
  await page.goto(`${env.url}/#/pegawai/000000000000000000`);
  await page.waitForSelector('main [role=alert]');
  assert.equal(await page.locator('main [role=alert]').getAttribute('data-code'), 'not_found');
  assert.match(await textOf(page, 'main [role=alert]'), /Data tidak ditemukan/);
});

test('no console errors or CSP refusals', () => { assertClean(env); });
