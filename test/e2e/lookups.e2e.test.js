'use strict';
// The lookup nodes inside a real n8n (the packed package, run with `n8n execute`), against the
// simulator: one stored workflow per operation (test/e2e/workflows/<node>-<op>.json). Each
// workflow has the happy path and, where it has one, a failing case on a node set to
// "On Error: Continue", so one execution shows both.
const h = require('./harness');

beforeEach(() => h.sim('/reset', {}));

/** Executes a stored workflow and checks it finished; returns the result. */
const execute = (id) => h.executeFinished(id);
const jsonOf = h.nodeJson;

describe('Finpass Multi-Bureau', () => {
	test('Get Credit Report: whole report, one item per bureau (keyed and array answers), Simplify by default, and no request without consent', async () => {
		const result = await execute('mb-fetch-report');

		const [report] = jsonOf(result, 'Fetch Report');
		expect(report.pan).toBe('ABCDE1234F');
		expect(Object.keys(report.bureaus).sort()).toEqual(['cibil', 'equifax']);

		const perBureau = jsonOf(result, 'Per Bureau');
		expect(perBureau.map((j) => j.bureau)).toEqual(['cibil', 'equifax']);
		expect(perBureau[0]).toMatchObject({ pan: 'ABCDE1234F', score: report.bureaus.cibil.score, total_accounts: report.bureaus.cibil.accounts_summary.total_accounts });

		const listed = jsonOf(result, 'Per Bureau (array shape)');
		expect(listed.map((j) => j.bureau)).toEqual(['equifax', 'experian', 'cibil', 'crif']);
		expect(listed.every((j) => typeof j.score === 'number' && typeof j.total_current_balance === 'string')).toBe(true);

		const [refused] = jsonOf(result, 'Without Consent');
		expect(refused.error).toMatch(/Borrower Consented is off/);

		// a node as the editor stores it new (Output and Simplify at their defaults): n8n resolves Simplify on
		const [simple] = jsonOf(result, 'Simplified (defaults)');
		expect(simple).toMatchObject({ pan: 'ABCDE1234F', lowest_score: Math.min(report.bureaus.cibil.score, report.bureaus.equifax.score) });
		expect(simple.bureaus.map((b) => b.bureau)).toEqual(['cibil', 'equifax']);
		expect(Object.keys(simple).length).toBeLessThanOrEqual(10);

		const requests = await h.sim('/requests?path=/api/v1/services/multi-bureau/fetch');
		expect(requests).toHaveLength(4);
		expect(requests.every((r) => r.json.consent === 'Y' && r.json.mobile_number === '9876543210')).toBe(true);
	});
});

describe('Finpass Corporate', () => {
	test('Get Company by CIN: a lower-case CIN is found; an unknown one gives the vendor message', async () => {
		const result = await execute('corp-cin-lookup');
		const [company] = jsonOf(result, 'CIN Lookup');
		expect(company).toMatchObject({ cin: 'U72900KA2015PTC082988', state: 'Karnataka', company_type: 'Private Limited Company' });
		const [missing] = jsonOf(result, 'Unknown CIN');
		expect(missing.error).toBe('Finpass: Company not found [not_found]');
		const requests = await h.sim('/requests?path=/api/v1/corporate/cin-lookup');
		expect(requests.map((r) => r.json.cin).sort()).toEqual(['U72900KA2015PTC000000', 'U72900KA2015PTC082988']);
	});

	test('Get LLP by LLPIN: found and not found', async () => {
		const result = await execute('corp-llpin-lookup');
		expect(jsonOf(result, 'LLPIN Lookup')[0]).toMatchObject({ llpin: 'AAB-1234', llp_name: expect.stringMatching(/ LLP$/) });
		expect(jsonOf(result, 'Unknown LLPIN')[0].error).toBe('Finpass: LLP not found [not_found]');
	});

	test('Get Company by PAN: found; a malformed PAN is refused before any request', async () => {
		const result = await execute('corp-pan-lookup');
		expect(jsonOf(result, 'PAN Lookup')[0]).toMatchObject({ pan: 'AAACA1234C', entity_type: 'Company' });
		expect(jsonOf(result, 'Bad PAN')[0].error).toMatch(/^PAN "AAACA1234" is not valid/);
		const requests = await h.sim('/requests?path=/api/v1/corporate/pan-lookup');
		expect(requests.map((r) => r.json.pan)).toEqual(['AAACA1234C']);
	});

	test('a parameter set to a dragged field ({{ $json.pan }}) reads the item as n8n\'s expression engine would, for every kind of value', async () => {
		// prepare reads `={{ $json.<field> }}` from the item itself (nodes/shared/framework/reader.ts);
		// "Evaluated by n8n" has the same field in an expression the shortcut does not take
		const result = await execute('corp-pan-expression-paths');
		const engine = jsonOf(result, 'Evaluated by n8n');
		expect(engine).toHaveLength(11);
		expect(engine[0]).toMatchObject({ pan: 'AAACA1234C', entity_type: 'Company' });
		expect(engine.filter((j) => j.error !== undefined).length).toBeGreaterThanOrEqual(8);
		expect(jsonOf(result, 'Dragged Field')).toEqual(engine);
		expect(jsonOf(result, 'Bracket Field')).toEqual(engine);
		// a field named like something every object inherits is read only if the item has it
		expect(jsonOf(result, 'Constructor Field')).toEqual(jsonOf(result, 'Constructor by n8n'));
		// a refused value costs no request on either path
		const answered = ['Dragged Field', 'Bracket Field', 'Evaluated by n8n', 'Constructor Field', 'Constructor by n8n']
			.flatMap((node) => jsonOf(result, node))
			.filter((j) => j.error === undefined);
		const requests = await h.sim('/requests?path=/api/v1/corporate/pan-lookup');
		expect(requests.map((r) => r.json.pan).sort()).toEqual(answered.map((j) => j.pan).sort());
	});

	test('Search Companies: Limit and Return All, by POST as the documents say', async () => {
		const result = await execute('corp-company-autocomplete');
		const limited = h.nodeOutput(result, 'Autocomplete');
		expect(limited).toHaveLength(5);
		expect(limited.every((item) => item.json.entity_name.startsWith('INFOSYS'))).toBe(true);
		expect(h.nodeOutput(result, 'Autocomplete All')).toHaveLength(12);
		const requests = await h.sim('/requests?path=/api/v1/corporate/company-autocomplete');
		expect(requests.map((r) => [r.method, r.json])).toEqual([
			['POST', { company_name: 'Infosys' }],
			['POST', { company_name: 'Infosys' }],
		]);
	});
});

describe('Finpass EPFO', () => {
	test('EPFO-CRIF Report: whole report, one item per employment record, an unknown mobile, and no request without consent', async () => {
		const result = await execute('epfo-crif-report');
		const [report] = jsonOf(result, 'EPFO-CRIF Report');
		expect(report.epfo.uan).toMatch(/^[0-9]{12}$/);
		const records = jsonOf(result, 'Per Employment');
		expect(records).toHaveLength(report.epfo.employment_history.length);
		expect(records.every((r) => r.uan === report.epfo.uan && r.name === report.epfo.name && r.mobile_number === '9876543210')).toBe(true);
		expect(records.map((r) => r.establishment_name)).toEqual(report.epfo.employment_history.map((e) => e.establishment_name));
		expect(jsonOf(result, 'Unknown Mobile')[0].error).toBe('Finpass: No EPFO record found for this mobile number [not_found]');
		// Borrower Consented left off (its default): the item fails and nothing is sent for it
		expect(jsonOf(result, 'Without Consent')[0].error).toMatch(/Borrower Consented is off/);
		expect(await h.sim('/requests?path=/api/v1/services/epfo-crif/report')).toHaveLength(3);
	});
});
