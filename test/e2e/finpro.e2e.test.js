'use strict';
// The FinPro FI Data node inside a real n8n (the packed package, `n8n execute`), against the
// simulator (credential finpro-e2e points at it): one stored workflow per operation
// (test/e2e/workflows/finpro-<op>.json); failing cases sit on nodes set to "On Error: Continue".
const h = require('./harness');

const DOC = '3c92001e-57ea-4320-bbb8-66d524bfb435';
const LINK = '7f8227f1-697f-40d3-a4af-0508f5d0a1dd';
const PAISE = 'c0ffee00-1b2c-4d3e-8f90-a1b2c3d4e5f6';

beforeEach(() => h.sim('/reset', {}));

const execute = (id) => h.executeFinished(id);
const jsonOf = h.nodeJson;
const requests = (path) => h.sim(`/requests?path=${encodeURIComponent(path)}`);

describe('FinPro FI Data: Get FI Data', () => {
	test('per account and per transaction, paged, reconciled; a missing row is flagged; bad input and a paused consent explained', async () => {
		// Drop one transaction (chronological row 5): the balance chain breaks once.
		await h.sim(`/finpro/consents/${DOC}`, { drop: [5] });
		const result = await execute('finpro-get-fi-data');

		const [account] = jsonOf(result, 'Per Account');
		expect(account).toMatchObject({ consentID: DOC, linkReferenceNumber: LINK, maskedAccountNumber: 'XXXXXXXX3900', balance: '101666.33', balance_paise: 10166633, transaction_count: 11 });
		expect(account.fiData[0]).toMatchObject({ txnId: 'TXN123456789', amount: '5000.00', amount_paise: 500000 });
		expect(account.reconciliation).toMatchObject({ checked: 10, mismatches: 1, ordered: 'newest-first', closing_balance: '101666.33' });

		const transactions = jsonOf(result, 'Per Transaction');
		expect(transactions).toHaveLength(11);
		expect(transactions.every((t) => t.maskedAccountNumber === 'XXXXXXXX3900' && t.fipId === 'finsharebank' && t.fipName === 'FinShareBankServer' && t.linkReferenceNumber === LINK)).toBe(true);
		const flagged = transactions.filter((t) => t.balance_check);
		expect(flagged).toHaveLength(1);
		expect(flagged[0].balance_check).toEqual({
			expected: account.reconciliation.gaps[0].expected,
			reported: account.reconciliation.gaps[0].reported,
			difference: account.reconciliation.gaps[0].difference,
		});

		expect(jsonOf(result, 'Newest Five').map((t) => t.txnId).slice(0, 2)).toEqual(['TXN123456789', 'TXN123456788']);
		expect(jsonOf(result, 'Newest Five')).toHaveLength(5);

		const [bad] = jsonOf(result, 'Bad Link Reference');
		expect(bad.error).toMatch(/^Link Reference Number "7f8227f1-697f" is not valid: expected a UUID/);
		const [paused] = jsonOf(result, 'Paused Consent');
		expect(paused.error).toBe('FinPro: Consent is not in active state [ConsentNotActive]');
		expect(paused.description).toMatch(/wait for CONSENT_RESUMED/);

		const sent = await requests('/getfidata');
		// Per Account, Newest Five, Paused Consent: no paging query (the document's example); Per
		// Transaction: Platform Pages, ?limit=true (all rows fit the platform page), then
		// ?limit=true&offset=true, which comes back empty.
		expect(sent.map((r) => JSON.stringify(r.query)).sort()).toEqual(['{}', '{}', '{}', '{"limit":"true"}', '{"limit":"true","offset":"true"}'].sort());
		expect(sent.every((r) => r.headers.client_id === 'sim_client' && r.headers.organisationid === 'sim_org' && r.headers.appidentifier === 'sim_app')).toBe(true);
		// the malformed link reference never reached FinPro
		expect(sent.some((r) => r.json.linkReferenceNumber === '7f8227f1-697f')).toBe(false);
	});
});

describe('FinPro FI Data: Get All FI Data', () => {
	test('every account of the consent, a date range, an empty range and data still being fetched', async () => {
		const result = await execute('finpro-get-all-fi-data');
		const all = jsonOf(result, 'All Accounts');
		expect(all).toHaveLength(20);
		expect(new Set(all.map((t) => t.linkReferenceNumber))).toEqual(new Set([LINK, PAISE]));
		expect(all.some((t) => t.balance_check)).toBe(false);

		expect(jsonOf(result, 'Date Range').map((t) => t.txnId)).toEqual(['TXN123456789', 'TXN123456788']);
		const [empty] = jsonOf(result, 'Empty Range');
		expect(empty.error).toMatch(/\[NoDataFound\]$/);
		const [fetching] = jsonOf(result, 'Still Fetching');
		expect(fetching.error).toBe('FinPro: Financial data not available [DataNotAvailable]');
		expect(fetching.description).toMatch(/Wait for the DATA_READY event/);

		const sent = await requests('/getallfidata');
		expect(sent.find((r) => r.json.transactionsEndDate)?.json).toEqual({ consentID: DOC, transactionsStartDate: '2025-11-12T00:00:00.000Z', transactionsEndDate: '2025-11-13T23:59:59.999Z' });
	});
});

describe('FinPro FI Data: Get Latest Data', () => {
	test('a PERIODIC consent gives its latest fetch; a ONETIME one is refused by FinPro', async () => {
		const result = await execute('finpro-get-latest-data');
		const latest = jsonOf(result, 'Latest');
		expect(latest).toHaveLength(3);
		expect(latest.every((t) => t.consentID === '5f0c1a2e-7b3d-4c8e-9a61-2d4f6b8e0a01' && t.maskedAccountNumber === 'XXXXXXXX4417')).toBe(true);
		expect(jsonOf(result, 'Not Periodic')[0].error).toMatch(/PERIODIC fetch type \[InvalidRequest\]$/);
	});
});

describe('FinPro FI Data: Get Balance', () => {
	test('all accounts and one account; FinPro rate limiting (429 with X-RateLimit-Reset) is waited out', async () => {
		// One request per second: the three nodes run one after the other and meet the limit.
		await h.sim('/config', { finproRateLimit: 1, finproRateWindowMs: 1000 });
		const result = await execute('finpro-get-balance');
		expect(jsonOf(result, 'All Balances').map((a) => [a.linkReferenceNumber, a.balance, a.balance_paise])).toEqual([
			[LINK, '101666.33', 10166633],
			[PAISE, '12345.67', 1234567],
		]);
		expect(jsonOf(result, 'One Balance')).toEqual([expect.objectContaining({ linkReferenceNumber: PAISE, balance: '12345.67' })]);
		expect(jsonOf(result, 'Other Consent Link')[0].error).toBe('FinPro: Link Reference Number not associated with this consent. [InvalidLinkReference]');
		const statuses = (await requests('/getfibalance')).map((r) => r.status);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
		expect(statuses.filter((s) => s !== 429)).toEqual([200, 200, 400]);
	});
});

describe('FinPro FI Data: Get FI Data as XML', () => {
	test('as a text field and as an .xml file; a paused consent explained', async () => {
		const result = await execute('finpro-get-fi-data-xml');
		const [text] = jsonOf(result, 'XML Text');
		expect(text.xml).toMatch(/^<\?xml version="1.0"/);
		expect(text.xml).toContain(`linkedAccRef="${LINK}"`);
		const [file] = h.nodeOutput(result, 'XML File');
		expect(file.json).toMatchObject({ file_name: `finpro_${LINK}.xml` });
		expect(file.binary.data.mimeType).toBe('application/xml');
		expect(h.binaryBuffer(file, 'data').toString('utf8')).toContain('<Transactions>');
		expect(jsonOf(result, 'XML Paused Consent')[0].error).toBe('FinPro: Consent is not in active state [ConsentNotActive]');
		expect((await requests('/xml/getfidata')).map((r) => r.status)).toEqual([200, 200, 403]);
	});
});

describe('FinPro API credential', () => {
	test("n8n's credential test accepts the simulator's keys, refuses a wrong secret, and reads nobody's data", async () => {
		const n8n = await h.startN8n();
		try {
			const cookie = await n8n.ownerCookie();
			const base = { clientId: 'sim_client', clientSecret: 'sim_client_secret', organisationId: 'sim_org', appIdentifier: 'sim_app', baseUrl: h.info().simUrl };
			const test = async (data) => {
				const res = await fetch(`${n8n.baseUrl}/rest/credentials/test`, {
					method: 'POST',
					headers: { cookie, 'content-type': 'application/json' },
					body: JSON.stringify({ credentials: { id: 'finpro-e2e', name: 'FinPro e2e', type: 'finProApi', data } }),
				});
				const body = await res.json();
				return body.data ?? body;
			};
			expect(await test(base)).toMatchObject({ status: 'OK' });
			const refused = await test({ ...base, clientSecret: 'not_the_secret' });
			expect(refused.status).toBe('Error');
			const sent = await requests('/getfibalance');
			// Only the all-zero consent was asked about (n8n may repeat a refused test request).
			expect(sent.every((r) => r.json.consentID === '00000000-0000-0000-0000-000000000000')).toBe(true);
			expect(sent[0].status).toBe(400);
			expect(sent.length).toBeGreaterThanOrEqual(2);
			expect(sent.slice(1).every((r) => r.status === 401)).toBe(true);
		} finally {
			await n8n.stop();
		}
	});
});
