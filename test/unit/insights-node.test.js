// The Finpass Underwriting Insights node over what the other nodes return from the simulator:
// Get JSON Report (every output mode), FinPro Get All FI Data and AA-BSA Get Statement Result.
// Figures are checked against the simulator's own rows (plausible, independently recomputed).
const { runNode, DIST } = require('../helpers/context');
const { useSimulator } = require('../helpers/simulator');
const { DOC_CONSENT } = require('../../packages/simulator/lib/routes/finpro');
const { FinpassInsights } = require(`${DIST}/nodes/FinpassInsights/FinpassInsights.node.js`);
const { FinpassAccountAggregator } = require(`${DIST}/nodes/FinpassAccountAggregator/FinpassAccountAggregator.node.js`);
const { FinProFiData } = require(`${DIST}/nodes/FinProFiData/FinProFiData.node.js`);
const { FinpassAaBsa } = require(`${DIST}/nodes/FinpassAaBsa/FinpassAaBsa.node.js`);
const { NodeOperationError } = require('n8n-workflow');

const env = useSimulator({ consentDelayMs: 0, dataDelayMs: 0, resetEachTest: true });

const insights = (items, parameters = {}, extra = {}) =>
	runNode(FinpassInsights, { nodeType: 'n8n-nodes-finpass.finpassInsights', parameters: { resource: 'bankTransactions', operation: 'analyze', ...parameters }, items, ...extra });
const aa = (parameters) => runNode(FinpassAccountAggregator, { parameters: { resource: 'accountAggregator', ...parameters }, credentials: env.credentials });

async function readyClient(transactions) {
	const { output: init } = await aa({ operation: 'initConsent', mobileNumber: '9876543210', consentType: 'loan_underwriting', additionalFields: {} });
	const clientId = init[0][0].json.client_id;
	await env.control(`/__sim/aa/clients/${clientId}`, { consent: 'approved', data: 'ready', ...(transactions ? { transactions } : {}) });
	return clientId;
}
async function fetchAs(clientId, output) {
	const { output: fetched } = await aa({ operation: 'fetchJsonReport', clientId, requestId: '', output, waitForCompletion: false });
	return fetched[0];
}
const report = async (output, transactions) => fetchAs(await readyClient(transactions), output);
const paise = (v) => {
	const [r, f = ''] = String(v).split('.');
	return BigInt(r) * 100n + (r.startsWith('-') ? -1n : 1n) * BigInt((f + '00').slice(0, 2));
};

describe('Analyze: a Finpass AA report', () => {
	test('one item per account and one for all, paired with every input item; figures match the report', async () => {
		const items = await report('report');
		const { output } = await insights(items);
		const [first, second, all] = output[0].map((i) => i.json);
		expect(output[0]).toHaveLength(3);
		expect(output[0].every((i) => JSON.stringify(i.pairedItem) === '[{"item":0}]')).toBe(true);
		const accounts = items[0].json.account_aggregator_json;
		expect([first.account.key, second.account.key]).toEqual(accounts.map((a) => a.account_id));
		accounts.forEach((account, k) => {
			const rows = account.transaction_data.transaction_details;
			const result = [first, second][k];
			const credits = rows.filter((t) => t.type === 'CREDIT').reduce((s, t) => s + paise(t.amount), 0n);
			expect(paise(result.period.credits.total)).toBe(credits);
			expect(result.period.closing_balance).toBe(account.summary_details.current_balance);
			expect(result.risk.balance_gaps.mismatches).toBe(0);
			// monthly flows add up to the period's
			expect(result.months.reduce((s, m) => s + paise(m.credits.total), 0n)).toBe(credits);
		});
		// The simulator's salary account: two ACME PAYROLL salaries, an ACH home-loan EMI, an ATM withdrawal.
		const salaries = accounts[0].transaction_data.transaction_details.filter((t) => /SALARY/.test(t.narration));
		expect(all.income.salary).toMatchObject({ basis: 'narration', sources: ['ACME PAYROLL'], months_count: 2, latest: { date: '2024-10-01' } });
		expect(all.income.salary.transactions.map((t) => t.id)).toEqual(salaries.map((t) => t.transaction_id));
		expect(all.obligations.items).toHaveLength(1);
		expect(all.obligations.items[0]).toMatchObject({ counterparty: 'HOME LOAN', amount: '12500.00', day_of_month: 5, basis: 'mandate' });
		const salary = Number(salaries[0].amount) * 100;
		expect(all.obligations.obligations_to_income).toBe(Math.round((1250000 / salary) * 10000) / 10000);
		expect(all.risk.cash_withdrawals).toMatchObject({ total: '5000.00', count: 1 });
		expect(all.risk.bounces.count).toBe(0);
		expect(all.risk.negative_eod_days.count).toBe(0);
		// The report declares its period (transaction_data.start_date / end_date).
		expect(all.period).toMatchObject({ basis: 'declared', from: accounts[0].transaction_data.start_date, to: accounts[0].transaction_data.end_date });
		// The reversal row repeats id T000001: every reference carries the row index too.
		expect(all.risk.cash_withdrawals.transactions[0]).toMatchObject({ account: first.account.key, id: 'T000005', index: 6 });
	});

	test('per-account and per-transaction output give the same all-accounts figures as the report', async () => {
		const clientId = await readyClient();
		const reportItems = await fetchAs(clientId, 'report');
		const withPeriod = (await insights(reportItems)).output[0][2].json;
		// Transaction items do not carry the report's declared period: compare them with the report
		// without it (the declared period has tests of its own).
		for (const account of reportItems[0].json.account_aggregator_json) {
			delete account.transaction_data.start_date;
			delete account.transaction_data.end_date;
		}
		const withoutPeriod = (await insights(reportItems)).output[0][2].json;
		for (const mode of ['account', 'transaction']) {
			const items = await fetchAs(clientId, mode);
			const { output } = await insights(items, { output: 'all' });
			expect(output[0]).toHaveLength(1);
			const json = output[0][0].json;
			expect(json.period.basis).toBe(mode === 'account' ? 'declared' : 'transactions');
			expect(json).toEqual(mode === 'account' ? withPeriod : withoutPeriod);
			expect(output[0][0].pairedItem).toHaveLength(items.length);
		}
		// Statement Period on the node gives transaction items the report's period: the same figures.
		const { start_date: from, end_date: to } = (await fetchAs(clientId, 'report'))[0].json.account_aggregator_json[0].transaction_data;
		const perTransaction = await insights(await fetchAs(clientId, 'transaction'), { output: 'all', statementPeriod: { from: `${from}T00:00:00`, to } });
		expect(perTransaction.output[0][0].json).toEqual(withPeriod);
		await expect(insights(await fetchAs(clientId, 'transaction'), { statementPeriod: { from } })).rejects.toThrow(/Statement Period: give both From and To/);
	});

	test('input items are not changed', async () => {
		const items = await report('transaction');
		const before = JSON.stringify(items);
		await insights(items);
		expect(JSON.stringify(items)).toBe(before);
	});
});

describe('Analyze: Summary output for AI tools', () => {
	test('one small item whose size does not grow with the transactions', async () => {
		const small = (await insights(await report('report'), { output: 'summary' })).output[0];
		const large = (await insights(await report('report', 5000), { output: 'summary' })).output[0];
		expect(small).toHaveLength(1);
		expect(large).toHaveLength(1);
		expect(small[0].json).toMatchObject({ accounts: 2, transactions: 17, bounces: 0, monthly_income_basis: 'salary' });
		expect(large[0].json.transactions).toBe(5008);
		expect(JSON.stringify(large[0].json).length).toBeLessThan(8000);
		expect(large[0].json.recent_months.length).toBeLessThanOrEqual(12);
	});
});

describe('Analyze: other sources', () => {
	test('FinPro Get All FI Data, per account: closing balance is the account balance', async () => {
		const { output: fetched } = await runNode(FinProFiData, {
			nodeType: 'n8n-nodes-finpass.finProFiData',
			parameters: { resource: 'fiData', operation: 'getAllFiData', consentId: DOC_CONSENT, output: 'account', returnAll: true, additionalFields: {} },
			credentials: env.credentials,
		});
		const { output } = await insights(fetched[0]);
		const json = output[0].map((i) => i.json);
		expect(json).toHaveLength(fetched[0].length + 1);
		fetched[0].forEach((item, k) => {
			expect(json[k].account.key).toBe(item.json.linkReferenceNumber);
			expect(json[k].period.closing_balance).toBe(item.json.balance);
			expect(json[k].transactions).toBe(item.json.fiData.length);
			expect(json[k].risk.balance_gaps.mismatches).toBe(0);
		});
		expect(json[json.length - 1].borrower).toBe(DOC_CONSENT);
	});

	test('AA-BSA statement result, per transaction: rows by account, the EMI and the salary found', async () => {
		await env.control('/__sim/jobs/aa-bsa/config', { doneAfterMs: 0 });
		const bsa = (parameters) => runNode(FinpassAaBsa, { nodeType: 'n8n-nodes-finpass.finpassAaBsa', parameters: { resource: 'aaBsaJourney', ...parameters }, credentials: env.credentials });
		const { output: started } = await bsa({ operation: 'startJourney', mobileNumber: '9876543210', consentType: 'loan_underwriting' });
		const clientId = started[0][0].json.client_id;
		const { output: rows } = await bsa({ operation: 'getStatementResult', clientId, output: 'transaction' });
		const { output } = await insights(rows[0]);
		const [acc1, acc2, all] = output[0].map((i) => i.json);
		expect([acc1.account.key, acc2.account.key, all.scope]).toEqual(['acc_1', 'acc_2', 'all accounts']);
		expect(all.borrower).toBe(clientId);
		expect(acc1.period).toMatchObject({ from: '2025-09-01', to: '2025-09-05', closing_balance: '107174.70', opening_balance: '61875.20' });
		expect(acc1.income.salary).toMatchObject({ months_count: 1, average_monthly: '68750.00' });
		expect(acc1.obligations.items[0]).toMatchObject({ counterparty: 'HOME LOAN', amount: '23450.50', day_of_month: 5 });
		expect(acc1.obligations.obligations_to_income).toBe(0.3411);
		// the two rows share txn_id T000001: their indexes tell them apart
		expect(acc1.obligations.items[0].transactions[0]).toMatchObject({ id: 'T000001', index: 1 });
		expect(acc1.income.salary.transactions[0]).toMatchObject({ id: 'T000001', index: 0 });
	});
});

describe('Analyze: bank data from an expression (an AI Agent tool)', () => {
	test("another node's items in Data give the same insights, paired with the tool call's item", async () => {
		const items = await report('transaction');
		const fromInput = (await insights(items, { output: 'summary' })).output[0][0].json;
		// $('Get JSON Report').all() gives n8n items ({ json, pairedItem }); their JSON works too
		for (const data of [items, items.map((i) => i.json), JSON.stringify(items.map((i) => i.json))]) {
			const { output } = await insights([{ json: { question: 'from the agent' } }], { output: 'summary', dataSource: 'expression', data });
			expect(output[0]).toHaveLength(1);
			expect(output[0][0].json).toEqual(fromInput);
			expect(output[0][0].pairedItem).toEqual([{ item: 0 }]);
		}
	});

	test('Data that is not JSON, or holds no items, is refused', async () => {
		await expect(insights([{ json: {} }], { dataSource: 'expression', data: '{not json' })).rejects.toThrow(/Data is not valid JSON/);
		await expect(insights([{ json: {} }], { dataSource: 'expression', data: [] })).rejects.toThrow(/Data holds no items/);
	});
});

describe('Analyze: wrong input', () => {
	test('a Summary per Account item is refused with what to change; Continue On Fail gives an error item', async () => {
		const items = await report('summary');
		await expect(insights(items)).rejects.toThrow(/Summary per Account.*Set that node's Output/);
		await expect(insights(items)).rejects.toBeInstanceOf(NodeOperationError);
		const { output } = await insights(items, {}, { continueOnFail: true });
		expect(output[0]).toHaveLength(2);
		expect(output[0][0]).toMatchObject({ json: { error: expect.stringMatching(/no transactions/) }, pairedItem: { item: 0 } });
	});

	test('a timed-out wait (On Timeout: Return Job State) is refused with what to do', async () => {
		const items = [{ json: { client_id: 'aa_1', status: 'PENDING', wait_timed_out: true, waited_seconds: 60 } }];
		await expect(insights(items)).rejects.toThrow('This item is a wait that timed out (state: PENDING): there is no bank data yet. Raise Max Wait on the node that fetched it, or send its "Return Job State" items elsewhere.');
	});

	test('ABB days that are not days are refused', async () => {
		await expect(insights([{ json: {} }], { abbDays: '5,10,32' })).rejects.toThrow('ABB Days: "32" is not a day of the month (1 to 31, or "last")');
	});

	test('extra rules: a salary word of this borrower, a higher large-credit threshold', async () => {
		const items = await report('report');
		const { output } = await insights(items, { output: 'all', rules: { salary: 'INVOICE', largeCreditRupees: 1 } });
		const all = output[0][0].json;
		expect(all.income.salary.sources).toEqual(expect.arrayContaining(['ACME PAYROLL', 'INVOICE']));
		// ₹1 threshold: every one-off credit is large; salaries and own transfers never are
		expect(all.risk.large_credits.count).toBeGreaterThan(0);
		expect(all.risk.large_credits.transactions.some((t) => /SALARY|INVOICE/.test(t.narration))).toBe(false);
	});
});
