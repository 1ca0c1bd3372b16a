#!/usr/bin/env node
'use strict';
// `npm run screenshots`: the real n8n editor in headless Chromium, with this package installed as
// a community package and every example workflow in packages/simulator/examples/ imported (fixed ids). Saves the
// README's pictures:
//   docs/screenshots/<example id>.png                  each example's canvas
//   docs/screenshots/account-aggregator-node.png       the Account Aggregator node's parameters
//   docs/screenshots/node-panel-search.png             the node panel searched for "Finpass"
//   docs/screenshots/credential-test.png               the Finpass credential after a passing test
//   docs/screenshots/execution-output.png              the quickstart run in the editor, with output
//   docs/screenshots/trigger-production-url.png        the Finpass Trigger showing its production URL
//   docs/screenshots/insights-summary-output.png       the quickstart's Underwriting Insights summary (same run)
//   docs/screenshots/webhook-credential.png            the Finpass Webhook API credential form
//   docs/screenshots/multi-bureau-node.png             the Multi-Bureau node's form
//   (the node panel is photographed in a taller window, so every node of the package shows)
// and is a browser test at the same time: the node creator (N, search) lists every node of the
// package (package.json "n8n.nodes"), every node opens (double-click on the canvas) without an
// error, the credential test passes against the simulator, the quickstart runs to the end from the
// editor, and the trigger's production URL is n8n's /webhook/<path>. Exits 1 when a check fails.
//
// Needs: `npm run build`; Debian chromium (scripts/install-system-deps.sh); playwright-core (a
// dev dependency, installed with PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1: the system chromium is
// used); n8n from scripts/install-n8n.sh (installed on first use, like the e2e tests).
// Environment: FINPASS_SCREENSHOTS_DIR (default docs/screenshots), CHROMIUM_PATH (default
// /usr/bin/chromium), FINPASS_E2E_KEEP=1 keeps the n8n run folder.
// test/e2e/editor.e2e.test.js runs the same checks (runEditorChecks) inside the e2e run.
// Selectors: the comment at each one below says what it finds and why.

const fs = require('fs');
const os = require('os');
const path = require('path');
const harness = require('../test/e2e/harness');
const { fillForSimulator, EXAMPLES_DIR } = require('../test/e2e/examples');
const { smtpRecorder, smtpCredential } = require('../test/e2e/smtp-recorder');

const ROOT = harness.ROOT;
const DEFAULT_OUT = path.join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const VIEWPORT = { width: 1600, height: 900 };
// the node panel searched for the package's nodes: tall enough to list all of them
const SEARCH_VIEWPORT = { width: 1600, height: 1400 };
// one workflow holding one of each node of the package, for the "every node opens" check
const GALLERY_ID = 'finpass-editor-node-gallery';
// the node whose parameter panel is photographed: the first example node of this type
const PANEL_NODE_TYPE = 'finpassAccountAggregator';
const PANEL_FILE = 'account-aggregator-node.png';
// ... preferring the operation that shows the most of the node (first found wins)
const PANEL_OPERATIONS = ['initConsentAndWait', 'fetchJsonReport', 'initConsent'];
const SEARCH_FILE = 'node-panel-search.png';
const CREDENTIAL_FILE = 'credential-test.png';
// the Finpass credential of the examples is photographed after its test
const CREDENTIAL_TYPE = 'finpassApi';
// the example run from the editor, and the node whose output is shown: its last node of this
// type (the one that fetches the data)
const EXECUTION_FILE = 'execution-output.png';
const EXECUTION_EXAMPLE = 'loan-underwriting-quickstart';
const EXECUTION_NODE_TYPE = 'finpassAccountAggregator';
// the run is awaited until its last node (the analyst's email) has run; then the summary is shown
const EXECUTION_LAST_NODE = 'Email the Analyst';
const INSIGHTS_FILE = 'insights-summary-output.png';
const INSIGHTS_NODE_TYPE = 'finpassInsights';
// the data table the underwriting examples write to (docs/examples.md)
const DECISIONS_TABLE = { name: 'loan_decisions', columns: ['application', 'decision', 'reason', 'abb', 'monthly_income', 'bounces', 'obligations_to_income', 'message'] };
// the webhook credential form: the examples' Finpass Webhook API credential
const WEBHOOK_CREDENTIAL_FILE = 'webhook-credential.png';
const WEBHOOK_CREDENTIAL_TYPE = 'finpassWebhookApi';
// one more node form, photographed while every node is opened
const MULTI_BUREAU_FILE = 'multi-bureau-node.png';
const MULTI_BUREAU_NODE = 'finpassMultiBureau';
// the trigger whose production URL is shown: the first example node of this type
const TRIGGER_FILE = 'trigger-production-url.png';
const TRIGGER_NODE_TYPE = 'finpassTrigger';
// texts n8n shows when a node cannot be shown properly
const NODE_PANEL_ERRORS = [
	/Install this node to use it/i,
	/node is not currently installed/i,
	/There was a problem loading the node/i,
	/Could not find property option/i,
	/Problem loading parameter/i,
	/node type .* is not known/i,
	/unrecognized node type/i,
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// What is checked and imported

/** The package's nodes from package.json "n8n.nodes": {file, name, type, displayName, ...}. */
function packageNodes() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	return (pkg.n8n?.nodes ?? []).map((file) => {
		const mod = require(path.join(ROOT, file));
		const Cls = Object.values(mod).find((v) => typeof v === 'function');
		const d = new Cls().description;
		return {
			file,
			name: d.name,
			type: `${pkg.name}.${d.name}`,
			displayName: d.displayName,
			version: Array.isArray(d.version) ? Math.max(...d.version) : d.version,
			isTrigger: (d.group ?? []).includes('trigger') || /Trigger$/.test(d.name),
			isWebhook: Array.isArray(d.webhooks) && d.webhooks.length > 0,
			credentials: (d.credentials ?? []).map((c) => c.name),
		};
	});
}

/** The example workflows (packages/simulator/examples/*.json), sorted by file name. */
function examples() {
	if (!fs.existsSync(EXAMPLES_DIR)) return [];
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8'));
			if (!workflow.id) throw new Error(`examples/${f} has no fixed "id"`);
			return { file: f, id: workflow.id, name: workflow.name, workflow };
		});
}

/**
 * Credentials for every credential reference in the examples, with the examples' own ids and
 * names (the editor then shows "Finpass account", as a user sees it). Ours point at the
 * simulator; anything else (an AI model's key) gets a placeholder: it is never used here.
 */
function exampleCredentials(list, simUrl, extra = {}) {
	const sim = {
		...Object.fromEntries(harness.simulatorCredentials(simUrl).map((c) => [c.type, c.data])),
		// what the webhook credential form shows: the default verification, a long random secret
		[WEBHOOK_CREDENTIAL_TYPE]: { verification: 'queryToken', secret: 'Zq4mT8vR2nXw7Lp3Hc9Kd6Yb1Gs5Fj0A', queryParameterName: 'token' },
		...extra,
	};
	const byId = new Map();
	for (const { workflow } of list) {
		for (const node of workflow.nodes ?? []) {
			for (const [type, ref] of Object.entries(node.credentials ?? {})) {
				if (!ref?.id || byId.has(ref.id)) continue;
				byId.set(ref.id, { id: ref.id, name: ref.name || type, type, data: sim[type] ?? { apiKey: 'placeholder-not-used' } });
			}
		}
	}
	return [...byId.values()];
}

/** One workflow with one node of each of the package's types (credentials: the examples' or the e2e ones). */
function galleryWorkflow(nodes, credentialFor) {
	const perRow = 4;
	return {
		id: GALLERY_ID,
		name: 'Finpass editor check: every node',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {},
		nodes: nodes.map((n, i) => {
			const node = {
				id: `gallery-${i}`,
				name: n.displayName,
				type: n.type,
				typeVersion: n.version,
				position: [(i % perRow) * 320, Math.floor(i / perRow) * 260],
				parameters: {},
			};
			if (n.isWebhook) node.webhookId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
			const creds = Object.fromEntries(n.credentials.map((c) => [c, credentialFor(c)]).filter(([, ref]) => ref));
			if (Object.keys(creds).length) node.credentials = creds;
			return node;
		}),
	};
}

// ---------------------------------------------------------------------------------------------
// The browser

function loadPlaywright() {
	try {
		return require('playwright-core');
	} catch {
		throw new Error(
			'playwright-core is not installed: it is a dev dependency (`npm ci`; install it with ' +
				'PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1, the system chromium is used).',
		);
	}
}

async function launchBrowser(profileDir) {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`${CHROMIUM} is missing: run scripts/install-system-deps.sh (apt-get install chromium), or set CHROMIUM_PATH`);
	}
	const { chromium } = loadPlaywright();
	// Playwright refuses --user-data-dir in args: a persistent context on a fresh folder instead
	return chromium.launchPersistentContext(profileDir, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: VIEWPORT,
		deviceScaleFactor: 1,
		locale: 'en-US',
		timezoneId: 'UTC',
		colorScheme: 'light',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
		],
	});
}

/** Logs the owner in through the context's request client: the page shares its cookie. */
async function login(context, baseUrl, owner = harness.OWNER) {
	await harness.ensureOwner(baseUrl, owner);
	const res = await context.request.post(`${baseUrl}/rest/login`, {
		data: { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password },
	});
	if (!res.ok()) throw new Error(`login failed: ${res.status()} ${await res.text()}`);
}

/** Creates the n8n data table {name, columns} (text columns) in the owner's project, unless it exists. */
async function ensureDataTable(context, baseUrl, table) {
	const personal = await context.request.get(`${baseUrl}/rest/projects/personal`);
	if (!personal.ok()) throw new Error(`GET /rest/projects/personal: ${personal.status()}`);
	const projectId = (await personal.json()).data.id;
	const res = await context.request.post(`${baseUrl}/rest/projects/${projectId}/data-tables`, {
		data: { name: table.name, columns: table.columns.map((name) => ({ name, type: 'string' })) },
	});
	if (!res.ok() && !/already exists/i.test(await res.text())) throw new Error(`creating the data table ${table.name}: ${res.status()}`);
}

/** Watches a page for uncaught errors and failed API calls; take() returns and clears them. */
function watchPage(page, baseUrl) {
	let seen = [];
	page.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
	page.on('response', (res) => {
		const url = res.url();
		if (url.startsWith(`${baseUrl}/rest/`) && res.status() >= 500) seen.push(`${res.status()} from ${url.slice(baseUrl.length)}`);
	});
	return {
		take() {
			const out = seen;
			seen = [];
			return out;
		},
	};
}

/** Closes whatever n8n shows over the canvas on a first visit (banners, tours, toasts). */
async function clearOverlays(page) {
	for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
	for (const sel of ['[data-test-id="banner-close"]', '.el-notification__closeBtn', 'button:text-is("Got it")']) {
		for (const el of await page.locator(sel).all()) await el.click({ timeout: 1000 }).catch(() => {});
	}
}

/** How many canvas nodes a workflow shows (sticky notes are drawn differently). */
const drawnNodes = (workflow) => (workflow.nodes ?? []).filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length;

/** Opens a workflow and waits until its nodes are drawn (nodeCount of them, when given). */
async function openWorkflow(page, baseUrl, id, nodeCount) {
	await page.goto(`${baseUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
	const nodes = page.locator('[data-test-id="canvas-node"]');
	await nodes.first().waitFor({ state: 'visible', timeout: 60000 });
	if (nodeCount) {
		const deadline = Date.now() + 20000;
		while ((await nodes.count()) < nodeCount) {
			if (Date.now() > deadline) throw new Error(`workflow ${id}: ${await nodes.count()} of ${nodeCount} nodes drawn after 20 s`);
			await sleep(200);
		}
	}
	// (no 'networkidle': the editor keeps a push connection open) let icons and edges settle
	await sleep(500);
	await clearOverlays(page);
	return nodes;
}

/** Fits the canvas to the window (key 1) and waits for the zoom animation to settle. */
async function fitCanvas(page) {
	await page.locator('[data-test-id="canvas-wrapper"], .vue-flow').first().click({ position: { x: 5, y: 5 }, timeout: 2000 }).catch(() => {});
	await page.keyboard.press('1');
	await sleep(800);
}

/** The node panel (NDV) for the canvas node with this name: double-click, wait, return locator. */
async function openNode(page, name) {
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${name.replace(/"/g, '\\"')}"]`);
	await node.first().dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.first().waitFor({ state: 'visible', timeout: 20000 });
	await sleep(600);
	return ndv.first();
}

async function closeNode(page) {
	await page.keyboard.press('Escape');
	await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'hidden', timeout: 10000 }).catch(() => {});
}

/**
 * Searches the node creator and returns what it lists: [{type, name}]. n8n 2.x opens it with N
 * (Tab in 1.x and older 2.x); the canvas' "+" button is the fallback. Items carry their node type
 * in data-keyboard-nav-id ("<type>-<uuid>"); names can differ from displayName (a trigger is
 * listed without the word "Trigger").
 */
async function searchNodeCreator(page, text) {
	const creator = page.locator('[data-test-id="node-creator"]');
	const opened = async () => creator.isVisible().catch(() => false);
	for (const open of [
		() => page.keyboard.press('n'),
		() => page.keyboard.press('Tab'),
		() => page.locator('[data-test-id="node-creator-plus-button"]').first().click({ timeout: 3000 }),
	]) {
		if (await opened()) break;
		await open().catch(() => {});
		await creator.waitFor({ state: 'visible', timeout: 3000 }).catch(() => {});
	}
	if (!(await opened())) throw new Error('the node creator does not open (N, Tab, the + button)');
	const search = creator.locator('input').first();
	await search.fill('');
	await search.fill(text);
	await sleep(800);
	const items = creator.locator('[data-test-id="item-iterator-item"][data-keyboard-nav-type="node"]');
	const out = [];
	for (const item of await items.all()) {
		const id = (await item.getAttribute('data-keyboard-nav-id')) || '';
		const name = ((await item.locator('[data-test-id="node-creator-item-name"]').first().innerText().catch(() => '')) || '').trim();
		out.push({ type: id.replace(/-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, ''), name });
	}
	return out;
}

/**
 * Opens a credential (its edit dialog at /home/credentials/<id>) and saves it, which makes n8n
 * run the credential's test; resolves once n8n shows the test passed, throws with what it showed
 * otherwise. Returns the dialog's "docs" link (the credential's documentationUrl).
 */
async function testCredential(page, baseUrl, id) {
	await page.goto(`${baseUrl}/home/credentials/${encodeURIComponent(id)}`, { waitUntil: 'domcontentloaded' });
	const modal = page.locator('[data-test-id="editCredential-modal"]');
	await modal.waitFor({ state: 'visible', timeout: 60000 });
	await sleep(800);
	await modal.locator('[data-test-id="credential-save-button"]').click();
	const passed = modal.locator('[data-test-id="credentials-config-container-test-success"]');
	try {
		await passed.waitFor({ state: 'visible', timeout: 30000 });
	} catch {
		const shown = (await modal.innerText().catch(() => '')).split('\n').slice(0, 8).join(' | ');
		throw new Error(`the credential test did not pass; the dialog shows: ${shown}`);
	}
	await sleep(400);
	return modal.locator('a', { hasText: /^docs$/i }).first().getAttribute('href', { timeout: 2000 }).catch(() => null);
}

/**
 * Runs the open workflow from the editor (Execute workflow) and waits until the named node shows
 * success; throws when any node shows an error or after `timeoutMs`.
 */
async function executeInEditor(page, nodeName, timeoutMs = 120000) {
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName.replace(/"/g, '\\"')}"]`);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await node.locator('[data-test-id="canvas-node-status-success"]').count()) return;
		const failed = await page.locator('[data-test-id="canvas-node"]:has([data-test-id="canvas-node-status-error"])').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-name')));
		if (failed.length) throw new Error(`the run failed in ${failed.join(', ')}`);
		if (Date.now() > deadline) throw new Error(`"${nodeName}" did not finish within ${timeoutMs / 1000} s`);
		await sleep(500);
	}
}

/** The example node of a type (suffix of its type name), with its example, or null. */
function findExampleNode(exampleList, type, { exampleId, last = false } = {}) {
	for (const ex of exampleList) {
		if (exampleId && ex.id !== exampleId) continue;
		const nodes = (ex.workflow.nodes ?? []).filter((n) => n.type.endsWith(`.${type}`));
		if (nodes.length) return { ex, node: last ? nodes[nodes.length - 1] : nodes[0] };
	}
	return null;
}

// ---------------------------------------------------------------------------------------------
// The run

/**
 * Runs every editor check against a running n8n that has the examples and the gallery imported.
 * Returns {screenshots: [file], creator: {searches, listed, missing}, nodes: [{name, ok,
 * problems}], problems: [text], ms}. Never throws for a failed check: it is listed in problems.
 */
async function runEditorChecks({ baseUrl, outDir, exampleList, nodes, log = () => {} }) {
	const t0 = Date.now();
	const problems = [];
	const screenshots = [];
	fs.mkdirSync(outDir, { recursive: true });
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'finpass-chromium-'));
	const context = await launchBrowser(profile);
	try {
		await login(context, baseUrl);
		await ensureDataTable(context, baseUrl, DECISIONS_TABLE);
		const page = context.pages()[0] || (await context.newPage());
		const watch = watchPage(page, baseUrl);

		// 1. every example's canvas
		for (const ex of exampleList) {
			try {
				await openWorkflow(page, baseUrl, ex.id, drawnNodes(ex.workflow));
				await fitCanvas(page);
				const file = path.join(outDir, `${ex.id}.png`);
				await page.screenshot({ path: file });
				screenshots.push(file);
				log(`canvas of ${ex.file} → ${path.relative(ROOT, file)}`);
			} catch (e) {
				problems.push(`example ${ex.file}: ${e.message.split('\n')[0]}`);
			}
			for (const p of watch.take()) problems.push(`example ${ex.file}: ${p}`);
		}

		// 2. one node's parameter panel: the first Account Aggregator node of the examples
		const panelChoices = exampleList.flatMap((ex) => ex.workflow.nodes.filter((n) => n.type.endsWith(`.${PANEL_NODE_TYPE}`)).map((node) => ({ ex, node })));
		const rank = ({ node }) => {
			const i = PANEL_OPERATIONS.indexOf(node.parameters?.operation);
			return i < 0 ? PANEL_OPERATIONS.length : i;
		};
		const panelChoice = panelChoices.sort((a, b) => rank(a) - rank(b))[0];
		const panelExample = panelChoice?.ex;
		if (panelExample) {
			const { node } = panelChoice;
			try {
				await openWorkflow(page, baseUrl, panelExample.id, drawnNodes(panelExample.workflow));
				await openNode(page, node.name);
				const file = path.join(outDir, PANEL_FILE);
				await page.screenshot({ path: file });
				screenshots.push(file);
				log(`panel of "${node.name}" (${panelExample.file}) → ${path.relative(ROOT, file)}`);
				await closeNode(page);
			} catch (e) {
				problems.push(`panel of ${node.name}: ${e.message.split('\n')[0]}`);
			}
			for (const p of watch.take()) problems.push(`panel of ${node.name}: ${p}`);
		} else {
			problems.push(`no example uses the ${PANEL_NODE_TYPE} node: no panel screenshot`);
		}

		// 2b. an execution with output data: the quickstart run from the editor
		const runChoice = findExampleNode(exampleList, EXECUTION_NODE_TYPE, { exampleId: EXECUTION_EXAMPLE, last: true });
		const execution = { ok: false };
		if (runChoice) {
			try {
				await openWorkflow(page, baseUrl, runChoice.ex.id, drawnNodes(runChoice.ex.workflow));
				const lastNode = runChoice.ex.workflow.nodes.some((n) => n.name === EXECUTION_LAST_NODE) ? EXECUTION_LAST_NODE : runChoice.node.name;
				await executeInEditor(page, lastNode);
				const ndv = await openNode(page, runChoice.node.name);
				const count = await ndv.locator('[data-test-id="output-panel"] [data-test-id="ndv-items-count"]').first().innerText({ timeout: 10000 });
				execution.items = Number((/(\d+)\s+items?/.exec(count) || [])[1] || 0);
				if (!execution.items) throw new Error(`"${runChoice.node.name}" shows no output items (${count.trim()})`);
				const file = path.join(outDir, EXECUTION_FILE);
				await page.screenshot({ path: file });
				screenshots.push(file);
				execution.ok = true;
				log(`run of ${runChoice.ex.file} from the editor: "${runChoice.node.name}" output ${execution.items} item(s) → ${path.relative(ROOT, file)}`);
				await closeNode(page);
				// the same run's Underwriting Insights summary: one item per application
				const insights = runChoice.ex.workflow.nodes.find((n) => n.type.endsWith(`.${INSIGHTS_NODE_TYPE}`));
				if (!insights) throw new Error(`${runChoice.ex.file} has no ${INSIGHTS_NODE_TYPE} node: no summary screenshot`);
				const summary = await openNode(page, insights.name);
				const shown = await summary.locator('[data-test-id="output-panel"] [data-test-id="ndv-items-count"]').first().innerText({ timeout: 10000 }).catch(() => '');
				// the JSON view shows every figure of the summary (the table view only its first columns)
				await summary.locator('[data-test-id="output-panel"]').getByText('JSON', { exact: true }).first().click({ timeout: 5000 }).catch(() => {});
				await sleep(600);
				execution.summaryItems = Number((/(\d+)\s+items?/.exec(shown) || [])[1] || 0);
				const summaryFile = path.join(outDir, INSIGHTS_FILE);
				await page.screenshot({ path: summaryFile });
				screenshots.push(summaryFile);
				log(`"${insights.name}" summary output → ${path.relative(ROOT, summaryFile)}`);
				await closeNode(page);
			} catch (e) {
				problems.push(`execution of ${runChoice.ex.file}: ${e.message.split('\n')[0]}`);
			}
			for (const p of watch.take()) problems.push(`execution of ${runChoice.ex.file}: ${p}`);
		} else {
			problems.push(`examples/${EXECUTION_EXAMPLE}.json has no ${EXECUTION_NODE_TYPE} node: no execution screenshot`);
		}

		// 2c. the trigger's production URL
		const triggerChoice = findExampleNode(exampleList, TRIGGER_NODE_TYPE);
		const trigger = { ok: false };
		if (triggerChoice) {
			try {
				await openWorkflow(page, baseUrl, triggerChoice.ex.id, drawnNodes(triggerChoice.ex.workflow));
				const ndv = await openNode(page, triggerChoice.node.name);
				await ndv.getByText('Webhook URLs', { exact: true }).first().click();
				await ndv.locator('[data-test-id="radio-button-production"]').first().click();
				await sleep(400);
				trigger.url = (await ndv.locator('.url-field').first().innerText({ timeout: 5000 })).trim();
				const expected = `${baseUrl}/webhook/${String(triggerChoice.node.parameters?.path ?? '').replace(/^\//, '')}`;
				if (!trigger.url.startsWith(expected)) throw new Error(`the production URL shown is ${trigger.url}, expected ${expected}`);
				const file = path.join(outDir, TRIGGER_FILE);
				await page.screenshot({ path: file });
				screenshots.push(file);
				trigger.ok = true;
				log(`production URL of "${triggerChoice.node.name}" (${triggerChoice.ex.file}): ${trigger.url} → ${path.relative(ROOT, file)}`);
				await closeNode(page);
			} catch (e) {
				problems.push(`trigger ${triggerChoice.node.name}: ${e.message.split('\n')[0]}`);
			}
			for (const p of watch.take()) problems.push(`trigger ${triggerChoice.node.name}: ${p}`);
		} else {
			problems.push(`no example uses the ${TRIGGER_NODE_TYPE} node: no production URL screenshot`);
		}

		// 2d. a credential whose test passes (the examples' Finpass credential, on the simulator)
		const credentialRef = exampleList.flatMap((ex) => (ex.workflow.nodes ?? []).map((n) => n.credentials?.[CREDENTIAL_TYPE])).find((ref) => ref?.id);
		const credential = { ok: false };
		if (credentialRef) {
			try {
				credential.docsUrl = await testCredential(page, baseUrl, credentialRef.id);
				const file = path.join(outDir, CREDENTIAL_FILE);
				await page.screenshot({ path: file });
				screenshots.push(file);
				credential.ok = true;
				log(`credential "${credentialRef.name}" tested successfully (docs link ${credential.docsUrl}) → ${path.relative(ROOT, file)}`);
				await page.keyboard.press('Escape');
			} catch (e) {
				problems.push(`credential ${credentialRef.name}: ${e.message.split('\n')[0]}`);
			}
			for (const p of watch.take()) problems.push(`credential ${credentialRef.name}: ${p}`);
		} else {
			problems.push(`no example uses a ${CREDENTIAL_TYPE} credential: no credential screenshot`);
		}

		// 2e. the webhook credential form (what the trigger examples ask for), as it opens
		const webhookRef = exampleList.flatMap((ex) => (ex.workflow.nodes ?? []).map((n) => n.credentials?.[WEBHOOK_CREDENTIAL_TYPE])).find((ref) => ref?.id);
		if (webhookRef) {
			try {
				await page.goto(`${baseUrl}/home/credentials/${encodeURIComponent(webhookRef.id)}`, { waitUntil: 'domcontentloaded' });
				const modal = page.locator('[data-test-id="editCredential-modal"]');
				await modal.waitFor({ state: 'visible', timeout: 60000 });
				await sleep(800);
				const file = path.join(outDir, WEBHOOK_CREDENTIAL_FILE);
				await page.screenshot({ path: file });
				screenshots.push(file);
				log(`credential form "${webhookRef.name}" → ${path.relative(ROOT, file)}`);
				await page.keyboard.press('Escape');
			} catch (e) {
				problems.push(`credential ${webhookRef.name}: ${e.message.split('\n')[0]}`);
			}
			for (const p of watch.take()) problems.push(`credential ${webhookRef.name}: ${p}`);
		} else {
			problems.push(`no example uses a ${WEBHOOK_CREDENTIAL_TYPE} credential: no webhook credential screenshot`);
		}

		// 3. the node creator lists every node of the package
		const searches = {};
		const listed = new Map(); // type → name shown
		try {
			// searched over an example's canvas, as a user adding a step would (the photo shows it)
			const canvas = exampleList.find((ex) => ex.id === EXECUTION_EXAMPLE);
			if (canvas) await openWorkflow(page, baseUrl, canvas.id, drawnNodes(canvas.workflow));
			else await openWorkflow(page, baseUrl, GALLERY_ID, nodes.length);
			await fitCanvas(page);
			for (const term of ['Finpass', 'FinPro']) {
				searches[term] = await searchNodeCreator(page, term);
				for (const item of searches[term]) if (!listed.has(item.type)) listed.set(item.type, item.name);
			}
			await page.keyboard.press('Escape');
			// the photo: "Fin" lists Finpass and FinPro nodes together, in a window tall enough for all
			await page.setViewportSize(SEARCH_VIEWPORT);
			await sleep(400);
			const shown = await searchNodeCreator(page, 'Fin');
			const file = path.join(outDir, SEARCH_FILE);
			await page.screenshot({ path: file });
			screenshots.push(file);
			log(`node panel searched for "Fin": ${shown.length} nodes → ${path.relative(ROOT, file)}`);
			await page.keyboard.press('Escape');
			await page.setViewportSize(VIEWPORT);
		} catch (e) {
			problems.push(`node creator: ${e.message.split('\n')[0]}`);
		}
		const missing = nodes.filter((n) => !listed.has(n.type)).map((n) => n.displayName);
		for (const name of missing) problems.push(`node creator: "${name}" is not listed (searched ${Object.keys(searches).join(', ')})`);
		log(`node creator lists ${nodes.length - missing.length}/${nodes.length} of the package's nodes`);
		for (const p of watch.take()) problems.push(`node creator: ${p}`);

		// 4. every node opens without an error (the gallery is loaded again only after a failure)
		const nodeResults = [];
		let fresh = false;
		for (const n of nodes) {
			const result = { name: n.displayName, type: n.type, ok: false, problems: [] };
			try {
				if (!fresh) {
					await openWorkflow(page, baseUrl, GALLERY_ID, nodes.length);
					fresh = true;
				}
				const ndv = await openNode(page, n.displayName);
				if (n.name === MULTI_BUREAU_NODE) {
					const file = path.join(outDir, MULTI_BUREAU_FILE);
					await page.screenshot({ path: file });
					screenshots.push(file);
					log(`form of "${n.displayName}" → ${path.relative(ROOT, file)}`);
				}
				const text = await ndv.innerText();
				for (const re of NODE_PANEL_ERRORS) if (re.test(text)) result.problems.push(`the panel says "${text.match(re)[0]}"`);
				result.parameters = await ndv.locator('[data-test-id^="parameter-input-"]').count();
				if (result.parameters === 0) result.problems.push('the panel shows no parameters');
				const errorToasts = await page.locator('.el-notification.error, .el-notification--error').allInnerTexts();
				for (const t of errorToasts) result.problems.push(`error message: ${t.trim().split('\n').join(' ')}`);
				await closeNode(page);
			} catch (e) {
				result.problems.push(e.message.split('\n')[0]);
				fresh = false;
			}
			result.problems.push(...watch.take());
			result.ok = result.problems.length === 0;
			if (!result.ok) fresh = false;
			nodeResults.push(result);
			for (const p of result.problems) problems.push(`node ${n.displayName}: ${p}`);
		}
		log(`nodes opened without an error: ${nodeResults.filter((r) => r.ok).length}/${nodes.length}`);
		return { screenshots, creator: { searches, listed: Object.fromEntries(listed), missing }, nodes: nodeResults, execution, trigger, credential, problems, ms: Date.now() - t0 };
	} finally {
		await context.close().catch(() => {});
		fs.rmSync(profile, { recursive: true, force: true });
	}
}

/**
 * Imports what runEditorChecks needs into the current run (harness.info()): the examples'
 * credentials, the examples and the node gallery. Returns {exampleList, nodes}.
 */
async function importForEditor() {
	const inf = harness.info();
	const exampleList = examples();
	const nodes = packageNodes();
	// the examples' emails go to a mail server on 127.0.0.1 (close it with the returned smtp.close())
	const smtp = await smtpRecorder();
	const creds = exampleCredentials(exampleList, inf.simUrl, { smtp: smtpCredential(smtp, {}).data });
	if (creds.length) await harness.importCredentials(creds);
	const e2eIds = { finpassApi: harness.CREDENTIAL_IDS.finpass, finProApi: harness.CREDENTIAL_IDS.finpro };
	const credentialFor = (type) => {
		const fromExamples = creds.find((c) => c.type === type);
		if (fromExamples) return { id: fromExamples.id, name: fromExamples.name };
		return e2eIds[type] ? { id: e2eIds[type], name: type } : null;
	};
	// the example run from the editor: its borrower filled in as a user trying the simulator does
	const imported = exampleList.map((e) => (e.id === EXECUTION_EXAMPLE ? fillForSimulator(e.workflow) : e.workflow));
	await harness.importWorkflow([...imported, galleryWorkflow(nodes, credentialFor)]);
	return { exampleList, nodes, smtp };
}

async function main() {
	const t0 = Date.now();
	const outDir = path.resolve(process.env.FINPASS_SCREENSHOTS_DIR || DEFAULT_OUT);
	const say = (line) => process.stdout.write(`${line}\n`);
	const { startSimulator } = require(path.join(ROOT, 'packages', 'simulator', 'lib', 'server.js'));
	const simulator = await startSimulator({ port: 0 });
	let n8n;
	const closers = [];
	try {
		const run = await harness.setupRun({ simUrl: simulator.url, workflowsDir: null, prefix: 'finpass-screenshots-' });
		const { exampleList, nodes, smtp } = await importForEditor();
		closers.push(() => smtp.close());
		n8n = await harness.startN8n();
		say(`n8n ${run.n8nVersion} ready at ${n8n.baseUrl} (setup ${run.setupMs} ms, start ${n8n.readyMs} ms); ${exampleList.length} examples, ${nodes.length} nodes`);
		const report = await runEditorChecks({ baseUrl: n8n.baseUrl, outDir, exampleList, nodes, log: (l) => say(`  ${l}`) });
		say(`${report.screenshots.length} screenshots in ${path.relative(ROOT, outDir) || outDir}; browser checks ${report.ms} ms; total ${Date.now() - t0} ms`);
		if (report.problems.length) {
			say(`\n${report.problems.length} problem(s):`);
			for (const p of report.problems) say(`  - ${p}`);
			return 1;
		}
		say('screenshots: ok');
		return 0;
	} finally {
		if (n8n) await n8n.stop();
		for (const close of closers) await close();
		await harness.teardownRun();
		await simulator.close();
	}
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(e) => {
			process.stderr.write(`screenshots: ${e.stack || e}\n`);
			process.exit(1);
		},
	);
}

module.exports = {
	runEditorChecks,
	importForEditor,
	packageNodes,
	examples,
	exampleCredentials,
	galleryWorkflow,
	GALLERY_ID,
	PANEL_FILE,
	SEARCH_FILE,
	CREDENTIAL_FILE,
	EXECUTION_FILE,
	TRIGGER_FILE,
	INSIGHTS_FILE,
	WEBHOOK_CREDENTIAL_FILE,
	MULTI_BUREAU_FILE,
	VIEWPORT,
	SEARCH_VIEWPORT,
	DEFAULT_OUT,
};
