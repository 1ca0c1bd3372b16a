// Fetch JSON Report → "Summary per Account": the output an AI agent gets when it calls the node
// as a tool. Exact totals, balances walked in time order, and a size that does not grow with the
// number of transactions.
const { DIST } = require('../helpers/context');
const { useSimulator } = require('../helpers/simulator');
const { nodeRunner } = require('../helpers/node');
const { FinpassAccountAggregator } = require(`${DIST}/nodes/FinpassAccountAggregator/FinpassAccountAggregator.node.js`);
const { summarizeAccount } = require(`${DIST}/nodes/FinpassAccountAggregator/actions/accountSummary.js`);

const sim = useSimulator({ consentDelayMs: 0, dataDelayMs: 0, resetEachTest: true });
const control = sim.control;
const run = nodeRunner(FinpassAccountAggregator, { parameters: { resource: 'accountAggregator' }, credentials: () => sim.credentials });
async function readyClient(transactions) {
	const { output } = await run({ operation: 'initConsent', mobileNumber: '9876543210', consentType: 'loan_underwriting', additionalFields: {} });
	const clientId = output[0][0].json.client_id;
	await control(`aa/clients/${clientId}`, { consent: 'approved', data: 'ready', ...(transactions ? { transactions } : {}) });
	return clientId;
}
const fetchReport = (clientId, output) => run({ operation: 'fetchJsonReport', clientId, requestId: '', output, waitForCompletion: false });

/** Independent check: sums in paise from the amount's decimal text. */
const paise = (v) => {
	const [r, f = ''] = String(v).split('.');
	return BigInt(r) * 100n + BigInt((f + '00').slice(0, 2));
};
const rupees = (p) => `${p / 100n}.${String(p % 100n).padStart(2, '0')}`;

describe('Fetch JSON Report, Summary per Account', () => {
	test('one item per account with exact totals, counts, dates and balances matching the full report', async () => {
		const clientId = await readyClient();
		const { output: full } = await fetchReport(clientId, 'report');
		const accounts = full[0][0].json.account_aggregator_json;
		const { output } = await fetchReport(clientId, 'summary');
		expect(output[0]).toHaveLength(accounts.length);
		output[0].forEach(({ json, pairedItem }, k) => {
			const account = accounts[k];
			const rows = account.transaction_data.transaction_details;
			const credits = rows.filter((t) => t.type === 'CREDIT').reduce((s, t) => s + paise(t.amount), 0n);
			const debits = rows.filter((t) => t.type === 'DEBIT').reduce((s, t) => s + paise(t.amount), 0n);
			const first = rows[0];
			const opening = paise(first.transactional_balance) + (first.type === 'CREDIT' ? -1n : 1n) * paise(first.amount);
			expect(json).toEqual({
				client_id: clientId,
				account_id: account.account_id,
				masked_account_number: account.masked_account_number,
				fip_id: account.fip_id ?? null, // the simulated report names no FIP on the account
				ifsc: account.summary_details.ifsc,
				account_type: account.summary_details.account_sub_type,
				account_status: 'ACTIVE',
				holder_name: account.profile_details.name,
				currency: 'INR',
				current_balance: account.summary_details.current_balance,
				balance_date_time: account.summary_details.balance_date_time,
				period_start: '2024-08-01',
				period_end: '2024-10-31',
				transaction_count: rows.length,
				first_transaction_date: rows[0].transaction_timestamp.slice(0, 10),
				last_transaction_date: rows[rows.length - 1].transaction_timestamp.slice(0, 10),
				credit_count: rows.filter((t) => t.type === 'CREDIT').length,
				total_credits: rupees(credits),
				debit_count: rows.filter((t) => t.type === 'DEBIT').length,
				total_debits: rupees(debits),
				unreadable_transactions: 0,
				opening_balance: rupees(opening),
				closing_balance: rows[rows.length - 1].transactional_balance,
				balance_mismatches: 0,
			});
			// the closing balance is the account's current balance in the simulator
			expect(json.closing_balance).toBe(account.summary_details.current_balance);
			expect(pairedItem).toEqual({ item: 0 });
		});
		// the second account has paise amounts (0.10 + 0.20 …): exact, no float drift
		expect(output[0][1].json.total_debits).toBe('1333.62');
	});

	test('50,000 transactions: the summary stays small and its totals still add up', async () => {
		const clientId = await readyClient(50000);
		const { output } = await fetchReport(clientId, 'summary');
		const size = Buffer.byteLength(JSON.stringify(output[0].map((o) => o.json)));
		expect(size).toBeLessThan(4000);
		const [first] = output[0];
		expect(first.json.transaction_count).toBe(50000);
		expect(first.json.credit_count + first.json.debit_count).toBe(50000);
		// opening + credits − debits = closing, in exact paise
		const j = first.json;
		expect(paise(j.opening_balance) + paise(j.total_credits) - paise(j.total_debits)).toBe(paise(j.closing_balance));
	});

	test('newest-first rows and an unreadable amount: dates from the oldest to the newest, the bad row counted, not guessed', () => {
		const rows = [
			{ amount: 100, type: 'CREDIT', transaction_timestamp: '2024-08-03T10:00:00+05:30', transactional_balance: '1300.00' },
			{ amount: 'n/a', type: 'DEBIT', transaction_timestamp: '2024-08-02T10:00:00+05:30', transactional_balance: '1200.00' },
			{ amount: 0.1, type: 'DEBIT', transaction_timestamp: '2024-08-01T10:00:00+05:30', transactional_balance: '999.90' },
		];
		const json = summarizeAccount({ account_id: 'a1', transaction_data: { transaction_details: rows } }, 'aa_x');
		expect(json).toMatchObject({
			transaction_count: 3,
			first_transaction_date: '2024-08-01',
			last_transaction_date: '2024-08-03',
			credit_count: 1,
			total_credits: '100.00',
			debit_count: 1,
			total_debits: '0.10',
			unreadable_transactions: 1,
			opening_balance: '1000.00',
			closing_balance: '1300.00',
			fip_id: null,
			ifsc: null,
		});
	});

	test('a missing row shows as a balance mismatch', () => {
		const rows = [
			{ amount: 50, type: 'DEBIT', value_date: '2024-08-01T00:00:00+05:30', transactional_balance: '950.00' },
			// a CREDIT of 500 between these two is missing from the data
			{ amount: 50, type: 'DEBIT', value_date: '2024-08-05T00:00:00+05:30', transactional_balance: '1400.00' },
		];
		const json = summarizeAccount({ transaction_data: { transaction_details: rows } }, 'aa_x');
		expect(json).toMatchObject({ balance_mismatches: 1, opening_balance: '1000.00', closing_balance: '1400.00', total_debits: '100.00', last_transaction_date: '2024-08-05' });
	});

	test('an account without transactions gives zeros and nulls, not an error', () => {
		const json = summarizeAccount({ account_id: 'a1', summary_details: { current_balance: '10.00', currency: 'INR' } }, 'aa_x');
		expect(json).toMatchObject({ transaction_count: 0, total_credits: '0.00', total_debits: '0.00', first_transaction_date: null, opening_balance: null, closing_balance: null, current_balance: '10.00' });
	});
});
