// Finpass Corporate: CIN, LLPIN and PAN lookup and company autocomplete, against the simulator
// (packages/simulator/lib/routes/corporate.js) through real HTTP.
const { DIST } = require('../helpers/context');
const { useSimulator } = require('../helpers/simulator');
const { nodeRunner, failure: fail } = require('../helpers/node');
const { FinpassCorporate } = require(`${DIST}/nodes/FinpassCorporate/FinpassCorporate.node.js`);
const { NodeApiError, NodeOperationError } = require('n8n-workflow');

const sim = useSimulator({ resetEachTest: true });

const run = nodeRunner(FinpassCorporate, {
	nodeType: 'n8n-nodes-finpass.finpassCorporate',
	parameters: { resource: 'company' },
	credentials: () => sim.credentials,
});
const items = (n) => Array.from({ length: n }, () => ({ json: {} }));

describe('CIN lookup', () => {
	test('a CIN typed in lower case with spaces is sent upper-cased and the company comes back as one item', async () => {
		const { output } = await run({ operation: 'cinLookup', cin: '  u72900ka2015ptc082988 ' });
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0].path).toBe('/api/v1/corporate/cin-lookup');
		expect(sim.requests[0].json).toEqual({ cin: 'U72900KA2015PTC082988' });
		expect(output[0]).toHaveLength(1);
		expect(output[0][0].pairedItem).toEqual({ item: 0 });
		expect(output[0][0].json).toMatchObject({
			cin: 'U72900KA2015PTC082988',
			company_name: expect.stringMatching(/PRIVATE LIMITED$/),
			company_type: 'Private Limited Company',
			state: 'Karnataka',
			roc_code: 'RoC-Bangalore',
			pan: expect.stringMatching(/^[A-Z]{3}C[A-Z][0-9]{4}[A-Z]$/),
		});
	});

	test('an unknown CIN fails with the vendor message, its code and a hint, and is not retried', async () => {
		const error = await fail(run({ operation: 'cinLookup', cin: 'U72900KA2015PTC000000' }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Finpass: Company not found [not_found]');
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(/No company with CIN U72900KA2015PTC000000/);
		expect(sim.requests).toHaveLength(1);
	});

	test('with Continue On Fail an unknown CIN becomes an error item and the other items are answered', async () => {
		const cins = ['U72900KA2015PTC082988', 'U72900KA2015PTC000000', 'L17110MH1973PLC019786'];
		const { output } = await run({ operation: 'cinLookup', cin: (i) => cins[i] }, { items: items(3), continueOnFail: true });
		expect(output[0].map((item) => item.pairedItem.item)).toEqual([0, 1, 2]);
		expect(output[0][0].json.cin).toBe(cins[0]);
		expect(output[0][1].json).toMatchObject({ error: 'Finpass: Company not found [not_found]', http_code: '404', message_code: 'not_found' });
		expect(output[0][2].json).toMatchObject({ cin: cins[2], company_type: 'Public Limited Company', listed: true });
	});

	test('a malformed CIN is refused before any request, naming the expected format', async () => {
		const error = await fail(run({ operation: 'cinLookup', cin: 'U72900KA2015PTC08298' }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/^CIN "U72900KA2015PTC08298" is not valid: expected 21 characters/);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('LLPIN lookup', () => {
	test('an LLPIN in lower case is sent upper-cased and the LLP comes back as one item', async () => {
		const { output } = await run({ operation: 'llpinLookup', llpin: ' aab-1234' });
		expect(sim.requests[0].path).toBe('/api/v1/corporate/llpin-lookup');
		expect(sim.requests[0].json).toEqual({ llpin: 'AAB-1234' });
		expect(output[0]).toHaveLength(1);
		expect(output[0][0].json).toMatchObject({ llpin: 'AAB-1234', llp_name: expect.stringMatching(/ LLP$/), status: 'Active' });
	});

	test('an unknown LLPIN fails with the vendor message and a hint', async () => {
		const error = await fail(run({ operation: 'llpinLookup', llpin: 'AAB-0000' }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Finpass: LLP not found [not_found]');
		expect(error.description).toMatch(/No LLP with LLPIN AAB-0000/);
	});
});

describe('PAN lookup', () => {
	test("a company's PAN returns the entity with its CIN", async () => {
		const { output } = await run({ operation: 'panLookup', pan: 'aaaca1234c' });
		expect(sim.requests[0].path).toBe('/api/v1/corporate/pan-lookup');
		expect(sim.requests[0].json).toEqual({ pan: 'AAACA1234C' });
		expect(output[0][0].json).toMatchObject({ pan: 'AAACA1234C', entity_type: 'Company', cin: expect.stringMatching(/^U/), llpin: null });
	});

	test("an LLP's PAN returns the entity with its LLPIN", async () => {
		const { output } = await run({ operation: 'panLookup', pan: 'AAAFA1234C' });
		expect(output[0][0].json).toMatchObject({ entity_type: 'LLP', cin: null, llpin: expect.stringMatching(/^[A-Z]{3}-[0-9]{4}$/) });
	});

	test("an individual's PAN is not on the registry: 404 with a hint", async () => {
		const error = await fail(run({ operation: 'panLookup', pan: 'ABCPE1234F' }));
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(/individual/);
	});
});

describe('Company autocomplete', () => {
	test('returns one item per match, up to Limit', async () => {
		const { output } = await run({ operation: 'companyAutocomplete', companyName: '  Infosys ', returnAll: false, limit: 5 });
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0].path).toBe('/api/v1/corporate/company-autocomplete');
		expect(sim.requests[0].method).toBe('POST');
		expect(sim.requests[0].json).toEqual({ company_name: 'Infosys' });
		expect(output[0]).toHaveLength(5);
		for (const item of output[0]) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(Object.keys(item.json).sort()).toEqual(['cin', 'entity_name', 'entity_type', 'llpin', 'state', 'status']);
			expect(item.json.entity_name).toMatch(/^INFOSYS /);
			expect(item.json.cin ?? item.json.llpin).toEqual(expect.any(String));
		}
	});

	test('Return All returns every match, and each input item gets its own matches', async () => {
		const names = ['Infosys', 'Kaveri'];
		const { output } = await run(
			{ operation: 'companyAutocomplete', companyName: (i) => names[i], returnAll: true },
			{ items: items(2) },
		);
		expect(output[0]).toHaveLength(24);
		expect(output[0].slice(0, 12).every((item) => item.pairedItem.item === 0 && item.json.entity_name.startsWith('INFOSYS'))).toBe(true);
		expect(output[0].slice(12).every((item) => item.pairedItem.item === 1 && item.json.entity_name.startsWith('KAVERI'))).toBe(true);
	});

	test('no match gives no items', async () => {
		const { output } = await run({ operation: 'companyAutocomplete', companyName: 'Zzzyx', returnAll: true });
		expect(output[0]).toEqual([]);
	});

	test('the unsure path can be changed under Request Options; the method stays the documented POST', async () => {
		const error = await fail(run({
			operation: 'companyAutocomplete',
			companyName: 'Kaveri',
			returnAll: false,
			limit: 3,
			// an older workflow's HTTP Method is ignored: the Search Companies page's navigation says POST (docs/api-contract.md#endpoints)
			requestOptions: { path: 'api/v2/company-search', method: 'GET' },
		}));
		expect(sim.requests[0]).toMatchObject({ method: 'POST', path: '/api/v2/company-search', json: { company_name: 'Kaveri' } });
		expect(error.httpCode).toBe('404');
		expect(sim.takeViolations().map((v) => v.rule)).toEqual(['path']);
	});

	test('a vendor refusal keeps its message and code', async () => {
		const error = await fail(run({ operation: 'companyAutocomplete', companyName: 'ab', returnAll: true }));
		expect(error.message).toBe('Finpass: company_name must be at least 3 characters [invalid_company_name]');
		expect(error.httpCode).toBe('400');
	});

	test('an empty name is refused before any request', async () => {
		const error = await fail(run({ operation: 'companyAutocomplete', companyName: '   ', returnAll: true }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(sim.requests).toHaveLength(0);
	});
});
