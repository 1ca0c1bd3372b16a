// The fixtures are the documents' own examples: each one still matches the document line it cites,
// every documented request example passes the simulator's contract check, and every documented
// response example reads as the documented outcome through the node's envelope reader.
const fs = require('fs');
const path = require('path');
const { DIST } = require('../helpers/context');
const { EXAMPLES, extract, loadFixtures, docsFolder } = require('./extract-fixtures');
const contract = require('../../packages/simulator/lib/contract');

const fixtures = loadFixtures();
const folder = docsFolder();

describe('fixtures from the five vendor documents', () => {
	test('one fixture per documented example, each naming its document and lines', () => {
		expect(Object.keys(fixtures).sort()).toEqual(EXAMPLES.map((e) => e.id).sort());
		for (const [id, f] of Object.entries(fixtures)) {
			expect([id, f.source]).toEqual([id, expect.stringMatching(/^(finpass-aa-[a-z-]+|finpro-get-fi-data)\.txt:\d+-\d+$/)]);
			expect(contract.ENDPOINTS.map((e) => e.name)).toContain(f.endpoint);
		}
	});

	// The documents are the client's files, kept outside the repository (docsFolder() in
	// extract-fixtures.js finds them); without them this comparison cannot run and says so in its name.
	(folder ? test : test.skip)(`each fixture is exactly the JSON at its cited lines${folder ? '' : ' (vendor documents not found: set FINPASS_API_DOCS)'}`, () => {
		for (const { id, fixture } of extract(folder)) expect([id, fixture]).toEqual([id, fixtures[id]]);
		if (folder) expect(fs.existsSync(path.join(folder, 'README.md'))).toBe(true);
	});
});

describe('documented request examples meet the contract the simulator enforces', () => {
	const requests = Object.entries(fixtures).filter(([, f]) => f.kind === 'request');
	test.each(requests)('%s', (id, f) => {
		const endpoint = contract.ENDPOINTS.find((e) => e.name === f.endpoint);
		const headers = endpoint.vendor === 'finpro'
			? { client_id: 'c', client_secret: 's', organisationid: 'o', appidentifier: 'a', 'content-type': 'application/json' }
			: { 'x-api-key': 'k', 'x-api-secret': 's', 'content-type': 'application/json' };
		const raw = Buffer.from(JSON.stringify(f.body));
		const { violations } = contract.check({ method: endpoint.method, path: endpoint.path, headers, query: {}, json: f.body, rawBody: raw });
		expect(violations).toEqual([]);
	});
});

describe('documented response examples read as the documented outcome', () => {
	const { finpass, finpro } = require(`${DIST}/nodes/shared/transport`);
	const responses = Object.entries(fixtures).filter(([, f]) => f.kind === 'response');
	test.each(responses)('%s', (id, f) => {
		const vendor = f.endpoint.startsWith('FinPro') ? finpro : finpass;
		const answer = vendor.readAnswer(f.body);
		expect(answer.success).toBe(f.outcome === 'success');
		if (f.outcome === 'error') {
			expect(answer.message).toEqual(expect.any(String));
			expect(answer.code).toEqual(expect.any(String));
		} else {
			expect(answer.data).toEqual(f.body.data);
		}
	});
});
