// Every documented response example (test/contract/fixtures, from the five documents), served as
// the vendor's answer to the operation that calls its endpoint, becomes the documented outcome:
// a success example becomes output items with the example's data; an error example becomes a
// NodeApiError with the vendor's message, message code and HTTP status. No request leaves
// 127.0.0.1: the PDF example's S3 links are answered by the test context itself.
const { createContext, DIST } = require('../helpers/context');
const { scriptedServer } = require('../helpers/server');
const { loadFixtures } = require('./extract-fixtures');
const { NodeApiError } = require('n8n-workflow');

const fixtures = loadFixtures();
const load = (dir) => require(`${DIST}/nodes/${dir}/${dir}.node.js`)[dir];

const OPERATIONS = {
	'AA Initialize': ['FinpassAccountAggregator', { resource: 'accountAggregator', operation: 'initConsent', mobileNumber: '9999000000', consentType: 'loan_underwriting', additionalFields: {} }],
	'AA Fetch JSON Report': ['FinpassAccountAggregator', { resource: 'accountAggregator', operation: 'fetchJsonReport', clientId: 'aa_6989cbcf_a136a40171db8abb6b691017', requestId: '', output: 'report', waitForCompletion: false }],
	'AA Fetch PDF Report': ['FinpassAccountAggregator', { resource: 'accountAggregator', operation: 'fetchPdfReport', clientId: 'aa_oOx8989898RfypvwDqMjti', requestId: '', binaryPropertyName: 'data', waitForCompletion: false }],
	'AA Refresh Data': ['FinpassAccountAggregator', { resource: 'accountAggregator', operation: 'refreshData', clientId: 'account_aggregator_v2_oOxRfypvwDqMjti' }],
	'FinPro Get FI Data': ['FinProFiData', { resource: 'fiData', operation: 'getFiData', consentId: '3c92001e-57ea-4320-bbb8-66d524bfb435', linkReferenceNumber: '7f8227f1-697f-40d3-a4af-0508f5d0a1dd', output: 'account' }],
};

let server;
afterEach(async () => server && (await server.close()));

async function runAgainst(fixture) {
	server = await scriptedServer(() => ({ status: fixture.http_status, body: fixture.body }));
	const [dir, parameters] = OPERATIONS[fixture.endpoint];
	const credentials = {
		finpassApi: { apiKey: 'k_live_0001', apiSecret: 's_live_0001', baseUrl: server.url },
		finProApi: { clientId: 'c', clientSecret: 's_live_0002', organisationId: 'o', appIdentifier: 'a', baseUrl: server.url },
	};
	const ctx = createContext({ nodeType: `n8n-nodes-finpass.${dir}`, parameters, credentials });
	// The PDF example's links point at S3 and example.com: answered here, never fetched.
	const links = [];
	ctx.helpers.httpRequest = async (options) => {
		links.push(options.url);
		return { statusCode: 200, headers: { 'content-type': 'application/pdf' }, body: Buffer.from('%PDF-1.4\n%%EOF\n') };
	};
	const NodeClass = load(dir);
	const output = await new NodeClass().execute.call(ctx);
	return { output: output[0].map((o) => o.json), binaries: output[0].filter((o) => o.binary).length, links, requests: server.requests };
}

const responses = Object.entries(fixtures).filter(([, f]) => f.kind === 'response');

describe.each(responses)('%s', (id, fixture) => {
	if (fixture.outcome === 'success') {
		test(`HTTP ${fixture.http_status}: output built from the documented data (${fixture.source})`, async () => {
			const { output, binaries, links, requests } = await runAgainst(fixture);
			expect(requests).toHaveLength(1);
			const data = fixture.body.data;
			switch (fixture.endpoint) {
				case 'AA Initialize':
					expect(output).toHaveLength(1);
					expect(output[0]).toMatchObject({ client_id: data.client_id, redirect_url: data.redirect_url });
					break;
				case 'AA Fetch JSON Report':
					// One item per report: every row kept, repeated transaction_id included.
					expect(output).toEqual([data]);
					break;
				case 'AA Fetch PDF Report':
					expect(output.map((o) => [o.fip_id, o.account_number, o.status])).toEqual(data.reports.map((r) => [r.fip_id, r.account_number, r.status]));
					expect(binaries).toBe(data.reports.length);
					expect(links).toEqual(data.reports.map((r) => r.statement_report_link));
					expect(JSON.stringify(output)).not.toMatch(/X-Amz|dummy_signature/);
					break;
				case 'AA Refresh Data':
					expect(output).toEqual([expect.objectContaining({ request_id: data.request_id })]);
					break;
				case 'FinPro Get FI Data':
					expect(output).toHaveLength(1);
					expect(output[0]).toMatchObject({ linkReferenceNumber: data.linkReferenceNumber, balance: data.balance, fiData: data.fiData, transaction_count: 2 });
					break;
				default:
					throw new Error(`no expectation for ${fixture.endpoint}`);
			}
		});
	} else {
		test(`HTTP ${fixture.http_status}: a NodeApiError with the vendor's message and code (${fixture.source})`, async () => {
			const error = await runAgainst(fixture).then(() => undefined, (e) => e);
			expect(error).toBeInstanceOf(NodeApiError);
			const message = fixture.body.message ?? fixture.body.errorMsg;
			const code = fixture.body.message_code ?? fixture.body.errorCode;
			const vendor = fixture.endpoint.startsWith('FinPro') ? 'FinPro' : 'Finpass';
			expect(error.message).toBe(`${vendor}: ${message} [${code}]`);
			expect(error.httpCode).toBe(String(fixture.http_status));
			// An error is not retried (4xx): one request.
			expect(server.requests).toHaveLength(1);
		});
	}
});
