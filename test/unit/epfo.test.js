// Finpass EPFO: the EPFO-CRIF combined report, against the simulator (packages/simulator/lib/routes/epfo.js).
const { DIST } = require('../helpers/context');
const { useSimulator } = require('../helpers/simulator');
const { nodeRunner, failure: fail } = require('../helpers/node');
const { FinpassEpfo } = require(`${DIST}/nodes/FinpassEpfo/FinpassEpfo.node.js`);
const { NodeApiError, NodeOperationError } = require('n8n-workflow');

const sim = useSimulator({ resetEachTest: true });

const run = nodeRunner(FinpassEpfo, {
	nodeType: 'n8n-nodes-finpass.finpassEpfo',
	parameters: { resource: 'employment', operation: 'epfoCrifReport', mobileNumber: '+91 98765 43210', consent: true, output: 'report' },
	credentials: () => sim.credentials,
});

describe('EPFO-CRIF combined report', () => {
	test('the mobile number is normalised and the whole report comes back as one item', async () => {
		const { output } = await run();
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/services/epfo-crif/report', json: { mobile_number: '9876543210' } });
		expect(output[0]).toHaveLength(1);
		const { json } = output[0][0];
		expect(json.epfo.uan).toMatch(/^[0-9]{12}$/);
		expect(json.epfo.employment_history.length).toBeGreaterThan(0);
		expect(json.crif.score).toEqual(expect.any(Number));
	});

	test('one item per employment record, each carrying the UAN, name and mobile number', async () => {
		const report = (await run()).output[0][0].json;
		sim.reset();
		const { output } = await run({ output: 'employment' });
		const history = report.epfo.employment_history;
		expect(output[0]).toHaveLength(history.length);
		output[0].forEach(({ json, pairedItem }, index) => {
			expect(pairedItem).toEqual({ item: 0 });
			expect(json).toEqual({
				mobile_number: '9876543210',
				uan: report.epfo.uan,
				name: report.epfo.name,
				employment_index: index,
				...history[index],
			});
		});
	});

	test('no employment history gives no items in per-record output', async () => {
		const { output } = await run({ mobileNumber: '9876541111', output: 'employment' });
		expect(output[0]).toEqual([]);
	});

	test('an unknown mobile number fails with the vendor message; under Continue On Fail only that item', async () => {
		const error = await fail(run({ mobileNumber: '9876540000' }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Finpass: No EPFO record found for this mobile number [not_found]');
		const mobiles = ['9876540000', '9876543210'];
		const { output } = await run(
			{ mobileNumber: (i) => mobiles[i], output: 'employment' },
			{ items: mobiles.map(() => ({ json: {} })), continueOnFail: true },
		);
		expect(output[0][0]).toMatchObject({ json: { http_code: '404', message_code: 'not_found' }, pairedItem: { item: 0 } });
		expect(output[0].slice(1).every((item) => item.pairedItem.item === 1 && item.json.uan)).toBe(true);
	});

	test('without "Borrower Consented" nothing is sent: the report includes a CRIF credit report', async () => {
		for (const consent of [false, undefined]) {
			const error = await fail(run({ consent }));
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe("Borrower Consented is off: an EPFO-CRIF report needs the borrower's consent");
			expect(error.description).toMatch(/Nothing was sent/);
			expect(error.context.itemIndex).toBe(0);
		}
		expect(sim.requests).toHaveLength(0);
	});

	test('Borrower Consented per item: under Continue On Fail only the unconfirmed item fails, and only the confirmed one is sent', async () => {
		const items = [{ json: {} }, { json: {} }];
		const { output } = await run({ consent: (i) => i === 1 }, { items, continueOnFail: true });
		expect(output[0][0].json.error).toMatch(/Borrower Consented is off/);
		expect(output[0][1].json.epfo.uan).toMatch(/^[0-9]{12}$/);
		expect(output[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(sim.requests).toHaveLength(1);
	});

	test('a malformed mobile number is refused before any request', async () => {
		const error = await fail(run({ mobileNumber: '12345' }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/^Mobile Number "12345" is not valid/);
		expect(sim.requests).toHaveLength(0);
	});

	test('the unsure path can be changed under Request Options; the method stays the documented POST', async () => {
		const error = await fail(run({ requestOptions: { path: '/api/v2/epfo-crif', method: 'GET' } }));
		expect(sim.requests[0]).toMatchObject({ method: 'POST', path: '/api/v2/epfo-crif', json: { mobile_number: '9876543210' } });
		expect(error.httpCode).toBe('404');
		expect(sim.takeViolations().map((v) => v.rule)).toEqual(['path']);
	});
});
