// Fleksi browser app: hash routes, one header, one <main> re-rendered per route.
import '@picocss/pico/css/pico.min.css';
import './app.css';
import { h, clear } from './dom.js';
import { t, getLang, setLang, label } from './i18n.js';
import { api, setUnauthorizedHandler } from './api.js';
import { state, isAdmin, hasRole, go, resetSession } from './state.js';
import { errorBox, title } from './ui.js';
import { loginPage } from './pages/login.js';
import { unitsPage } from './pages/units.js';
import { unitPage } from './pages/unit.js';
import { employeesPage } from './pages/employees.js';
import { employeePage } from './pages/employee.js';
import { importPage, resetImportDraft } from './pages/import.js';
import { myEligibilityPage } from './pages/eligibility.js';
import { teamPage } from './pages/team.js';
import { policyPage, profilesPage } from './pages/policy.js';
import { specialListPage, specialPage, canDecideSpecial } from './pages/special.js';
// schedules (issue 4 web)
import { calendarPage } from './pages/calendar.js';
import { approvalsPage } from './pages/approvals.js';
import { rosterPage } from './pages/roster.js';
import { rotationPage } from './pages/rotation.js';
import { holidaysPage } from './pages/holidays.js';
// open311: reports, public page (issue 7)
import { reportFormPage } from './pages/report.js';
import { trackPage } from './pages/track.js';
import { reportsQueuePage, reportPage } from './pages/reports.js';
import { publicPage } from './pages/public.js';
// privacy and presence (issue 5 items 7-8): check-in, team board, my data
import { absenPage } from './pages/absen.js';
import { teamTodayPage } from './pages/teamtoday.js';
import { myDataPage } from './pages/datasaya.js';
// cases web (issue 6 item 7): discipline cases, compliance, oversight
import { casesInboxPage, casePage } from './pages/cases.js';
import { compliancePage, oversightPage, canSeeCompliance, canOversee } from './pages/compliance.js';
import { disciplinePage } from './pages/discipline.js';
// worklog (issue 5 items 3-4): confirmation prompt, daily report, review
import { startConfirmations, dailyReportPage, reviewQueuePage } from './pages/worklog.js';
// documents (issue 6 items 5-6): the monthly recap, TPP deductions
import { recapPage, canRecap } from './pages/recap.js';

const routes = [
  [/^\/masuk$/, loginPage, 'login'],
  [/^\/unit$/, unitsPage, 'units'],
  [/^\/unit\/([^/]+)$/, unitPage, 'units'],
  [/^\/pegawai$/, employeesPage, 'employees'],
  [/^\/pegawai\/([^/]+)$/, employeePage, 'employees'],
  [/^\/impor$/, importPage, 'import'],
  [/^\/kelayakan$/, myEligibilityPage, 'my-elig'],
  [/^\/kelayakan-tim$/, teamPage, 'team-elig'],
  [/^\/kebijakan$/, policyPage, 'policy'],
  [/^\/profil-jabatan$/, profilesPage, 'profiles'],
  [/^\/keadaan-khusus$/, specialListPage, 'special'],
  [/^\/keadaan-khusus\/(\d+)$/, specialPage, 'special'],
  // schedules (issue 4 web)
  [/^\/kalender$/, calendarPage, 'calendar'],
  [/^\/persetujuan$/, approvalsPage, 'approvals'],
  [/^\/unit\/([^/]+)\/jadwal$/, rosterPage, 'roster'],
  [/^\/rotasi$/, rotationPage, 'rotation'],
  // calendar (issue 4): days off and their amendments
  [/^\/hari-libur$/, holidaysPage, 'holidays'],
  // open311: reports, public page (the first four need no account)
  [/^\/lapor$/, reportFormPage, 'report'],
  [/^\/lacak$/, trackPage, 'track'],
  [/^\/lacak\/([^/]+)$/, trackPage, 'track'],
  [/^\/transparansi$/, publicPage, 'public'],
  [/^\/laporan$/, reportsQueuePage, 'reports'],
  [/^\/laporan\/(\d+)$/, reportPage, 'reports'],
  // privacy and presence (issue 5 items 7-8)
  [/^\/absen$/, absenPage, 'absen'],
  [/^\/tim-hari-ini$/, teamTodayPage, 'team-today'],
  [/^\/data-saya$/, myDataPage, 'my-data'],
  // cases web (issue 6 item 7)
  [/^\/kasus$/, casesInboxPage, 'cases'],
  [/^\/kasus\/(\d+)$/, casePage, 'cases'],
  [/^\/disiplin$/, disciplinePage, 'cases'],
  [/^\/disiplin\/([^/]+)$/, disciplinePage, 'cases'],
  [/^\/kepatuhan$/, compliancePage, 'compliance'],
  [/^\/pengawasan$/, oversightPage, 'oversight'],
  // worklog (issue 5 items 3-4)
  [/^\/laporan-harian$/, dailyReportPage, 'daily-report'],
  [/^\/tinjau-laporan$/, reviewQueuePage, 'review-reports'],
  // documents (issue 6 items 5-6)
  [/^\/rekap$/, recapPage, 'recap'],
];

// open311: pages citizens use without signing in.
const isPublicPath = (p) => /^\/(lapor|lacak(\/[^/]+)?|transparansi)$/.test(p);

const canSeeTeam = () => isAdmin() || hasRole('inspektorat') || (hasRole('kepala_opd') && !!state.user.opd_unit);

const headerSlot = h('div', { id: 'header' });
const main = h('main', { class: 'container', id: 'main' });
// worklog: the presence confirmation prompt, above every page
const confirmSlot = h('div', { id: 'confirm-slot' });
let gen = 0;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const i = raw.indexOf('?');
  return { raw, path: i < 0 ? raw : raw.slice(0, i), query: new URLSearchParams(i < 0 ? '' : raw.slice(i + 1)) };
}

async function logout() {
  try { await api('DELETE', '/session'); } catch { /* gone already */ }
  resetSession();
  resetImportDraft();
  go('#/masuk');
}

function renderHeader(section) {
  const u = state.user;
  const link = (href, key, sec, id) => h('li', null,
    h('a', { href, id, 'aria-current': section === sec ? 'page' : null }, t(key)));
  const other = getLang() === 'id' ? 'en' : 'id';
  clear(headerSlot).append(h('header', { class: 'container app-header' },
    h('nav', { 'aria-label': t('nav.main') },
      h('ul', { class: 'brand' }, h('li', null, h('a', { href: u ? '#/unit' : '#/masuk', class: 'brand-link' },
        h('strong', null, t('app.name'))))),
      u ? h('ul', { class: 'links' },
        link('#/unit', 'nav.units', 'units', 'nav-units'),
        link('#/pegawai', 'nav.employees', 'employees', 'nav-employees'),
        u.nip ? link('#/kelayakan', 'nav.my_elig', 'my-elig', 'nav-my-elig') : null,
        canSeeTeam() ? link('#/kelayakan-tim', 'nav.team_elig', 'team-elig', 'nav-team-elig') : null,
        u.nip || canDecideSpecial() ? link('#/keadaan-khusus', 'nav.special', 'special', 'nav-special') : null,
        // schedules (issue 4 web)
        u.nip ? link('#/kalender', 'nav.calendar', 'calendar', 'nav-calendar') : null,
        hasRole('atasan') || hasRole('kepala_opd') ? link('#/persetujuan', 'nav.approvals', 'approvals', 'nav-approvals') : null,
        (hasRole('atasan') || hasRole('kepala_opd')) && u.unit ? link(`#/unit/${encodeURIComponent(u.unit.code)}/jadwal`, 'nav.roster', 'roster', 'nav-roster') : null,
        isAdmin() || (hasRole('kepala_opd') && !!u.opd_unit) ? link('#/rotasi', 'nav.rotation', 'rotation', 'nav-rotation') : null,
        isAdmin() || hasRole('inspektorat') ? link('#/hari-libur', 'nav.holidays', 'holidays', 'nav-holidays') : null,
        isAdmin() ? link('#/kebijakan', 'nav.policy', 'policy', 'nav-policy') : null,
        isAdmin() ? link('#/profil-jabatan', 'nav.profiles', 'profiles', 'nav-profiles') : null,
        isAdmin() ? link('#/impor', 'nav.import', 'import', 'nav-import') : null,
        // privacy and presence (issue 5 items 7-8)
        u.nip ? link('#/absen', 'nav.absen', 'absen', 'nav-absen') : null,
        hasRole('atasan') || hasRole('kepala_opd') || isAdmin() || hasRole('inspektorat')
          ? link('#/tim-hari-ini', 'nav.team_today', 'team-today', 'nav-team-today') : null,
        u.nip ? link('#/data-saya', 'nav.my_data', 'my-data', 'nav-my-data') : null,
        // cases web (issue 6 item 7)
        u.nip || isAdmin() || hasRole('inspektorat') ? link('#/kasus', 'nav.cases', 'cases', 'nav-cases') : null,
        canSeeCompliance() ? link('#/kepatuhan', 'nav.compliance', 'compliance', 'nav-compliance') : null,
        canOversee() ? link('#/pengawasan', 'nav.oversight', 'oversight', 'nav-oversight') : null,
        // worklog (issue 5 items 3-4)
        u.nip ? link('#/laporan-harian', 'nav.daily_report', 'daily-report', 'nav-daily-report') : null,
        hasRole('atasan') ? link('#/tinjau-laporan', 'nav.review_reports', 'review-reports', 'nav-review-reports') : null,
        // documents (issue 6 items 5-6)
        canRecap() ? link('#/rekap', 'nav.recap', 'recap', 'nav-recap') : null,
        // open311: the handlers' queue for every signed-in user (handling officers hold any role)
        link('#/laporan', 'nav.reports', 'reports', 'nav-reports'),
        link('#/transparansi', 'nav.public', 'public', 'nav-public'))
        : h('ul', { class: 'links' }, link('#/lapor', 'nav.report', 'report', 'nav-report'),
          link('#/lacak', 'nav.track', 'track', 'nav-track'), link('#/transparansi', 'nav.public', 'public', 'nav-public'),
          link('#/masuk', 'nav.login', 'login', 'nav-login')),
      h('ul', { class: 'tools' },
        h('li', null, h('button', { type: 'button', id: 'lang-toggle', class: 'secondary outline small',
          lang: other, 'aria-label': t('lang.switch.label'),
          onclick: () => { setLang(other); route(); } }, t('lang.switch'))),
        u ? h('li', null, h('button', { type: 'button', id: 'logout', class: 'secondary small', onclick: logout },
          t('nav.logout'))) : null)),
    u ? h('p', { class: 'who', id: 'who', 'aria-label': t('nav.user') },
      h('span', { class: 'who-name' }, u.name || u.username), ' ',
      (u.roles || []).map((r) => h('span', { class: 'badge role', 'data-role': r }, label('role', r))),
      u.unit ? h('small', { class: 'muted' }, ` · ${u.unit.name}`) : null) : null));
}

async function route() {
  const my = ++gen;
  const { raw, path, query } = parseHash();
  if (!state.user && path !== '/masuk' && !isPublicPath(path)) {
    if (path !== '/') state.next = raw;
    location.replace('#/masuk');
    return;
  }
  if (state.user && (path === '/masuk' || path === '/')) { location.replace('#/unit'); return; }
  const hit = routes.map(([re, fn, sec]) => [re.exec(path), fn, sec]).find(([m]) => m);
  renderHeader(hit ? hit[2] : null);
  clear(main);
  window.scrollTo(0, 0);
  if (!hit) {
    main.append(title(t('common.not_found')), h('p', null, h('a', { href: '#/unit' }, t('common.home'))));
    return;
  }
  const ctx = { main, params: hit[0].slice(1), query, alive: () => my === gen };
  try {
    await hit[1](ctx);
  } catch (e) {
    if (my !== gen) return;
    if (e?.status === 401) return; // the unauthorized handler has moved on to the login page
    clear(main).append(errorBox(e), h('p', null, h('a', { href: '#/unit' }, t('common.home'))));
  }
}

setUnauthorizedHandler((err) => {
  if (!state.user) return;
  resetSession();
  resetImportDraft();
  state.flash = err;
  const { raw } = parseHash();
  if (raw !== '/masuk') state.next = raw;
  go('#/masuk');
});

async function start() {
  setLang(getLang());
  document.body.append(headerSlot, confirmSlot, main);
  try {
    state.user = await api('GET', '/me');
  } catch (e) {
    if (e.status !== 401) state.flash = e;
  }
  window.addEventListener('hashchange', route);
  route();
  startConfirmations(confirmSlot);
}

start();
