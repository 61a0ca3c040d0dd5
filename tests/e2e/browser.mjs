// Shared set-up for the browser tests (not a test file itself): builds the web
// app if web/dist is missing, starts one real fleksi server per test file and
// drives Debian's chromium through playwright-core.
import playwright from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { startServer, login, DEMO_PASSWORD } from '../lib/server.mjs';

export { startServer, login, DEMO_PASSWORD };

// playwright-core is CommonJS; its default export always works where the named one may not.
const { chromium } = playwright;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = join(root, 'tests', 'e2e', 'screenshots');

export const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function ensureWebBuilt() {
  if (!existsSync(join(root, 'web', 'dist', 'index.html'))) {
    execFileSync(process.execPath, [join(root, 'web', 'build.mjs')], { stdio: 'inherit' });
  }
}

// One server and one browser for a test file. `newPage` gives a page with no
// session and empty localStorage; pages share one browser context per screen
// size (a new context costs a second or two on a busy 2-core machine), so a
// test closes its page with `page.close()` when done. Console errors and CSP
// violations are collected and checked by `assertClean`.
export async function setup({ demo = 600 } = {}) {
  ensureWebBuilt();
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer({ demo });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: LAUNCH_ARGS });
  const problems = [];
  const contexts = new Map();
  const tokens = new Map();
  return {
    server, browser, url: server.url, problems,
    // Start a page already logged in as `username`, without the login form:
    // one API login per user per file, its session cookie reused (hashing a
    // password on every test would cost more than the test).
    async loginAs(page, username) {
      if (!tokens.has(username)) tokens.set(username, (await login(server.url, username)).token);
      await page.context().addCookies([{ name: 'fleksi_session', value: tokens.get(username), url: server.url }]);
      await page.goto(`${server.url}/#/unit`);
      await page.waitForSelector('#who');
    },
    async newPage({ width = 1280, height = 900 } = {}) {
      const key = `${width}x${height}`;
      let context = contexts.get(key);
      if (!context) {
        context = await browser.newContext({ viewport: { width, height }, locale: 'id-ID' });
        contexts.set(key, context);
      }
      for (const p of context.pages()) await p.close();
      await context.clearCookies();
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      // Forget any language choice a previous test made (same origin, app not loaded).
      await page.goto(`${server.url}/healthz`);
      await page.evaluate(() => localStorage.clear());
      page.on('console', (m) => {
        // Expected 4xx answers (GET /me before login, a wrong password, row errors)
        // are logged by chromium as failed loads; anything else, CSP refusals
        // included, is a problem.
        if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) {
          problems.push(`console: ${m.text()}`);
        }
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      return page;
    },
    async close() {
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}

// Log in through the login form and wait for the unit tree.
export async function uiLogin(page, url, username, password = DEMO_PASSWORD) {
  await page.goto(`${url}/#/masuk`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('form button[type=submit]');
  await page.waitForSelector('#who');
}

export function assertClean(env) {
  assert.deepEqual(env.problems, []);
}

export async function api(url, auth, path) {
  const r = await fetch(`${url}/api/v1${path}`, { headers: auth.headers });
  assert.equal(r.status, 200, `${path}: ${r.status}`);
  return r.json();
}

// Wait until the element matching `selector` contains `text`.
export async function waitText(page, selector, text, timeout = 10_000) {
  await page.waitForFunction(([s, t]) => {
    const el = document.querySelector(s);
    return !!el && el.textContent.includes(t);
  }, [selector, text], { timeout });
}

export async function textOf(page, selector) {
  // innerText keeps the gaps between table cells that textContent loses.
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}
