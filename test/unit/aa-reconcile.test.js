// Finpass Account Aggregator → Fetch JSON Report with "Reconcile Balances" (shared/finance),
// against the simulator's report (packages/simulator/lib/routes/account-aggregator.js).
const { DIST } = require('../helpers/context');
const { useSimulator } = require('../helpers/simulator');
const { nodeRunner } = require('../helpers/node');
const { FinpassAccountAggregator } = require(`${DIST}/nodes/FinpassAccountAggregator/FinpassAccountAggregator.node.js`);
const { reportItems } = require(`${DIST}/nodes/FinpassAccountAggregator/actions/fetchJsonReport.operation.js`);

const sim = useSimulator({ resetEachTest: true });
const control = sim.control;
const run = nodeRunner(FinpassAccountAggregator, { parameters: { resource: 'accountAggregator' }, credentials: () => sim.credentials });

/** A client whose consent is approved and whose data is ready. */
async function readyClient(change = {}) {
	const { output } = await run({ operation: 'initConsent', mobileNumber: '9876543210', consentType: 'loan_underwriting', additionalFields: {} });
	const clientId = output[0][0].json.client_id;
	await control(`aa/clients/${clientId}`, { consent: 'approved', data: 'ready', ...change });
	return clientId;
}
const fetchReport = (clientId, output, reconcileBalances = true) =>
	run({ operation: 'fetchJsonReport', clientId, requestId: '', output, reconcileBalances, waitForCompletion: false });

describe('Fetch JSON Report with Reconcile Balances', () => {
	test('one item per account: both sample accounts reconcile, the repeated T000001 rows all counted', async () => {
		const clientId = await readyClient();
		const { output } = await fetchReport(clientId, 'account');
		const [first, second] = output[0].map((i) => i.json);
		// The document-sample account: T000001 three times (debit, debit again, reversal). Dropping
		// "duplicates" by id would break the chain; every row is walked.
		expect(first.transaction_data.transaction_details.filter((t) => t.transaction_id === 'T000001')).toHaveLength(3);
		expect(first.reconciliation).toMatchObject({ checked: 8, mismatches: 0, unchecked: 0, ordered: 'oldest-first', gaps: [] });
		expect(first.reconciliation.closing_balance).toBe(first.summary_details.current_balance);
		// The paise account (0.10, 0.20, 0.30, 0.07 …, amounts as JSON numbers): exact to the paisa.
		expect(second.reconciliation).toEqual({
			checked: 7,
			mismatches: 0,
			unchecked: 0,
			opening_balance: '10000.10',
			closing_balance: second.summary_details.current_balance,
			ordered: 'oldest-first',
			gaps: [],
		});
	});

	test('report output: the summary sits in each account of the report; without the option nothing is added', async () => {
		const clientId = await readyClient();
		const { output } = await fetchReport(clientId, 'report');
		const [report] = output[0].map((i) => i.json);
		expect(report.client_id).toBe(clientId);
		expect(report.account_aggregator_json.map((a) => a.reconciliation.mismatches)).toEqual([0, 0]);
		const { output: plain } = await fetchReport(clientId, 'report', false);
		expect(plain[0][0].json.account_aggregator_json.some((a) => 'reconciliation' in a)).toBe(false);
	});

	test('one item per transaction: no balance_check on a consistent report', async () => {
		const clientId = await readyClient();
		const { output } = await fetchReport(clientId, 'transaction');
		expect(output[0]).toHaveLength(17);
		expect(output[0].some((i) => 'balance_check' in i.json)).toBe(false);
	});

	test('a long generated series (2,000 rows) reconciles', async () => {
		const clientId = await readyClient({ transactions: 2000 });
		const { output } = await fetchReport(clientId, 'account');
		expect(output[0][0].json.reconciliation).toMatchObject({ checked: 1999, mismatches: 0 });
	});

	test('a report with a row removed and a newest-first listing: the gap is on the row after the hole', async () => {
		const clientId = await readyClient();
		const { output } = await fetchReport(clientId, 'report', false);
		const report = output[0][0].json;
		const account = report.account_aggregator_json[1];
		const rows = account.transaction_data.transaction_details;
		const removed = rows[4]; // DEBIT 999.99
		const listed = rows.filter((_, k) => k !== 4).reverse();
		const doctored = { ...report, account_aggregator_json: [{ ...account, transaction_data: { ...account.transaction_data, transaction_details: listed } }] };

		const [summary] = reportItems(doctored, 'account', true).map((i) => i.json);
		expect(summary.reconciliation).toMatchObject({ ordered: 'newest-first', mismatches: 1 });
		const [gap] = summary.reconciliation.gaps;
		expect(gap).toMatchObject({ transaction_id: rows[5].transaction_id, difference: '-999.99' });
		expect(removed).toMatchObject({ type: 'DEBIT', amount: 999.99 });

		const items = reportItems(doctored, 'transaction', true).map((i) => i.json);
		const marked = items.filter((j) => j.balance_check);
		expect(marked).toHaveLength(1);
		expect(marked[0]).toMatchObject({ transaction_index: gap.index, transaction_id: rows[5].transaction_id, amount: rows[5].amount });
		expect(marked[0].balance_check).toEqual({ expected: gap.expected, reported: gap.reported, difference: '-999.99' });
	});
});
