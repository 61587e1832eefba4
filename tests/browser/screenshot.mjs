// Renders docs/inspector.png: the inspector after a sale scenario delivered to a receiver
// that fails before it recovers, plus a payload with findings. Run by hand (it is not a test):
//
//   cmake --build --preset default && node tests/browser/screenshot.mjs [--dark] [--out FILE]
//
// FLOWHOOK picks the binary (default build/default/flowhook). Every process it starts is
// stopped at the end.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listen, flowhook, send, launch, stopAll, sleep, api } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const dark = args.includes('--dark');
const out = args.includes('--out') ? path.resolve(args[args.indexOf('--out') + 1]) : path.join(root, 'docs', dark ? 'inspector-dark.png' : 'inspector.png');

async function scenario(url, seed, extra = []) {
  const payloads = await flowhook(['generate', '--scenario', 'sale', '--compact', '--seed', String(seed)]);
  if (payloads.code !== 0) throw new Error(payloads.stderr);
  const sent = await flowhook(['send', url, '-', '-q', '--backoff', '150ms', '--retries', '3', ...extra], { input: payloads.stdout, timeoutMs: 60000 });
  return sent;
}

try {
  // The receiver: every body fails twice, then is accepted (the platform's retries show).
  const receiver = await listen(['--port', '0', '-q', '--respond', '500,503,200']);
  const ui = await listen(['--ui', '--port', '0', '-q', '--forward-to', `${receiver.base}/webhooks`]);
  const { page } = await launch({ viewport: { width: 1440, height: 900 }, colorScheme: dark ? 'dark' : 'light' });
  await page.goto(ui.inspector);
  await page.locator('#connection.live').waitFor();
  await scenario(`${ui.base}/webhooks`, 3);
  await sleep(1200);
  await scenario(`${ui.base}/webhooks`, 11);
  await send(`${ui.base}/webhooks`, { body: '{"action": "CUSTOMER_CREATE", "tenant": {"Id": 58}, "customer": {"Id": "32"}}', extra: ['--bearer', 'not-shown'] });
  await sleep(800);
  await scenario(`${ui.base}/webhooks`, 5, ['--bearer', 'not-shown']);
  // Open the first ORDER_SETTLED: its three attempts, what the platform did, the body.
  const all = await api(ui.base, '/_flowhook/api/deliveries');
  const settled = all.filter((d) => d.action === 'ORDER_SETTLED');
  const shown = settled[settled.length - 1];
  await page.evaluate((hash) => { location.hash = hash; }, `#/deliveries/${shown.id}`);
  await page.locator(`[data-detail-id="${shown.id}"]`).waitFor();
  await sleep(1200);  // the chart redraws every second
  await page.screenshot({ path: out });
  console.log(`wrote ${path.relative(process.cwd(), out)} (${all.length} deliveries)`);
} finally {
  await stopAll();
}
