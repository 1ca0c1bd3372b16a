// FinPro FI Data node and FinPro API credential, against the simulator (packages/simulator/lib/routes/finpro.js).
const axios = require('axios');
const { runNode, DIST } = require('../helpers/context');
const { scriptedServer } = require('../helpers/server');
const { useSimulator } = require('../helpers/simulator');
const { nodeRunner } = require('../helpers/node');
const { DOC_CONSENT, DOC_LINK, PAISE_LINK } = require('../../packages/simulator/lib/routes/finpro');
const { FinProFiData } = require(`${DIST}/nodes/FinProFiData/FinProFiData.node.js`);
const { FinProApi } = require(`${DIST}/credentials/FinProApi.credentials.js`);
const { NodeApiError, NodeOperationError } = require('n8n-workflow');

const PERIODIC = '5f0c1a2e-7b3d-4c8e-9a61-2d4f6b8e0a01';
const PAUSED = '5f0c1a2e-7b3d-4c8e-9a61-2d4f6b8e0a02';
const REVOKED = '5f0c1a2e-7b3d-4c8e-9a61-2d4f6b8e0a03';
const FETCHING = '5f0c1a2e-7b3d-4c8e-9a61-2d4f6b8e0a04';
const NO_DATA = '5f0c1a2e-7b3d-4c8e-9a61-2d4f6b8e0a05';
const UNKNOWN = '11111111-2222-4333-8444-555555555555';
const SECRET = 'sim_client_secret';

const sim = useSimulator({ resetEachTest: true });
const control = sim.control;

/** The simulator's FinPro keys (client secret SECRET), with `extra` over them. */
const keys = (extra = {}) => ({ ...sim.credentials.finProApi, ...extra });
const run = nodeRunner(FinProFiData, { nodeType: 'n8n-nodes-finpass.finProFiData', parameters: { resource: 'fiData' }, credentials: () => ({ finProApi: keys() }) });
const jsonOf = ({ output }) => output[0].map((item) => item.json);
const requests = (path) => sim.requests.filter((r) => r.path === path);
const getFiData = (extra = {}) => ({ operation: 'getFiData', consentId: DOC_CONSENT, linkReferenceNumber: DOC_LINK, output: 'account', ...extra });

describe('FinPro API credential', () => {
	test('sends the four FinPro headers', async () => {
		await run(getFiData());
		const [request] = requests('/getfidata');
		expect(request.headers).toMatchObject({ client_id: 'sim_client', client_secret: SECRET, organisationid: 'sim_org', appidentifier: 'sim_app' });
	});

	test('its test request costs nothing: good keys get InvalidConsentId (accepted), bad keys 401 (refused)', async () => {
		const credential = new FinProApi();
		const { request } = credential.test;
		expect(request.ignoreHttpStatusErrors).toEqual({ ignore: true, except: [401, 403] });
		const send = async (values) => {
			const { headers } = await credential.authenticate(values, { headers: {} });
			return axios({ method: request.method, url: `${values.baseUrl}${request.url}`, data: request.body, headers, validateStatus: () => true });
		};
		const good = await send(keys());
		expect([401, 403]).not.toContain(good.status);
		expect(good.data.errorCode).toBe('InvalidConsentId');
		expect(good.data.errorCode).not.toBe(credential.test.rules[0].properties.value);
		const bad = await send(keys({ clientSecret: 'wrong' }));
		expect(bad.status).toBe(401);
		expect(bad.data.errorCode).toBe('Unauthorized');
		// Nobody's data was read: the all-zero consent does not exist.
		expect(requests('/getfibalance').map((r) => r.json.consentID)).toEqual(['00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000']);
	});

	test('wrong keys: the vendor message with its code and the credential hint, no secret in the error', async () => {
		const error = await runNode(FinProFiData, { parameters: { resource: 'fiData', ...getFiData() }, credentials: { finProApi: keys({ clientSecret: 'wrong_secret_value' }) } }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('FinPro: Invalid credentials [Unauthorized]');
		expect(error.description).toMatch(/rejected the credentials/);
		expect(JSON.stringify(error)).not.toContain('wrong_secret_value');
	});
});

describe('Get FI data', () => {
	test("one item per account: the document's account, amounts untouched, newest first", async () => {
		const [account] = jsonOf(await run(getFiData()));
		expect(account).toMatchObject({
			consentID: DOC_CONSENT,
			linkReferenceNumber: DOC_LINK,
			maskedAccountNumber: 'XXXXXXXX3900',
			balance: '101666.33',
			fipName: 'FinShareBankServer',
			fipId: 'finsharebank',
			fiType: 'DEPOSIT',
			transaction_count: 12,
		});
		expect(account.fiData).toHaveLength(12);
		expect(account.fiData[0]).toMatchObject({ txnId: 'TXN123456789', type: 'CREDIT', amount: '5000.00', currentBalance: '101666.33' });
		expect(account.fiData[1]).toMatchObject({ txnId: 'TXN123456788', type: 'DEBIT', amount: '1500.00', currentBalance: '96666.33' });
		expect(requests('/getfidata')[0].json).toEqual({ consentID: DOC_CONSENT, linkReferenceNumber: DOC_LINK });
	});

	test('one item per transaction, each carrying the masked number, FIP and link reference; repeated txnIds kept', async () => {
		const items = jsonOf(await run(getFiData({ output: 'transaction' })));
		expect(items).toHaveLength(12);
		expect(items.every((t) => t.maskedAccountNumber === 'XXXXXXXX3900' && t.fipId === 'finsharebank' && t.fipName === 'FinShareBankServer' && t.linkReferenceNumber === DOC_LINK)).toBe(true);
		expect(items.map((t) => t.transaction_index)).toEqual([...Array(12).keys()]);
		const ids = items.map((t) => t.txnId);
		expect(new Set(ids).size).toBe(11); // the simulator repeats one id, as vendors do
	});

	test('IDs are checked before anything is sent (a typo never costs a call)', async () => {
		const error = await run(getFiData({ linkReferenceNumber: '7f8227f1-697f-40d3-a4af' })).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/^Link Reference Number "7f8227f1-697f-40d3-a4af" is not valid: expected a UUID/);
		const badConsent = await run(getFiData({ consentId: 'not-a-consent' })).catch((e) => e);
		expect(badConsent.message).toMatch(/^Consent ID "not-a-consent" is not valid/);
		expect(sim.requests).toHaveLength(0);
	});

	test('upper-case UUIDs are accepted and sent lower-case', async () => {
		await run(getFiData({ consentId: DOC_CONSENT.toUpperCase() }));
		expect(requests('/getfidata')[0].json.consentID).toBe(DOC_CONSENT);
	});

	test('Add Paise Fields: exact integers beside the untouched strings', async () => {
		const [first] = jsonOf(await run(getFiData({ output: 'transaction', fetchOptions: { paiseFields: true } })));
		expect(first).toMatchObject({ amount: '5000.00', amount_paise: 500000, currentBalance: '101666.33', balance_paise: 10166633 });
		const [account] = jsonOf(await run(getFiData({ fetchOptions: { paiseFields: true } })));
		expect(account.balance_paise).toBe(10166633);
		expect(account.fiData[1].amount_paise).toBe(150000);
	});
});

describe('paging (Options → Paging)', () => {
	test('by default no paging query: one request, as the document\'s example', async () => {
		const items = jsonOf(await run(getFiData({ output: 'transaction' })));
		expect(items).toHaveLength(12);
		expect(requests('/getfidata').map((r) => r.query)).toEqual([{}]);
	});

	test('Platform Pages: ?limit=true, then ?limit=true&offset=true until a page is shorter than the first; same rows as one answer', async () => {
		const all = jsonOf(await run(getFiData({ output: 'transaction' })));
		sim.requests.length = 0;
		sim.setConfig({ finproPageSize: 5 });
		const paged = jsonOf(await run(getFiData({ output: 'transaction', fetchOptions: { paging: 'platform' } })));
		expect(requests('/getfidata').map((r) => r.query)).toEqual([
			{ limit: 'true' },
			{ limit: 'true', offset: 'true' },
			{ limit: 'true', offset: 'true' },
		]);
		expect(paged).toEqual(all);
	});

	test('Platform Pages: everything on the first page costs one more request, which comes back empty', async () => {
		const items = jsonOf(await run(getFiData({ output: 'transaction', fetchOptions: { paging: 'platform' } })));
		expect(items).toHaveLength(12);
		expect(requests('/getfidata').map((r) => r.query)).toEqual([{ limit: 'true' }, { limit: 'true', offset: 'true' }]);
	});

	test('Numeric Limit and Offset (opt-in, for a tenant that documents numbers)', async () => {
		sim.setConfig({ finproNumericPaging: true });
		const items = jsonOf(await run(getFiData({ output: 'transaction', fetchOptions: { paging: 'numeric', pageSize: 5 } })));
		expect(items).toHaveLength(12);
		expect(requests('/getfidata').map((r) => r.query)).toEqual([
			{ limit: '5', offset: '0' },
			{ limit: '5', offset: '5' },
			{ limit: '5', offset: '10' },
		]);
	});

	test('numbers sent to a tenant that follows the document are a contract violation', async () => {
		const error = await run(getFiData({ fetchOptions: { paging: 'numeric', pageSize: 5 } })).catch((e) => e);
		expect(error.message).toMatch(/Contract violation: limit=5/);
		expect(sim.takeViolations().map((v) => v.rule)).toEqual(['query', 'query']);
	});

	test('Limit: only the newest N transactions, without asking for more', async () => {
		sim.setConfig({ finproPageSize: 5 });
		const items = jsonOf(await run(getFiData({ output: 'transaction', returnAll: false, limit: 7, fetchOptions: { paging: 'platform' } })));
		expect(items.map((t) => t.transaction_index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(items[0].txnId).toBe('TXN123456789');
		expect(requests('/getfidata')).toHaveLength(2);
	});

	test('Get All FI Data pages every account at once and stops when the longest is done', async () => {
		sim.setConfig({ finproPageSize: 5 });
		const items = jsonOf(await run({ operation: 'getAllFiData', lookUpBy: 'consent', consentId: DOC_CONSENT, output: 'account', fetchOptions: { paging: 'platform' } }));
		expect(items.map((a) => a.fiData.length)).toEqual([12, 8]);
		expect(requests('/getallfidata')).toHaveLength(3);
	});

	test('a 50,000-transaction account arrives whole and reconciled, in platform pages of 500', async () => {
		await control(`finpro/consents/${DOC_CONSENT}`, { transactions: 50000 });
		sim.setConfig({ finproPageSize: 500 });
		const [account] = jsonOf(await run(getFiData({ reconcileBalances: true, fetchOptions: { paging: 'platform' } })));
		expect(account.transaction_count).toBe(50000);
		expect(account.reconciliation).toMatchObject({ checked: 49999, mismatches: 0, ordered: 'newest-first', closing_balance: '101666.33' });
		// 100 full pages, then an empty one that ends the list.
		expect(requests('/getfidata')).toHaveLength(101);
	});

	test('a server that keeps answering full pages stops with a clear error at Max Pages / Max Transactions', async () => {
		const page = { ver: '1.21.0', status: 'success', data: { linkReferenceNumber: DOC_LINK, fiData: [] } };
		let n = 0;
		// Every page is new and full: without the caps this would never end.
		const endless = await scriptedServer(() => {
			n++;
			const rows = [0, 1].map((k) => ({ txnId: `T${n}-${k}`, amount: '1.00', type: 'CREDIT', currentBalance: '1.00', transactionTimestamp: `2025-01-01T00:00:${String(k).padStart(2, '0')}Z` }));
			return { body: { ...page, data: { ...page.data, fiData: rows } } };
		});
		try {
			const params = (fetchOptions) => ({ parameters: { resource: 'fiData', ...getFiData({ fetchOptions }) }, credentials: { finProApi: keys({ baseUrl: endless.url }) } });
			const pages = await runNode(FinProFiData, params({ paging: 'platform', maxPages: 7 })).catch((e) => e);
			expect(pages.message).toMatch(/FinPro kept sending pages: stopped at Max Pages \(7\)/);
			expect(endless.requests).toHaveLength(7);
			const rows = await runNode(FinProFiData, params({ paging: 'platform', maxTransactions: 9 })).catch((e) => e);
			expect(rows.message).toMatch(/stopped at Max Transactions \(9\)/);
			expect(endless.requests).toHaveLength(7 + 5);
		} finally {
			await endless.close();
		}
	});

	test('a tenant that ignores the offset (sends page 1 again) does not duplicate rows', async () => {
		const page = { ver: '1.21.0', status: 'success', data: { linkReferenceNumber: DOC_LINK, fiData: [{ txnId: 'A', amount: '1.00', type: 'CREDIT', currentBalance: '1.00', transactionTimestamp: '2025-01-02' }, { txnId: 'B', amount: '1.00', type: 'CREDIT', currentBalance: '0.00', transactionTimestamp: '2025-01-01' }] } };
		const tenant = await scriptedServer(() => ({ body: page }));
		try {
			const { output } = await runNode(FinProFiData, { parameters: { resource: 'fiData', ...getFiData({ output: 'transaction', fetchOptions: { paging: 'platform' } }) }, credentials: { finProApi: keys({ baseUrl: tenant.url }) } });
			expect(output[0].map((i) => i.json.txnId)).toEqual(['A', 'B']);
			expect(tenant.requests.map((r) => r.url)).toEqual(['/getfidata?limit=true', '/getfidata?limit=true&offset=true']);
		} finally {
			await tenant.close();
		}
	});
});

describe('Reconcile Balances', () => {
	test('a clean account: summary per account, no balance_check on transactions', async () => {
		const [account] = jsonOf(await run(getFiData({ reconcileBalances: true })));
		expect(account.reconciliation).toEqual({
			checked: 11,
			mismatches: 0,
			unchecked: 0,
			opening_balance: expect.any(String),
			closing_balance: '101666.33',
			ordered: 'newest-first',
			gaps: [],
		});
		const items = jsonOf(await run(getFiData({ output: 'transaction', reconcileBalances: true })));
		expect(items.some((t) => 'balance_check' in t)).toBe(false);
	});

	test('a missing transaction: a gap in the summary and a balance_check on the row after it', async () => {
		// Chronological row 5 of 12 is dropped; served newest first it would have been index 6.
		await control(`finpro/consents/${DOC_CONSENT}`, { drop: [5] });
		const [account] = jsonOf(await run(getFiData({ reconcileBalances: true })));
		expect(account.reconciliation.mismatches).toBe(1);
		const [gap] = account.reconciliation.gaps;
		expect(gap.index).toBe(5);
		expect(gap.transaction_id).toBe(account.fiData[5].txnId);

		const items = jsonOf(await run(getFiData({ output: 'transaction', reconcileBalances: true })));
		const checked = items.filter((t) => t.balance_check);
		expect(checked).toHaveLength(1);
		expect(checked[0].transaction_index).toBe(5);
		expect(checked[0].balance_check).toEqual({ expected: gap.expected, reported: gap.reported, difference: gap.difference });
		expect(checked[0].amount).toBe(account.fiData[5].amount); // amounts untouched
	});

	test('a doctored balance and a shuffled listing', async () => {
		await control(`finpro/consents/${DOC_CONSENT}`, { tamper: [3], order: 'shuffled' });
		const [account] = jsonOf(await run(getFiData({ reconcileBalances: true })));
		expect(account.reconciliation.ordered).toBe('unordered');
		expect(account.reconciliation.gaps.map((g) => g.difference)).toEqual(['1.00', '-1.00']);
	});

	test('the paise account reconciles exactly', async () => {
		const [account] = jsonOf(await run(getFiData({ linkReferenceNumber: PAISE_LINK, reconcileBalances: true })));
		expect(account.reconciliation).toMatchObject({ checked: 7, mismatches: 0, closing_balance: '12345.67' });
	});
});

describe('Get all FI data', () => {
	test('by consent: every account, one item per transaction with its own account context', async () => {
		const items = jsonOf(await run({ operation: 'getAllFiData', lookUpBy: 'consent', consentId: DOC_CONSENT, output: 'transaction', reconcileBalances: true }));
		expect(items).toHaveLength(20);
		expect(items.filter((t) => t.linkReferenceNumber === PAISE_LINK).every((t) => t.maskedAccountNumber === 'XXXXXX7781' && t.fipId === 'paisebank-fip')).toBe(true);
		expect(items.every((t) => t.consentID === DOC_CONSENT)).toBe(true);
		expect(requests('/getallfidata')[0].json).toEqual({ consentID: DOC_CONSENT });
	});

	test('by account ID', async () => {
		const consents = await control('finpro/consents');
		const { accountID } = consents.find((c) => c.consentID === DOC_CONSENT).accounts[1];
		const [account] = jsonOf(await run({ operation: 'getAllFiData', lookUpBy: 'account', accountId: accountID, output: 'account' }));
		expect(account).toMatchObject({ accountID, linkReferenceNumber: PAISE_LINK, transaction_count: 8 });
		expect(requests('/getallfidata')[0].json).toEqual({ accountID });
	});

	test('a date range is sent as ISO 8601 UTC and filters the transactions', async () => {
		const items = jsonOf(await run({ operation: 'getAllFiData', lookUpBy: 'consent', consentId: DOC_CONSENT, transactionsStartDate: '2025-11-12', transactionsEndDate: '2025-11-13', output: 'transaction' }));
		expect(requests('/getallfidata')[0].json).toEqual({ consentID: DOC_CONSENT, transactionsStartDate: '2025-11-12T00:00:00.000Z', transactionsEndDate: '2025-11-13T23:59:59.999Z' });
		expect(items.map((t) => t.txnId)).toEqual(['TXN123456789', 'TXN123456788']);
	});

	test('a range with nothing in it: NoDataFound with what to do next', async () => {
		const error = await run({ operation: 'getAllFiData', lookUpBy: 'consent', consentId: DOC_CONSENT, transactionsStartDate: '2030-01-01T00:00:00Z', output: 'account' }).catch((e) => e);
		expect(error.message).toMatch(/\[NoDataFound\]$/);
		expect(error.description).toMatch(/Widen the transaction date range/);
	});

	test('a start after the end, or a date that is no date, stops before any request', async () => {
		const reversed = await run({ operation: 'getAllFiData', lookUpBy: 'consent', consentId: DOC_CONSENT, transactionsStartDate: '2025-02-01', transactionsEndDate: '2025-01-01', output: 'account' }).catch((e) => e);
		expect(reversed.message).toMatch(/is after Transactions To/);
		const garbled = await run({ operation: 'getAllFiData', lookUpBy: 'consent', consentId: DOC_CONSENT, transactionsStartDate: 'last tuesday', output: 'account' }).catch((e) => e);
		expect(garbled.message).toMatch(/^Transactions From "last tuesday" is not a date/);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Get latest data', () => {
	test('a PERIODIC consent: the latest fetch only', async () => {
		const items = jsonOf(await run({ operation: 'getLatestData', consentId: PERIODIC, output: 'transaction', reconcileBalances: true }));
		expect(items).toHaveLength(3);
		expect(items.some((t) => t.balance_check)).toBe(false);
		expect(requests('/getalllatestfidata')[0].json).toEqual({ consentID: PERIODIC });
	});

	test('a ONETIME consent is refused by FinPro with its message', async () => {
		const error = await run({ operation: 'getLatestData', consentId: DOC_CONSENT, output: 'account' }).catch((e) => e);
		expect(error.message).toMatch(/PERIODIC fetch type \[InvalidRequest\]$/);
		expect(error.httpCode).toBe('400');
	});
});

describe('Get balance', () => {
	test('every account of the consent: one item each, balance as FinPro sent it', async () => {
		const items = jsonOf(await run({ operation: 'getBalance', consentId: DOC_CONSENT, linkReferenceNumber: '', paiseFields: true }));
		expect(items.map((a) => [a.linkReferenceNumber, a.balance, a.balance_paise])).toEqual([
			[DOC_LINK, '101666.33', 10166633],
			[PAISE_LINK, '12345.67', 1234567],
		]);
		expect(requests('/getfibalance')[0].json).toEqual({ consentID: DOC_CONSENT });
	});

	test('one account', async () => {
		const items = jsonOf(await run({ operation: 'getBalance', consentId: DOC_CONSENT, linkReferenceNumber: DOC_LINK }));
		expect(items).toEqual([expect.objectContaining({ consentID: DOC_CONSENT, linkReferenceNumber: DOC_LINK, balance: '101666.33', currency: 'INR' })]);
		expect(items[0].balance_paise).toBeUndefined();
	});

	test('a link reference of another consent: InvalidLinkReference and where to find the right one', async () => {
		const error = await run({ operation: 'getBalance', consentId: PERIODIC, linkReferenceNumber: DOC_LINK }).catch((e) => e);
		expect(error.message).toBe('FinPro: Link Reference Number not associated with this consent. [InvalidLinkReference]');
		expect(error.description).toMatch(/DATA_READY event/);
	});
});

describe('Get FI data as XML', () => {
	const xmlParams = (extra = {}) => ({ operation: 'getFiDataXml', consentId: DOC_CONSENT, linkReferenceNumber: DOC_LINK, ...extra });

	test('as a text field', async () => {
		const [item] = jsonOf(await run(xmlParams({ xmlOutput: 'text', xmlField: 'statement' })));
		expect(item.consentID).toBe(DOC_CONSENT);
		expect(item.statement).toMatch(/^<\?xml version="1.0"/);
		expect(item.statement).toContain('maskedAccNumber="XXXXXXXX3900"');
		expect(item.statement).toContain('txnId="TXN123456789"');
		const [request] = requests('/xml/getfidata');
		expect(request.json).toEqual({ consentID: DOC_CONSENT, linkReferenceNumber: DOC_LINK });
		expect(request.headers.accept).toMatch(/application\/xml/);
		expect(sim.requests).toHaveLength(1); // no retry: the XML is not mistaken for broken JSON
	});

	test('as a binary .xml file', async () => {
		const { output, ctx } = await run(xmlParams({ xmlOutput: 'binary', binaryPropertyName: 'statement' }));
		const [item] = output[0];
		expect(item.json).toMatchObject({ file_name: `finpro_${DOC_LINK}.xml`, file_size: ctx.binaries[0].length });
		expect(item.binary.statement).toMatchObject({ mimeType: 'application/xml', fileName: `finpro_${DOC_LINK}.xml` });
		expect(ctx.binaries[0].toString('utf8')).toContain('<Transactions>');
	});

	test('a FinPro error on the XML endpoint is a FinPro error, with its hint', async () => {
		const error = await run(xmlParams({ consentId: REVOKED })).catch((e) => e);
		expect(error.message).toBe('FinPro: Consent is not in active state [ConsentNotActive]');
		expect(error.description).toMatch(/ask the borrower for a new consent/);
	});

	test('the path is overridable (Request Options → Custom Path)', async () => {
		const error = await run(xmlParams({ requestOptions: { path: 'getfidataxml' } })).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('404');
		expect(sim.requests[0].path).toBe('/getfidataxml');
		// Off the documented paths on purpose: the simulator records it.
		expect(sim.takeViolations().map((v) => v.rule)).toEqual(['path']);
	});
});

describe('errors that say what to do next', () => {
	test.each([
		['a paused consent', PAUSED, 'ConsentNotActive', '403', /wait for CONSENT_RESUMED/],
		['a revoked consent', REVOKED, 'ConsentNotActive', '403', /new consent/],
		['data still being fetched', FETCHING, 'DataNotAvailable', '404', /Wait for the DATA_READY event/],
		['a consent without data', NO_DATA, 'NoDataFound', '404', /no financial data/i],
		['an unknown consent', UNKNOWN, 'InvalidConsentId', '400', /Organisation ID/],
	])('%s → %s', async (_, consentId, code, status, hint) => {
		const error = await run({ operation: 'getAllFiData', lookUpBy: 'consent', consentId, output: 'account' }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(new RegExp(`^FinPro: .+ \\[${code}\\]$`));
		expect(error.context.messageCode).toBe(code);
		expect(error.httpCode).toBe(status);
		expect(error.description).toMatch(hint);
		expect(requests('/getallfidata')).toHaveLength(1); // not retried
	});

	test('the same failure inside an HTTP 200 (status "failure") is an error too, with the hint', async () => {
		sim.setConfig({ finproErrorsAs200: true });
		const error = await run(getFiData({ consentId: FETCHING, linkReferenceNumber: '5f0c1a2e-0000-4000-8000-00000000a401' })).catch((e) => e);
		expect(error.message).toBe('FinPro: Financial data not available [DataNotAvailable]');
		expect(error.httpCode).toBe('200');
		expect(error.description).toMatch(/DATA_READY/);
	});

	test('Continue On Fail: the failing item becomes an error item with the hint, the others go on', async () => {
		const consents = [DOC_CONSENT, PAUSED, PERIODIC];
		const { output } = await run({ operation: 'getBalance', consentId: (i) => consents[i], linkReferenceNumber: '' }, { items: consents.map(() => ({ json: {} })), continueOnFail: true });
		const items = output[0];
		expect(items.map((i) => i.pairedItem.item)).toEqual([0, 0, 1, 2]);
		expect(items[2].json).toMatchObject({ message_code: 'ConsentNotActive', http_code: '403', description: expect.stringMatching(/CONSENT_RESUMED/) });
		expect(items[3].json.balance).toBe('25000.00');
	});

	test('a 500 on a fetch is retried (fetches are idempotent)', async () => {
		sim.addFault({ kind: 'status', status: 500, count: 1, path: '/getfibalance' });
		const items = jsonOf(await run({ operation: 'getBalance', consentId: DOC_CONSENT, linkReferenceNumber: DOC_LINK }));
		expect(items[0].balance).toBe('101666.33');
		expect(requests('/getfibalance').map((r) => r.status)).toEqual([500, 200]);
	});
});

describe('rate limit (429 RateLimitExceeded)', () => {
	test('X-RateLimit-Reset is honoured: the batch waits until the window resets, then every item succeeds', async () => {
		sim.setConfig({ finproRateLimit: 2, finproRateWindowMs: 1000 });
		const items = Array.from({ length: 5 }, () => ({ json: {} }));
		const { output } = await run({ operation: 'getBalance', consentId: DOC_CONSENT, linkReferenceNumber: DOC_LINK }, { items });
		expect(output[0]).toHaveLength(5);
		expect(output[0].every((i) => i.json.balance === '101666.33')).toBe(true);
		const log = requests('/getfibalance');
		const rejected = log.filter((r) => r.status === 429);
		expect(rejected.length).toBeGreaterThan(0);
		expect(log.filter((r) => r.status === 200)).toHaveLength(5);
		// No Retry-After on these: the wait came from X-RateLimit-Reset (whole Unix seconds).
		const firstRetry = log.find((r, k) => k > 0 && r.status === 200 && Date.parse(r.time) > Date.parse(rejected[0].time));
		expect(Date.parse(firstRetry.time)).toBeGreaterThanOrEqual(Math.floor(Date.parse(rejected[0].time) / 1000) * 1000);
	}, 30000);

	test('the 429 answer carries the X-RateLimit headers and FinPro error body', async () => {
		sim.setConfig({ finproRateLimit: 1, finproRateWindowMs: 60000 });
		const send = () => axios.post(`${sim.url}/getfibalance`, { consentID: DOC_CONSENT }, { headers: { client_id: 'sim_client', client_secret: SECRET, organisationId: 'sim_org', appIdentifier: 'sim_app' }, validateStatus: () => true });
		const ok = await send();
		expect(ok.headers).toMatchObject({ 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0' });
		const limited = await send();
		expect(limited.status).toBe(429);
		expect(limited.data).toMatchObject({ errorCode: 'RateLimitExceeded', errorMsg: 'Too many requests', status: 'failure' });
		expect(Number(limited.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
	});

	test('a reset too far away fails the item instead of holding the workflow', async () => {
		sim.setConfig({ finproRateLimit: 1, finproRateWindowMs: 600000 });
		await run({ operation: 'getBalance', consentId: DOC_CONSENT, linkReferenceNumber: DOC_LINK });
		const error = await run({ operation: 'getBalance', consentId: DOC_CONSENT, linkReferenceNumber: DOC_LINK }).catch((e) => e);
		expect(error.message).toMatch(/Too many requests \[RateLimitExceeded\] \(FinPro asked to retry after \d+ s/);
		expect(error.httpCode).toBe('429');
	});
});
