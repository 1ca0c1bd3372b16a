// Finpass Multi-Bureau: Get Credit Report, against the simulator (packages/simulator/lib/routes/bureau.js).
const { DIST } = require('../helpers/context');
const { useSimulator } = require('../helpers/simulator');
const { nodeRunner, failure: fail } = require('../helpers/node');
const { FinpassMultiBureau } = require(`${DIST}/nodes/FinpassMultiBureau/FinpassMultiBureau.node.js`);
const { bureauItems, simpleBureau } = require(`${DIST}/nodes/FinpassMultiBureau/actions/fetchReport.operation.js`);
const { NodeApiError, NodeOperationError } = require('n8n-workflow');

const sim = useSimulator({ resetEachTest: true });

const BORROWER = {
	resource: 'creditReport',
	operation: 'fetchReport',
	pan: ' abcde1234f ',
	name: 'Asha Verma',
	mobileNumber: '+91 98765 43210',
	gender: 'female',
	consent: true,
	bureaus: ['cibil', 'equifax'],
	output: 'report',
};

const run = nodeRunner(FinpassMultiBureau, {
	nodeType: 'n8n-nodes-finpass.finpassMultiBureau',
	parameters: BORROWER,
	credentials: () => sim.credentials,
});

describe('Get Credit Report', () => {
	test('sends the borrower with consent "Y" and returns the whole report as one item', async () => {
		const { output } = await run();
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0].path).toBe('/api/v1/services/multi-bureau/fetch');
		expect(sim.requests[0].json).toEqual({
			pan: 'ABCDE1234F',
			name: 'Asha Verma',
			mobile_number: '9876543210',
			consent: 'Y',
			gender: 'female',
			bureaus: ['cibil', 'equifax'],
		});
		expect(output[0]).toHaveLength(1);
		const report = output[0][0].json;
		expect(report.pan).toBe('ABCDE1234F');
		expect(Object.keys(report.bureaus).sort()).toEqual(['cibil', 'equifax']);
		expect(report.bureaus.cibil.accounts_summary.total_accounts).toEqual(expect.any(Number));
	});

	test('without "Borrower Consented" the node stops before sending anything', async () => {
		const error = await fail(run({ consent: false }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/Borrower Consented is off/);
		expect(error.description).toMatch(/Nothing was sent/);
		expect(sim.requests).toHaveLength(0);
	});

	test('no bureau chosen is refused before any request', async () => {
		const error = await fail(run({ bureaus: [] }));
		expect(error.message).toMatch(/choose at least one bureau/);
		expect(sim.requests).toHaveLength(0);
	});

	test('a new node\'s Gender (no default) is refused before any request, as is a value the API does not accept', async () => {
		const empty = await fail(run({ gender: '' }));
		expect(empty).toBeInstanceOf(NodeOperationError);
		expect(empty.message).toBe('Gender is empty: choose Female or Male');
		const other = await fail(run({ gender: 'm' }));
		expect(other.message).toBe('Gender "m" is not valid: expected female or male');
		expect(sim.requests).toHaveLength(0);
	});

	test('one item per bureau: score and account summary as flat fields, with the PAN', async () => {
		const { output } = await run({ output: 'bureau', bureaus: ['equifax', 'experian', 'cibil', 'crif'] });
		expect(output[0].map((item) => item.json.bureau)).toEqual(['equifax', 'experian', 'cibil', 'crif']);
		for (const { json, pairedItem } of output[0]) {
			expect(pairedItem).toEqual({ item: 0 });
			expect(json).toMatchObject({
				pan: 'ABCDE1234F',
				request_id: expect.stringMatching(/^mb_/),
				status: 'success',
				score: expect.any(Number),
				total_accounts: expect.any(Number),
				active_accounts: expect.any(Number),
				total_current_balance: expect.stringMatching(/^[0-9]+\.[0-9]{2}$/),
				total_overdue_amount: expect.stringMatching(/^[0-9]+\.[0-9]{2}$/),
			});
			expect(json.score).toBeGreaterThanOrEqual(300);
			expect(json.score).toBeLessThanOrEqual(900);
			expect(json).not.toHaveProperty('accounts_summary');
		}
	});

	test('the array form of the answer flattens to the same items as the keyed form', async () => {
		const keyed = (await run({ output: 'bureau' })).output[0];
		sim.reset();
		const listed = (await run({ output: 'bureau', requestOptions: { extraBody: '{"sim_shape": "array"}' } })).output[0];
		expect(sim.requests[0].json.sim_shape).toBe('array');
		expect(listed).toEqual(keyed);
	});

	test('a bureau that failed still gets its item, with its status and message', async () => {
		const { output } = await run({ pan: 'ABCDE9999F', output: 'bureau' });
		const cibil = output[0].find((item) => item.json.bureau === 'cibil').json;
		expect(cibil).toMatchObject({ status: 'failed', score: null, error_message: 'CIBIL did not respond in time' });
		expect(output[0].find((item) => item.json.bureau === 'equifax').json.status).toBe('success');
	});

	test('no credit history: the vendor message and code come through', async () => {
		const error = await fail(run({ pan: 'ABCDE0000F' }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Finpass: No credit history found for this PAN [no_record_found]');
		expect(error.httpCode).toBe('404');
	});

	test('Simplify, One Item per Report: the borrower, the lowest score and ten fields per bureau', async () => {
		const raw = (await run()).output[0][0].json;
		sim.reset();
		const { output } = await run({ simplify: true });
		expect(output[0]).toHaveLength(1);
		const { json, pairedItem } = output[0][0];
		expect(pairedItem).toEqual({ item: 0 });
		expect(Object.keys(json).length).toBeLessThanOrEqual(10);
		const { cibil, equifax } = raw.bureaus;
		expect(json).toEqual({
			pan: 'ABCDE1234F',
			name: raw.name,
			request_id: raw.request_id,
			report_date: raw.report_date,
			lowest_score: Math.min(cibil.score, equifax.score),
			bureaus: [
				{
					bureau: 'cibil',
					status: cibil.status,
					score: cibil.score,
					active_accounts: cibil.accounts_summary.active_accounts,
					overdue_accounts: cibil.accounts_summary.overdue_accounts,
					total_current_balance: cibil.accounts_summary.total_current_balance,
					total_overdue_amount: cibil.accounts_summary.total_overdue_amount,
					enquiries_last_6_months: cibil.enquiries_last_6_months,
					error_message: null,
				},
				expect.objectContaining({ bureau: 'equifax', score: equifax.score }),
			],
		});
		for (const bureau of json.bureaus) expect(Object.keys(bureau).length).toBeLessThanOrEqual(10);
	});

	test('Simplify, One Item per Bureau: ten fields per bureau; a failed bureau keeps its status and message', async () => {
		const { output } = await run({ output: 'bureau', simplify: true, pan: 'ABCDE9999F' });
		const items = output[0].map((item) => item.json);
		expect(items.map((j) => j.bureau)).toEqual(['cibil', 'equifax']);
		for (const json of items) {
			expect(Object.keys(json).sort()).toEqual(
				['active_accounts', 'bureau', 'enquiries_last_6_months', 'error_message', 'overdue_accounts', 'pan', 'score', 'status', 'total_current_balance', 'total_overdue_amount'],
			);
		}
		expect(items[0]).toMatchObject({ pan: 'ABCDE9999F', status: 'failed', score: null, error_message: 'CIBIL did not respond in time' });
		expect(items[1]).toMatchObject({ pan: 'ABCDE9999F', status: 'success', score: expect.any(Number), active_accounts: expect.any(Number) });
		// the same per-bureau fields as simplifying the flat item
		const raw = bureauItems({ bureaus: { crif: { status: 'success', score: { value: 701 }, account_summary: { active_accounts: 2 } } } }, 'ABCDE1234F');
		expect(simpleBureau(raw[0].json)).toMatchObject({ bureau: 'crif', score: 701, active_accounts: 2, overdue_accounts: null });
	});

	test('other report shapes: score as an object, summary named account_summary, bureaus straight under data', () => {
		const items = bureauItems(
			{
				request_id: 'r1',
				experian: { score: { value: '781', type: 'V2' }, account_summary: { total: 3, balances: { secured: '10.00' } } },
				note: 'x',
			},
			'ABCDE1234F',
		);
		expect(items.map((item) => item.json)).toEqual([
			{ pan: 'ABCDE1234F', request_id: 'r1', note: 'x', bureau: 'experian', score: '781', score_type: 'V2', total: 3, balances_secured: '10.00' },
		]);
	});
});
