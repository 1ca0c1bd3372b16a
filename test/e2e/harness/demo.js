'use strict';
// The demo (scripts/demo.sh): simulator, n8n set up as in the e2e run, the quickstart example
// executed once, then the editor until Ctrl-C.
const fs = require('fs');
const path = require('path');
const { ROOT, OWNER } = require('./constants');
const { portIsFree, tail } = require('./process');
const { setupRun, teardownRun } = require('./setup');
const { importWorkflow, executeWorkflow } = require('./cli');
const { nodeOutput } = require('./results');
const { ensureOwner } = require('./api');
const { startN8n } = require('./n8n-start');
const { useSimulatorCredentials } = require('./simulator');
const { ciCopy } = require('../examples');

const DEMO_EXAMPLE = path.join(ROOT, 'packages', 'simulator', 'examples', 'loan-underwriting-quickstart.json');

/** A few lines saying what an execution did: every node's item counts, then the last output. */
function executionSummary(result, { maxLines = 60 } = {}) {
	const resultData = result.data?.resultData ?? {};
	const lines = [`status: ${result.status ?? (result.finished ? 'success' : 'not finished')}`];
	for (const [name, runs] of Object.entries(resultData.runData ?? {})) {
		const last = runs[runs.length - 1];
		const counts = (last.data?.main ?? []).map((items) => items?.length ?? 0);
		const what = last.error ? `error: ${last.error.message}` : `${counts.join(' / ') || 0} item(s) out`;
		lines.push(`  ${name}: ${what} (${last.executionTime ?? '?'} ms)`);
	}
	if (resultData.error) {
		lines.push(`error: ${resultData.error.message}${resultData.error.description ? ` (${resultData.error.description})` : ''}`);
	}
	const lastNode = resultData.lastNodeExecuted;
	if (lastNode && !resultData.error) {
		const first = nodeOutput(result, lastNode)[0];
		if (first) {
			const json = JSON.stringify(compact(first.json, 2), null, 2).split('\n');
			lines.push(`first item out of "${lastNode}" (nested values shortened):`);
			lines.push(...json.slice(0, maxLines));
			if (json.length > maxLines) lines.push(`  ... (${json.length - maxLines} more lines)`);
		}
	}
	return lines.join('\n');
}

/** A value cut to `depth` levels: deeper arrays and objects become "[N items]" / "{N fields}". */
function compact(value, depth) {
	if (Array.isArray(value)) {
		if (depth <= 0) return `[${value.length} items]`;
		const shown = value.slice(0, 3).map((v) => compact(v, depth - 1));
		return value.length > 3 ? [...shown, `... ${value.length - 3} more`] : shown;
	}
	if (value && typeof value === 'object') {
		if (depth <= 0) return `{${Object.keys(value).length} fields}`;
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v, depth - 1)]));
	}
	return value;
}

/** Runs the demo; resolves with the process exit code. */
async function demo({ serve = true, out = process.stdout } = {}) {
	const say = (line = '') => out.write(`${line}\n`);
	const simModule = path.join(ROOT, 'packages', 'simulator', 'lib', 'server.js');
	if (!fs.existsSync(simModule)) throw new Error(`${simModule} is missing`);
	const { startSimulator } = require(simModule);
	const simulator = await startSimulator({ port: 0 });
	let n8n;
	const cleanup = async () => {
		if (n8n) await n8n.stop();
		await teardownRun();
		await simulator.close();
	};
	try {
		say(`Finpass/FinPro simulator: ${simulator.url}`);
		const preferred = Number(process.env.FINPASS_DEMO_PORT || 5678);
		const run = await setupRun({
			simUrl: simulator.url,
			workflowsDir: null,
			prefix: 'finpass-demo-',
			port: (await portIsFree(preferred)) ? preferred : undefined,
		});
		say(`n8n ${run.n8nVersion} prepared in ${run.setupMs} ms (data in ${run.userFolder}/.n8n)`);

		let code = 0;
		let workflowId;
		if (fs.existsSync(DEMO_EXAMPLE)) {
			// the simulator's sample borrower in "Borrower details (fill in)", as a user trying it fills it;
			// the data table row and the analyst's email become stand-ins (`n8n execute` has no data
			// tables, and the demo has no mail account)
			const workflow = useSimulatorCredentials(ciCopy(JSON.parse(fs.readFileSync(DEMO_EXAMPLE, 'utf8'))));
			workflowId = await importWorkflow(workflow);
			say(`\nRunning ${path.relative(ROOT, DEMO_EXAMPLE)} ("${workflow.name}") with n8n execute ...`);
			const res = await executeWorkflow(workflowId);
			if (res.result) say(executionSummary(res.result));
			else say(`no result printed (exit ${res.code})\n${tail(res)}`);
			say(`(${res.ms} ms)`);
			code = res.code === 0 && res.result ? 0 : 1;
		} else {
			say(`\n${path.relative(ROOT, DEMO_EXAMPLE)} does not exist yet: skipping the example run.`);
		}

		if (!serve) {
			await cleanup();
			return code;
		}
		n8n = await startN8n();
		await ensureOwner(n8n.baseUrl, OWNER);
		say(`\nn8n is running: ${n8n.baseUrl}/${workflowId ? `workflow/${workflowId}` : ''}`);
		say(`  email:    ${OWNER.email}`);
		say(`  password: ${OWNER.password}`);
		say('Press Ctrl-C to stop (set FINPASS_E2E_KEEP=1 to keep the data folder).');
		await new Promise((resolve) => {
			process.once('SIGINT', resolve);
			process.once('SIGTERM', resolve);
		});
		say('\nstopping ...');
		await cleanup();
		return code;
	} catch (e) {
		await cleanup().catch(() => {});
		throw e;
	}
}

module.exports = { demo, executionSummary };
