'use strict';
// The harness itself, against a real n8n: the CLI runs a stored workflow, the community package
// loads under its own name, and `n8n start` serves a published webhook whose execution can be
// read back. The Finpass node tests build on exactly these three paths.
const fs = require('fs');
const path = require('path');
const harness = require('./harness');

const { ROOT, PACKAGE_NAME } = harness;

/** The node type names package.json's "n8n" block promises, read from the built files. */
function promisedNodeTypes() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	return (pkg.n8n?.nodes ?? []).map((file) => {
		const mod = require(path.join(ROOT, file));
		const NodeClass = Object.values(mod).find((v) => typeof v === 'function');
		return `${PACKAGE_NAME}.${new NodeClass().description.name}`;
	});
}

describe('e2e harness smoke test', () => {
	test('a stored workflow runs with `n8n execute` and its node output can be read', async () => {
		const run = await harness.executeWorkflow('e2eSmokeNoop0001');

		expect(run.code).toBe(0);
		expect(run.result.finished).toBe(true);
		const items = harness.nodeOutput(run, 'Done');
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({ greeting: 'hello from n8n', answer: 42 });
		expect(harness.nodeError(run, 'Done')).toBeNull();
		expect(() => harness.nodeOutput(run, 'No such node')).toThrow(/did not run/);
	});

	test('n8n loads the packed package under its community name', async () => {
		const types = await harness.exportedNodeTypes();

		expect(types).toContain('n8n-nodes-base.manualTrigger');
		const ours = types.filter((t) => t.startsWith(`${PACKAGE_NAME}.`));
		for (const type of promisedNodeTypes()) expect(ours).toContain(type);
		expect(fs.existsSync(path.join(harness.info().userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME, 'package.json'))).toBe(true);
	});

	test('the simulator control API answers', async () => {
		await harness.sim('/reset', {});
		expect(Array.isArray(await harness.sim('/requests'))).toBe(true);
	});

	test('`n8n start` serves a published webhook and the execution is recorded', async () => {
		const workflowId = await harness.importWorkflow({
			id: 'e2eSmokeWebhook1',
			name: 'E2E smoke: webhook',
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: '0b5c3f0e-0002-4000-8000-000000000001',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: '0b5c3f0e-0002-4000-8000-0000000000aa',
					parameters: { httpMethod: 'POST', path: 'e2e-smoke', responseMode: 'onReceived', options: {} },
				},
				{
					id: '0b5c3f0e-0002-4000-8000-000000000002',
					name: 'Echo',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					position: [220, 0],
					parameters: {
						mode: 'manual',
						assignments: {
							assignments: [{ id: 'b1', name: 'applicant', value: '={{ $json.body.applicant }}', type: 'string' }],
						},
						options: {},
					},
				},
			],
			connections: { Webhook: { main: [[{ node: 'Echo', type: 'main', index: 0 }]] } },
		});

		const n8n = await harness.startN8n({ publish: [workflowId] });
		try {
			const res = await n8n.postWebhook('e2e-smoke', { applicant: 'Asha' });
			expect(res.status).toBe(200);

			// n8n 1.x lists an execution while it still runs: wait for the finished one
			const [execution] = await n8n.waitForExecutions(workflowId, { count: 1, status: 'success' });
			expect(execution.status).toBe('success');
			expect(harness.nodeOutput(execution, 'Echo')[0].json).toEqual({ applicant: 'Asha' });
		} finally {
			await n8n.stop();
		}
	});
});
