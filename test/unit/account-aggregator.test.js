const { runNode, DIST } = require('../helpers/context');
const { useSimulator } = require('../helpers/simulator');
const { nodeRunner } = require('../helpers/node');
const { FinpassAccountAggregator } = require(`${DIST}/nodes/FinpassAccountAggregator/FinpassAccountAggregator.node.js`);
const { consentToken } = require(`${DIST}/nodes/FinpassAccountAggregator/actions/consentCallback.js`);
const { NodeApiError, NodeOperationError } = require('n8n-workflow');

// reset() restores these start-up delays before every test
const sim = useSimulator({ consentDelayMs: 150, dataDelayMs: 150, resetEachTest: true });
const control = sim.control;
const credentials = () => sim.credentials;
const vendorRequests = (path) => sim.requests.filter((r) => !path || r.path.endsWith(path));
const run = nodeRunner(FinpassAccountAggregator, { parameters: { resource: 'accountAggregator' }, credentials });

async function newClient(consentType = 'loan_underwriting', mobile = '9876543210') {
	const { output } = await run({ operation: 'initConsent', mobileNumber: mobile, consentType, additionalFields: {} });
	return output[0][0].json.client_id;
}

describe('Initialize consent', () => {
	test('sends the normalized mobile and both PAN field names, returns client_id and redirect_url', async () => {
		const { output } = await run({ operation: 'initConsent', mobileNumber: '+91 98765 43210', consentType: 'loan_underwriting', additionalFields: { pan: ' abcde1234f ', email: 'a@b.co', webhookUrl: 'http://127.0.0.1:1/hook' } });
		const [item] = output[0];
		expect(item.json.client_id).toMatch(/^aa_/);
		expect(item.json.redirect_url).toContain('/sim/consent/');
		expect(item.json.consent_type).toBe('loan_underwriting');
		expect(item.pairedItem).toEqual({ item: 0 });
		const sent = vendorRequests('/init')[0].json;
		expect(sent).toMatchObject({ mobile_number: '9876543210', pan_number: 'ABCDE1234F', pan: 'ABCDE1234F', email: 'a@b.co', consent_type: 'loan_underwriting', webhook_url: 'http://127.0.0.1:1/hook' });
	});
	test('a bad PAN stops the node naming the item, and sends no request at all', async () => {
		const items = [{ json: {} }, { json: {} }];
		const error = await run({ operation: 'initConsent', mobileNumber: '9876543210', consentType: 'loan_underwriting', additionalFields: (i) => ({ pan: i === 1 ? 'ABCD1234F' : 'ABCDE1234F' }) }, { items }).catch((e) => e);
		// parameters given as functions are per item
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/PAN "ABCD1234F" is not valid: expected 10 characters/);
		expect(error.context.itemIndex).toBe(1);
		expect(vendorRequests()).toHaveLength(0);
	});
	test.each([['12345'], ['5876543210'], [''], ['98765432101']])('mobile %p is refused before any request', async (mobile) => {
		const error = await run({ operation: 'initConsent', mobileNumber: mobile, consentType: 'loan_underwriting', additionalFields: {} }).catch((e) => e);
		expect(error.message).toMatch(/Mobile Number .*not valid/);
		expect(vendorRequests()).toHaveLength(0);
	});
	test('Continue On Fail: the bad item becomes an error item, the others go on, pairing kept', async () => {
		const items = [{ json: {} }, { json: {} }, { json: {} }];
		const { output } = await run({ operation: 'initConsent', mobileNumber: (i) => ['9876543210', '123', '9123456789'][i], consentType: 'loan_underwriting', additionalFields: {} }, { items, continueOnFail: true });
		expect(output[0]).toHaveLength(3);
		expect(output[0].map((o) => o.pairedItem.item)).toEqual([0, 1, 2]);
		expect(output[0][0].json.client_id).toMatch(/^aa_/);
		expect(output[0][1].json.error).toMatch(/Mobile Number "123"/);
		expect(output[0][2].json.client_id).toMatch(/^aa_/);
		expect(vendorRequests('/init')).toHaveLength(2);
	});
	test('a 429 is retried after Retry-After and the consent is created once', async () => {
		await control('faults', { kind: '429', count: 1, path: '/api/v1/services/account-aggregator/init' });
		const { output } = await run({ operation: 'initConsent', mobileNumber: '9876543210', consentType: 'loan_underwriting', additionalFields: {} });
		expect(output[0][0].json.client_id).toMatch(/^aa_/);
		expect(vendorRequests('/init').map((r) => r.status)).toEqual([429, 200]);
	});
	test('a 500 on init is not retried (it could start a second consent)', async () => {
		await control('faults', { kind: 'status', status: 500, count: 1, path: '/api/v1/services/account-aggregator/init' });
		const error = await run({ operation: 'initConsent', mobileNumber: '9876543210', consentType: 'loan_underwriting', additionalFields: {} }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('500');
		expect(vendorRequests('/init')).toHaveLength(1);
	});
	test('wrong keys give the vendor message and code, and the secret never shows', async () => {
		const error = await runNode(FinpassAccountAggregator, { parameters: { operation: 'initConsent', mobileNumber: '9876543210', consentType: 'loan_underwriting', additionalFields: {} }, credentials: { finpassApi: { apiKey: 'wrong_key', apiSecret: 'wrong_secret_value', baseUrl: sim.url } } }).catch((e) => e);
		expect(error.message).toBe('Finpass: Unauthorized access. Invalid or missing API credentials. [unauthorized]');
		expect(error.httpCode).toBe('401');
		expect(JSON.stringify({ m: error.message, d: error.description, c: error.context })).not.toContain('wrong_secret_value');
	});
});

describe('Fetch JSON report', () => {
	test('Wait for Completion waits through consent pending and 202, then returns the accounts', async () => {
		const clientId = await newClient();
		const { output } = await run({ operation: 'fetchJsonReport', clientId, requestId: '', output: 'account', waitForCompletion: true, maxWaitSeconds: 120, pollIntervalSeconds: 0.1 });
		expect(output[0].length).toBeGreaterThanOrEqual(2);
		expect(output[0][0].json).toMatchObject({ client_id: clientId, masked_account_number: expect.any(String) });
		const statuses = vendorRequests('/fetch-json-report').map((r) => r.status);
		expect(statuses[0]).toBe(422);
		expect(statuses).toContain(202);
		expect(statuses[statuses.length - 1]).toBe(200);
	});
	test('without waiting, a pending consent fails with a hint to turn waiting on', async () => {
		const clientId = await newClient();
		const error = await run({ operation: 'fetchJsonReport', clientId, requestId: '', output: 'report', waitForCompletion: false }).catch((e) => e);
		expect(error.message).toMatch(/consent_pending/);
		expect(error.description).toMatch(/Wait for Completion/);
	});
	test('a rejected consent ends the wait at once with a clear error', async () => {
		const clientId = await newClient('loan_underwriting', '9876540001');
		const error = await run({ operation: 'fetchJsonReport', clientId, requestId: '', output: 'report', waitForCompletion: true, maxWaitSeconds: 120, pollIntervalSeconds: 0.1 }).catch((e) => e);
		expect(error.message).toMatch(/reject/i);
		expect(error.description).toMatch(/rejected the consent/);
		// ends at the answer that says rejected, not at Max Wait: a 120 s wait would make ~20 checks
		const statuses = vendorRequests('/fetch-json-report').map((r) => r.status);
		expect(statuses[statuses.length - 1]).toBe(422);
		expect(statuses.length).toBeLessThan(8);
	});
	test('a wait that runs out names the state it was still in', async () => {
		await control('config', { consentDelayMs: -1 });
		const clientId = await newClient();
		const error = await run({ operation: 'fetchJsonReport', clientId, requestId: '', output: 'report', waitForCompletion: true, maxWaitSeconds: 1, pollIntervalSeconds: 0.2 }).catch((e) => e);
		expect(error.message).toMatch(/^Stopped waiting after 1 s \(Max Wait\): The report for client \w+ was still "consent_pending"$/);
	});
	test('On Timeout → Return Job State outputs the client_id and the last state instead of failing', async () => {
		await control('config', { consentDelayMs: -1 });
		const clientId = await newClient();
		const { output } = await run({ operation: 'fetchJsonReport', clientId, requestId: '', output: 'report', waitForCompletion: true, maxWaitSeconds: 1, pollIntervalSeconds: 0.2, onTimeout: 'returnState' });
		expect(output[0]).toHaveLength(1);
		expect(output[0][0].json).toEqual({ client_id: clientId, status: 'consent_pending', wait_timed_out: true, waited_seconds: 1 });
		expect(output[0][0].pairedItem).toEqual({ item: 0 });
	});
	test('Extra Body Fields that are not JSON fail the item before any request is sent', async () => {
		const items = [{ json: {} }, { json: {} }];
		const error = await run({ operation: 'refreshData', clientId: 'aa_x', requestOptions: (i) => ({ extraBody: i === 1 ? '{"a":' : '{}' }) }, { items }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/Extra Body Fields is not valid JSON/);
		expect(error.context.itemIndex).toBe(1);
		expect(vendorRequests()).toHaveLength(0);
	});
	test('per-transaction output keeps every row (repeated transaction ids) with account context, amounts exact', async () => {
		const clientId = await newClient();
		await control(`aa/clients/${clientId}`, { consent: 'approved', data: 'ready' });
		const { output: reports } = await run({ operation: 'fetchJsonReport', clientId, requestId: '', output: 'report', waitForCompletion: false });
		const accounts = reports[0][0].json.account_aggregator_json;
		const total = accounts.reduce((n, a) => n + a.transaction_data.transaction_details.length, 0);
		const { output } = await run({ operation: 'fetchJsonReport', clientId, requestId: '', output: 'transaction', waitForCompletion: false });
		expect(output[0]).toHaveLength(total);
		const ids = output[0].map((o) => o.json.transaction_id);
		expect(ids.filter((id) => id === 'T000001').length).toBeGreaterThan(1);
		expect(output[0][0].json).toMatchObject({ client_id: clientId, account_id: accounts[0].account_id, masked_account_number: accounts[0].masked_account_number });
		// amounts and balances pass through exactly as sent (number / string)
		const raw = accounts.flatMap((a) => a.transaction_data.transaction_details);
		output[0].forEach((o, k) => {
			expect(o.json.amount).toBe(raw[k].amount);
			expect(o.json.transactional_balance).toBe(raw[k].transactional_balance);
		});
		expect(output[0].every((o) => o.pairedItem.item === 0)).toBe(true);
	});
	test('unknown client: 404 with the vendor message', async () => {
		const error = await run({ operation: 'fetchJsonReport', clientId: 'aa_nope', requestId: '', output: 'report', waitForCompletion: false }).catch((e) => e);
		expect(error.message).toBe('Finpass: Client not found [client_not_found]');
		expect(error.httpCode).toBe('404');
	});
	test('5xx bursts on a fetch are retried', async () => {
		const clientId = await newClient();
		await control(`aa/clients/${clientId}`, { consent: 'approved', data: 'ready' });
		await control('faults', { kind: 'status', status: 503, count: 2, path: '/api/v1/services/account-aggregator/fetch-json-report' });
		const { output } = await run({ operation: 'fetchJsonReport', clientId, requestId: '', output: 'report', waitForCompletion: false });
		expect(output[0][0].json.client_id).toBe(clientId);
		expect(vendorRequests('/fetch-json-report').map((r) => r.status)).toEqual([503, 503, 200]);
	});
	test('an empty client id is refused before any request', async () => {
		const error = await run({ operation: 'fetchJsonReport', clientId: '  ', requestId: '', output: 'report', waitForCompletion: false }).catch((e) => e);
		expect(error.message).toBe('Client ID is empty: it is required');
		expect(vendorRequests()).toHaveLength(0);
	});
});

describe('Get JSON Report: Simplify', () => {
	const fetch = (clientId, more) =>
		run({ operation: 'fetchJsonReport', clientId, requestId: '', output: 'account', waitForCompletion: true, maxWaitSeconds: 120, pollIntervalSeconds: 0.1, ...more });

	test('on, One Item per Account gives at most ten fields per account, taken from the raw account', async () => {
		const clientId = await newClient();
		const raw = (await fetch(clientId, { simplify: false })).output[0];
		const simple = (await fetch(clientId, { simplify: true })).output[0];
		expect(simple).toHaveLength(raw.length);
		simple.forEach(({ json, pairedItem }, k) => {
			const account = raw[k].json;
			expect(pairedItem).toEqual({ item: 0 });
			expect(Object.keys(json).length).toBeLessThanOrEqual(10);
			expect(json).toEqual({
				client_id: clientId,
				masked_account_number: account.masked_account_number,
				ifsc: account.summary_details.ifsc,
				account_type: account.summary_details.account_sub_type || account.summary_details.account_type,
				holder_name: account.profile_details.name,
				current_balance: account.summary_details.current_balance,
				balance_date_time: account.summary_details.balance_date_time,
				period_start: account.transaction_data.start_date,
				period_end: account.transaction_data.end_date,
				transaction_count: account.transaction_data.transaction_details.length,
			});
			// the balance keeps its exact string
			expect(json.current_balance).toMatch(/^\d+\.\d{2}$/);
		});
	});

	test('it applies to One Item per Account only: the report and transactions stay as they are', async () => {
		const clientId = await newClient();
		const report = (await fetch(clientId, { output: 'report', simplify: true })).output[0];
		expect(report).toHaveLength(1);
		expect(report[0].json.account_aggregator_json.length).toBeGreaterThan(0);
		const transactions = (await fetch(clientId, { output: 'transaction', simplify: true })).output[0];
		expect(transactions[0].json).toHaveProperty('transaction_index', 0);
	});
});

describe('Fetch PDF report', () => {
	test('downloads every READY report as binary right away, without sending keys to the link', async () => {
		const clientId = await newClient();
		// A third bank whose statement is not generated yet: status PENDING, no usable link.
		await control(`aa/clients/${clientId}`, { consent: 'approved', data: 'ready', accounts: [{}, {}, { fip_id: 'SBI-FIP', status: 'PENDING' }] });
		const { output, ctx } = await run({ operation: 'fetchPdfReport', clientId, binaryPropertyName: 'statement', waitForCompletion: false });
		const ready = output[0].filter((o) => o.binary);
		expect(ready.length).toBeGreaterThanOrEqual(2);
		for (const item of ready) {
			const bytes = Buffer.from(item.binary.statement.data, 'base64');
			expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
			expect(item.binary.statement.mimeType).toBe('application/pdf');
			expect(item.json.file_name).toMatch(/^[A-Za-z0-9_-]+_[0-9A-Za-z]{1,4}\.pdf$/);
			expect(JSON.stringify(item.json)).not.toContain('X-Amz');
		}
		const pending = output[0].filter((o) => !o.binary);
		expect(pending[0].json.status).toBe('PENDING');
		const downloads = ctx.httpLog.filter((r) => r.url.includes('/sim/s3/'));
		expect(downloads.length).toBe(ready.length);
		downloads.forEach((d) => expect(JSON.stringify(d.headers || {})).not.toMatch(/sim_key|sim_secret/));
	});
});

describe('Refresh data', () => {
	test('returns a request_id that Fetch JSON report accepts for a monitoring consent', async () => {
		const clientId = await newClient('loan_monitoring');
		await control(`aa/clients/${clientId}`, { consent: 'approved', data: 'ready' });
		const { output } = await run({ operation: 'refreshData', clientId });
		const requestId = output[0][0].json.request_id;
		expect(requestId).toMatch(/^account_aggregator_v2_/);
		const { output: report } = await run({ operation: 'fetchJsonReport', clientId, requestId, output: 'report', waitForCompletion: true, maxWaitSeconds: 5, pollIntervalSeconds: 0.1 });
		expect(report[0][0].json.client_id).toBe(clientId);
	});
	test('the monthly quota answer (422 limit exceeded) is not retried', async () => {
		const clientId = await newClient('loan_monitoring');
		await control('config', { monthlyRefreshLimit: 1 });
		await run({ operation: 'refreshData', clientId });
		const error = await run({ operation: 'refreshData', clientId }).catch((e) => e);
		expect(error.message).toMatch(/limit exceeded/i);
		expect(error.description).toMatch(/quota/);
		expect(vendorRequests('/refresh-data')).toHaveLength(2);
	});
});

describe('Initialize consent and wait', () => {
	test('passes the resume URL with a token bound to the execution, then puts the execution to wait', async () => {
		const { output, ctx } = await runNode(FinpassAccountAggregator, {
			parameters: { operation: 'initConsentAndWait', mobileNumber: '9876543210', consentType: 'loan_underwriting', additionalFields: {}, maxWaitHours: 2 },
			credentials: credentials(),
			executionId: '42',
		});
		const sent = vendorRequests('/init')[0].json;
		expect(sent.webhook_url).toBe(`http://127.0.0.1:5678/webhook-waiting/42?signature=abc&fp_token=${consentToken('sim_secret', '42')}`);
		expect(ctx.waitTill.getTime()).toBeGreaterThan(Date.now() + 7_000_000);
		expect(output[0][0].json.client_id).toMatch(/^aa_/);
	});
	test('reads the Additional Fields typed under Initialize Consent (same parameter); a Webhook URL typed there is not used', async () => {
		const additionalFields = { pan: 'abcde1234f', email: 'asha@example.com', webhookUrl: 'https://example.com/other-hook' };
		await runNode(FinpassAccountAggregator, {
			parameters: { operation: 'initConsentAndWait', mobileNumber: '9876543210', consentType: 'loan_underwriting', additionalFields, maxWaitHours: 2 },
			credentials: credentials(),
			executionId: '43',
		});
		const sent = vendorRequests('/init')[0].json;
		expect(sent).toMatchObject({ pan: 'ABCDE1234F', email: 'asha@example.com' });
		expect(sent.webhook_url).toMatch(/^http:\/\/127\.0\.0\.1:5678\/webhook-waiting\/43\?/);
	});
	test('the token differs per execution and per secret', () => {
		expect(consentToken('s1', '1')).not.toBe(consentToken('s1', '2'));
		expect(consentToken('s1', '1')).not.toBe(consentToken('s2', '1'));
		expect(consentToken('s1', '1')).toHaveLength(43);
	});
});
