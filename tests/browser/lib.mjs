// What the browser tests and the screenshot script share: starting flowhook (the listener
// with --ui, apps for it to reach), sending deliveries with flowhook send, and Debian's
// chromium driven by playwright-core. Every process started here is stopped by stopAll(),
// also when the run ends by an error or a signal.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const FLOWHOOK = process.env.FLOWHOOK || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../build/default/flowhook');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const children = new Set();
const cleanups = [];

export function tempDir(prefix = 'flowhook-browser-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

export async function stopAll() {
  for (const fn of cleanups.splice(0).reverse()) {
    try { await fn(); } catch { /* best effort */ }
  }
  const waits = [];
  for (const child of children) {
    waits.push(new Promise((resolve) => {
      child.once('exit', resolve);
      setTimeout(() => { try { child.kill('SIGKILL'); } catch { /* gone */ } resolve(); }, 3000).unref();
    }));
    try { child.kill('SIGTERM'); } catch { /* gone */ }
  }
  await Promise.all(waits);
}

// Stops one child with SIGTERM (SIGKILL after 3 s) and resolves once it is gone.
export function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', resolve);
    setTimeout(() => { try { child.kill('SIGKILL'); } catch { /* gone */ } }, 3000).unref();
    child.kill('SIGTERM');
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { stopAll().finally(() => process.exit(130)); });
}
process.on('exit', () => { for (const child of children) { try { child.kill('SIGKILL'); } catch { /* gone */ } } });

// Starts `flowhook listen ARGS` and resolves once stderr has named its URL (and, with --ui,
// the inspector's URL with the token).
export function listen(args, { ui = args.includes('--ui'), timeoutMs = 10000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = track(spawn(FLOWHOOK, ['listen', ...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
    let stderr = '';
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`flowhook listen did not start in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const url = /listening on (http:\/\/\S+?)\/?(\s|$)/.exec(stderr);
      const inspector = /inspector: (http:\/\/\S+)/.exec(stderr);
      if (url && (!ui || inspector)) {
        clearTimeout(timer);
        const base = url[1].replace(/\/$/, '');
        resolve({
          child, base,
          inspector: inspector ? inspector[1] : null,
          token: inspector ? new URL(inspector[1]).searchParams.get('token') : null,
          stderr: () => stderr, stdout: () => stdout,
        });
      }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`flowhook listen exited ${code}: ${stderr}`)); });
  });
}

// Runs flowhook ARGS to its end; resolves {code, stdout, stderr}.
export function flowhook(args, { input, timeoutMs = 20000, env } = {}) {
  return new Promise((resolve, reject) => {
    const stdin = input === undefined ? 'ignore' : 'pipe';
    const child = track(spawn(FLOWHOOK, args, { stdio: [stdin, 'pipe', 'pipe'], env: { ...process.env, ...env } }));
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`flowhook ${args.join(' ')} took over ${timeoutMs} ms`)); }, timeoutMs);
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    if (child.stdin) {
      child.stdin.on('error', () => {});  // a child that exits without reading all of it: EPIPE
      child.stdin.end(input);
    }
  });
}

// flowhook send to URL: the sample of ACTION with --set overrides, or a body given as text.
export async function send(url, { action, set = [], body, extra = [] } = {}) {
  const args = ['send', url, '-q'];
  if (!extra.includes('--retries')) args.push('--no-retry');
  if (action) args.push('-a', action);
  for (const s of set) args.push('--set', s);
  if (body !== undefined) args.push('-', '--no-validate');
  args.push(...extra);
  return flowhook(args, { input: body });
}

export async function launch({ viewport = { width: 1400, height: 900 }, colorScheme = 'light', hostRules } = {}) {
  const profile = tempDir('flowhook-chromium-');
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (hostRules) args.push(`--host-resolver-rules=${hostRules}`);
  // A fresh --user-data-dir: playwright takes it as launchPersistentContext's first argument.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args, viewport, colorScheme, timeout: 30000,
  });
  cleanups.push(() => context.close());
  const page = context.pages()[0] || await context.newPage();
  return { context, page };
}

// Collects what the page must never produce: console errors, uncaught exceptions, failed
// requests and error answers, dialogs (a hostile body that ran alert()).
export function watch(page) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on('requestfailed', (r) => {
    const why = r.failure() ? r.failure().errorText : '';
    // A navigation or reload cancels the open event stream; that is not a failure.
    if (why === 'net::ERR_ABORTED' && r.url().endsWith('/_flowhook/events')) return;
    problems.push(`request failed: ${r.url()} ${why}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`answer ${r.status()}: ${r.url()}`); });
  return problems;
}

export async function api(base, pathname) {
  const response = await fetch(base + pathname);
  return response.json();
}

export function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }
