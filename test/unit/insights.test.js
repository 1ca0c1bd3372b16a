// Underwriting insights (nodes/FinpassInsights): a statement written for this test, with every
// expected figure worked out by hand in the comments, fed as a Finpass AA report, as FinPro FI
// data and as an AA-BSA statement result: the same rows must give the same answers.
const { DIST } = require('../helpers/context');
const { computeInsights, readBorrowers, withExtensions } = require(`${DIST}/nodes/FinpassInsights/insights/index.js`);

// ---------------------------------------------------------------------------------------------
// The statement. Account A (salary account, XXXXXXXX1111) opens at ₹10,000.00; account B
// (XXXXXXXX2222) at ₹5,000.00. Balances are written by hand, not computed.
// Times are India time. March 2025 has no transaction in either account.
const A = [
	// index, id, date+time (IST), type, amount, balance, mode, narration
	[0, 'A01', '2025-01-01T10:00:00', 'CREDIT', '50000.00', '60000.00', 'NEFT', 'NEFT/CR/ACME LTD/SALARY JAN'],
	[1, 'A02', '2025-01-05T03:00:00', 'DEBIT', '12000.00', '48000.00', 'ACH', 'ACH/DR/HDFC HOME LOAN EMI'],
	[2, 'A03', '2025-01-07T06:00:00', 'DEBIT', '5000.00', '43000.00', 'NACH', 'NACH/DR/BAJAJ FINANCE'],
	[3, 'A04', '2025-01-10T12:00:00', 'DEBIT', '20000.00', '23000.00', 'IMPS', 'IMPS/DR/TO OWN A/C XXXX2222'],
	[4, 'A05', '2025-01-20T13:00:00', 'DEBIT', '3000.00', '20000.00', 'ATM', 'ATM/CASH WDL/MG ROAD'],
	[5, 'A06', '2025-02-01T10:00:00', 'CREDIT', '50000.00', '70000.00', 'NEFT', 'NEFT/CR/ACME LTD/SALARY FEB'],
	[6, 'A07', '2025-02-03T18:00:00', 'DEBIT', '66000.00', '4000.00', 'UPI', 'UPI/DR/CROMA ELECTRONICS'],
	[7, 'A08', '2025-02-05T03:00:00', 'DEBIT', '12000.00', '-8000.00', 'ACH', 'ACH/DR/HDFC HOME LOAN EMI'],
	[8, 'A09', '2025-02-07T06:00:00', 'DEBIT', '5000.00', '-13000.00', 'NACH', 'NACH/DR/BAJAJ FINANCE'],
	[9, 'A09', '2025-02-07T18:00:00', 'CREDIT', '5000.00', '-8000.00', 'NACH', 'NACH RTN/BAJAJ FINANCE/INSUFFICIENT FUNDS'], // same id as the debit it returns
	[10, 'A11', '2025-02-09T10:00:00', 'DEBIT', '590.00', '-8590.00', 'OTHERS', 'NACH RTN CHGS INCL GST'],
	[11, 'A12', '2025-02-10T11:00:00', 'CREDIT', '10000.00', '1410.00', 'UPI', 'UPI/CR/RAVI KUMAR'],
	[12, 'A13', '2025-04-01T10:00:00', 'CREDIT', '50000.00', '51410.00', 'NEFT', 'NEFT/CR/ACME LTD/SALARY APR'],
	[13, 'A14', '2025-04-05T03:00:00', 'DEBIT', '12000.00', '39410.00', 'ACH', 'ACH/DR/HDFC HOME LOAN EMI'],
	[14, 'A15', '2025-04-07T06:00:00', 'DEBIT', '5000.00', '34410.00', 'NACH', 'NACH/DR/BAJAJ FINANCE'],
	[15, 'A16', '2025-04-12T15:30:00', 'CREDIT', '150000.00', '184410.00', 'NEFT', 'NEFT/CR/SHARMA PROPERTIES'],
	[16, 'A17', '2025-04-30T20:00:00', 'CREDIT', '123.45', '184533.45', 'OTHERS', 'INT/CR/SAVINGS INTEREST'],
];
const B = [
	[0, 'B01', '2025-01-10T12:05:00', 'CREDIT', '20000.00', '25000.00', 'IMPS', 'IMPS/CR/FROM XXXX1111'],
	[1, 'B02', '2025-01-15T11:00:00', 'CREDIT', '8000.00', '33000.00', 'OTHERS', 'CASH DEPOSIT/BRANCH'],
	[2, 'B03', '2025-02-20T09:00:00', 'DEBIT', '2500.00', '30500.00', 'UPI', 'UPI/DR/JIO RECHARGE'],
	[3, 'B04', '2025-04-18T09:00:00', 'DEBIT', '750.25', '29749.75', 'UPI', 'UPI/DR/SWIGGY'],
];
const ACCOUNTS = [
	{ key: 'acc-A', masked: 'XXXXXXXX1111', rows: A },
	{ key: 'acc-B', masked: 'XXXXXXXX2222', rows: B },
];

/** Finpass AA Get JSON Report (report output): amounts as JSON numbers, +05:30 times. */
function aaReport() {
	return {
		client_id: 'borrower-1',
		account_aggregator_json: ACCOUNTS.map((acc) => ({
			account_id: acc.key,
			masked_account_number: acc.masked,
			fip_id: 'HDFC-FIP',
			transaction_data: {
				transaction_details: acc.rows.map(([, id, when, type, amount, balance, mode, narration]) => ({
					transaction_id: id,
					amount: Number(amount),
					narration,
					type,
					mode,
					transaction_timestamp: `${when}+05:30`,
					value_date: `${when.slice(0, 10)}T00:00:00+05:30`,
					reference: '',
					transactional_balance: balance,
				})),
			},
		})),
	};
}

/** FinPro Get All FI Data (account output): amounts as text, UTC times, newest first. */
function finproAccounts() {
	return ACCOUNTS.map((acc) => ({
		consentID: 'borrower-1',
		linkReferenceNumber: acc.key,
		maskedAccountNumber: acc.masked,
		fipId: 'finsharebank',
		fiData: acc.rows
			.map(([, id, when, type, amount, balance, mode, narration]) => ({
				transactionTimestamp: new Date(Date.parse(`${when}+05:30`)).toISOString(),
				txnId: id,
				type,
				amount,
				currentBalance: balance,
				mode,
				narration,
				valueDate: when.slice(0, 10),
			}))
			.reverse(),
	}));
}

/** Finpass AA-BSA Get Statement Result (result output): dates only. */
function aaBsaResult() {
	return {
		client_id: 'borrower-1',
		accounts: ACCOUNTS.map((acc) => ({
			account_id: acc.key,
			masked_account_number: acc.masked,
			transactions: acc.rows.map(([, id, when, type, amount, balance, , narration]) => ({ txn_id: id, date: when.slice(0, 10), type, amount: Number(amount), narration, balance })),
		})),
	};
}

const insightsOf = (items, extra) => {
	const { borrowers, errors } = readBorrowers(items);
	expect(errors).toEqual([]);
	expect(borrowers).toHaveLength(1);
	return computeInsights(borrowers[0], withExtensions(extra));
};
const refs = (list) => list.map((r) => `${r.account}#${r.index}:${r.id}`);

describe('Insights of a hand-written statement', () => {
	const [a, b, all] = insightsOf([aaReport()]);

	test('account A month by month (worked by hand)', () => {
		expect(a.scope).toBe('account');
		expect(a.account).toEqual({ key: 'acc-A', masked_account_number: 'XXXXXXXX1111', bank: 'HDFC-FIP' });
		expect(a.months.map((m) => m.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
		const [jan, feb, mar, apr] = a.months;
		// January, 31 days. End-of-day balances: 1–4: 60,000; 5–6: 48,000; 7–9: 43,000; 10–19: 23,000;
		// 20–31: 20,000 → sum 240,000 + 96,000 + 129,000 + 230,000 + 240,000 = 935,000; ÷ 31 = 30,161.290…
		// ABB: 5th 48,000, 10th 23,000, 15th 23,000, 20th 20,000, 25th 20,000, 31st 20,000 = 154,000 ÷ 6 = 25,666.666…
		// Lowest EOD and lowest running balance: 20,000 from the 20th (the opening 10,000 was the
		// balance carried in before the month, not one of its own).
		expect(jan).toEqual({
			month: '2025-01', from: '2025-01-01', to: '2025-01-31', days: 31, days_in_month: 31, complete: true, transactions: 5,
			opening_balance: '10000.00', closing_balance: '20000.00',
			credits: { total: '50000.00', count: 1 }, debits: { total: '40000.00', count: 4 },
			min_eod_balance: '20000.00', min_eod_balance_date: '2025-01-20',
			max_eod_balance: '60000.00', max_eod_balance_date: '2025-01-01',
			lowest_running_balance: '20000.00', lowest_running_balance_date: '2025-01-20',
			negative_eod_days: 0, negative_running_days: 0,
			average_daily_balance: '30161.29', abb: '25666.67', abb_excluding_loan_disbursals: '25666.67',
			abb_balances: [
				{ date: '2025-01-05', balance: '48000.00' }, { date: '2025-01-10', balance: '23000.00' },
				{ date: '2025-01-15', balance: '23000.00' }, { date: '2025-01-20', balance: '20000.00' },
				{ date: '2025-01-25', balance: '20000.00' }, { date: '2025-01-31', balance: '20000.00' },
			],
		});
		// February, 28 days: 1–2: 70,000; 3–4: 4,000; 5–8: −8,000; 9: −8,590; 10–28: 1,410 →
		// 140,000 + 8,000 − 32,000 − 8,590 + 26,790 = 134,200; ÷ 28 = 4,792.857…
		// ABB: −8,000 + 5 × 1,410 = −950 ÷ 6 = −158.333…; lowest EOD −8,590 on the 9th; lowest running
		// −13,000 after the NACH debit on the 7th (returned the same evening). Negative EOD days: 5th–9th
		// (5); the 10th began overdrawn and ended at 1,410: not a negative day of its own.
		expect(feb).toMatchObject({
			opening_balance: '20000.00', closing_balance: '1410.00',
			credits: { total: '65000.00', count: 3 }, debits: { total: '83590.00', count: 4 },
			min_eod_balance: '-8590.00', min_eod_balance_date: '2025-02-09',
			lowest_running_balance: '-13000.00', lowest_running_balance_date: '2025-02-07',
			negative_eod_days: 5, negative_running_days: 5,
			average_daily_balance: '4792.86', abb: '-158.33',
		});
		// March: no transactions, the balance carried all month.
		expect(mar).toMatchObject({
			days: 31, transactions: 0, opening_balance: '1410.00', closing_balance: '1410.00',
			credits: { total: '0.00', count: 0 }, debits: { total: '0.00', count: 0 },
			min_eod_balance: '1410.00', min_eod_balance_date: '2025-03-01', average_daily_balance: '1410.00', abb: '1410.00',
		});
		// April, 30 days: 1–4: 51,410; 5–6: 39,410; 7–11: 34,410; 12–29: 184,410; 30: 184,533.45 →
		// 205,640 + 78,820 + 172,050 + 3,319,380 + 184,533.45 = 3,960,423.45; ÷ 30 = 132,014.115 → .12 (half up).
		// ABB: 39,410 + 34,410 + 3 × 184,410 + 184,533.45 = 811,583.45 ÷ 6 = 135,263.908…
		expect(apr).toMatchObject({
			opening_balance: '1410.00', closing_balance: '184533.45',
			credits: { total: '200123.45', count: 3 }, debits: { total: '17000.00', count: 2 },
			min_eod_balance: '34410.00', min_eod_balance_date: '2025-04-07',
			max_eod_balance: '184533.45', max_eod_balance_date: '2025-04-30',
			average_daily_balance: '132014.12', abb: '135263.91',
		});
		// Whole period, 120 days: ADB (935,000 + 134,200 + 43,710 + 3,960,423.45) ÷ 120 = 42,277.778…;
		// ABB of all 24 sampled days (154,000 − 950 + 8,460 + 811,583.45) ÷ 24 = 40,545.560…
		// No period declared: first to last transaction, 1 Jan – 30 Apr, 4 complete months.
		// Last 3 complete months (Feb–Apr, 89 days): ADB (134,200 + 43,710 + 3,960,423.45) ÷ 89 =
		// 46,498.128…; ABB of their 18 sampled days (−950 + 8,460 + 811,583.45) ÷ 18 = 45,505.191…
		expect(a.period).toEqual({
			from: '2025-01-01', to: '2025-04-30', days: 120, basis: 'transactions', months: 4, complete_months: 4,
			opening_balance: '10000.00', closing_balance: '184533.45',
			credits: { total: '315123.45', count: 7 }, debits: { total: '140590.00', count: 10 },
			min_eod_balance: '-8590.00', min_eod_balance_date: '2025-02-09',
			max_eod_balance: '184533.45', max_eod_balance_date: '2025-04-30',
			lowest_running_balance: '-13000.00', lowest_running_balance_date: '2025-02-07',
			negative_eod_days: 5, negative_running_days: 5,
			average_daily_balance: '42277.78', abb: '40545.56', abb_excluding_loan_disbursals: '40545.56',
			last_3_complete_months: {
				months: ['2025-02', '2025-03', '2025-04'], abb: '45505.19', average_daily_balance: '46498.13',
				min_eod_balance: '-8590.00', negative_eod_days: 5, credits: '265123.45', debits: '100590.00',
			},
			last_6_complete_months: null,
			last_12_complete_months: null,
		});
	});

	test('account A: salary, two EMIs and the obligation ratio', () => {
		expect(a.income.salary).toMatchObject({
			basis: 'narration', sources: ['ACME LTD'], months_count: 3,
			months: [
				{ month: '2025-01', total: '50000.00', count: 1 },
				{ month: '2025-02', total: '50000.00', count: 1 },
				{ month: '2025-04', total: '50000.00', count: 1 },
			],
			average_monthly: '50000.00', latest: { date: '2025-04-01', amount: '50000.00' }, total: '150000.00',
		});
		expect(refs(a.income.salary.transactions)).toEqual(['acc-A#0:A01', 'acc-A#5:A06', 'acc-A#12:A13']);
		expect(a.income.other_recurring_credits).toEqual([]);
		expect(a.income.monthly_income).toBe('50000.00');
		const [home, bajaj] = a.obligations.items;
		expect(home).toMatchObject({ counterparty: 'HDFC HOME LOAN', amount: '12000.00', day_of_month: 5, months: ['2025-01', '2025-02', '2025-04'], months_count: 3, basis: 'mandate', active: true, total: '36000.00' });
		expect(refs(home.transactions)).toEqual(['acc-A#1:A02', 'acc-A#7:A08', 'acc-A#13:A14']);
		expect(bajaj).toMatchObject({ counterparty: 'BAJAJ FINANCE', amount: '5000.00', day_of_month: 7, months_count: 3, active: true, basis: 'mandate' });
		expect(refs(bajaj.transactions)).toEqual(['acc-A#2:A03', 'acc-A#8:A09', 'acc-A#14:A15']);
		// 12,000 + 5,000 = 17,000 a month against 50,000 of salary.
		expect(a.obligations.monthly_total).toBe('17000.00');
		expect(a.obligations.obligations_to_income).toBe(0.34);
	});

	test('account A: the NACH bounce with its charge, negative days, cash, a large credit, the own transfer', () => {
		const { bounces, negative_eod_days: negative, negative_running_days: running, cash_withdrawals, cash_deposits, large_credits, own_transfers, balance_gaps } = a.risk;
		expect(bounces.count).toBe(1);
		expect(bounces.penalty_total).toBe('590.00');
		expect(bounces.events[0].date).toBe('2025-02-07');
		expect(refs([bounces.events[0].bounced])).toEqual(['acc-A#9:A09']); // id A09 twice: the index tells them apart
		expect(refs(bounces.events[0].penalties)).toEqual(['acc-A#10:A11']);
		// Overdrawn from the EMI on 5 Feb until the credit on the 10th: 5 nights, 5th–9th. A day
		// without rows lists the row that left it overdrawn; a day with rows, its rows below zero.
		expect(negative.days.map((d) => [d.date, d.eod_balance, refs(d.transactions).join(' ')])).toEqual([
			['2025-02-05', '-8000.00', 'acc-A#7:A08'],
			['2025-02-06', '-8000.00', 'acc-A#7:A08'],
			['2025-02-07', '-8000.00', 'acc-A#8:A09 acc-A#9:A09'],
			['2025-02-08', '-8000.00', 'acc-A#9:A09'],
			['2025-02-09', '-8590.00', 'acc-A#10:A11'],
		]);
		expect(negative.count).toBe(5);
		expect(running.days.map((d) => [d.date, d.lowest_running_balance])).toEqual([
			['2025-02-05', '-8000.00'],
			['2025-02-06', '-8000.00'],
			['2025-02-07', '-13000.00'],
			['2025-02-08', '-8000.00'],
			['2025-02-09', '-8590.00'],
		]);
		expect(cash_withdrawals).toMatchObject({ total: '3000.00', count: 1 });
		expect(refs(cash_withdrawals.transactions)).toEqual(['acc-A#4:A05']);
		expect(cash_deposits).toMatchObject({ total: '0.00', count: 0 });
		expect(large_credits).toMatchObject({ threshold: '100000.00', total: '150000.00', count: 1 });
		expect(refs(large_credits.transactions)).toEqual(['acc-A#15:A16']);
		expect(own_transfers.debits).toMatchObject({ total: '20000.00', count: 1 });
		expect(own_transfers.credits.count).toBe(0);
		expect(balance_gaps).toEqual({ checked: 16, mismatches: 0, gaps: [] });
	});

	test('account B: partial months inside its own period', () => {
		// 10 Jan – 18 Apr = 22 + 28 + 31 + 18 = 99 days.
		// Jan: 10–14: 25,000; 15–31: 33,000 → 686,000 ÷ 22 = 31,181.818…; ABB days 10, 15, 20, 25, 31 → 157,000 ÷ 5.
		// Apr: 1–17: 30,500; 18: 29,749.75 → 548,249.75 ÷ 18 = 30,458.319…; ABB days 5, 10, 15 only
		// (20, 25 and 30 are after the period: null). Lowest EOD in January 25,000 (the opening 5,000
		// was before the period's first day).
		expect(b.months.map((m) => [m.month, m.from, m.to, m.complete, m.average_daily_balance, m.abb, m.min_eod_balance])).toEqual([
			['2025-01', '2025-01-10', '2025-01-31', false, '31181.82', '31400.00', '25000.00'],
			['2025-02', '2025-02-01', '2025-02-28', true, '32196.43', '31750.00', '30500.00'],
			['2025-03', '2025-03-01', '2025-03-31', true, '30500.00', '30500.00', '30500.00'],
			['2025-04', '2025-04-01', '2025-04-18', false, '30458.32', '30500.00', '29749.75'],
		]);
		expect(b.months[3].abb_balances.map((x) => x.balance)).toEqual(['30500.00', '30500.00', '30500.00', null, null, null]);
		// ADB (686,000 + 901,500 + 945,500 + 548,249.75) ÷ 99 = 31,123.734…; ABB 622,000 ÷ 20 = 31,100.
		expect(b.period).toMatchObject({ days: 99, opening_balance: '5000.00', closing_balance: '29749.75', average_daily_balance: '31123.73', abb: '31100.00' });
		// No salary: income is the net credits of the complete months (February, March): nothing. The
		// 20,000 from account A is an own transfer; the 8,000 cash deposit came in (partial) January.
		expect(b.income).toMatchObject({ salary: null, other_recurring_credits: [], monthly_income: '0.00', monthly_income_basis: 'net credits' });
		expect(b.income.net_credits.months_used).toEqual(['2025-02', '2025-03']);
		expect(b.income.net_credits.months[0]).toEqual({ month: '2025-01', complete: false, credits: '28000.00', own_transfers: '20000.00', refunds: '0.00', bounce_returns: '0.00', loan_disbursals: '0.00', net: '8000.00' });
		expect(b.obligations).toMatchObject({ items: [], monthly_total: '0.00', obligations_to_income: null, other_recurring_debits: [] });
		expect(refs(b.risk.own_transfers.credits.transactions)).toEqual(['acc-B#0:B01']);
		expect(refs(b.risk.cash_deposits.transactions)).toEqual(['acc-B#1:B02']);
		expect(b.risk.large_credits.count).toBe(0);
	});

	test('all accounts together', () => {
		expect(all).toMatchObject({ scope: 'all accounts', account: null, accounts: 2, transactions: 21, borrower: 'borrower-1' });
		// Per day the sum of both balances (B carries 5,000 before 10 Jan and 29,749.75 after 18 Apr).
		// Jan: 935,000 + 9 × 5,000 + 686,000 = 1,666,000 ÷ 31 = 53,741.935…; ABB 53,000 + 48,000 + 56,000 + 3 × 53,000 = 316,000 ÷ 6.
		// Feb: 134,200 + 901,500 = 1,035,700 ÷ 28 = 36,989.285…; lowest day-end 24,410 on the 9th.
		// Apr: 3,960,423.45 + 518,500 + 13 × 29,749.75 = 4,865,670.20 ÷ 30 = 162,189.006…
		expect(all.months.map((m) => [m.month, m.opening_balance, m.closing_balance, m.average_daily_balance, m.abb, m.min_eod_balance, m.min_eod_balance_date])).toEqual([
			['2025-01', '15000.00', '53000.00', '53741.94', '52666.67', '48000.00', '2025-01-07'],
			['2025-02', '53000.00', '31910.00', '36989.29', '31591.67', '24410.00', '2025-02-09'],
			['2025-03', '31910.00', '31910.00', '31910.00', '31910.00', '31910.00', '2025-03-01'],
			['2025-04', '31910.00', '214283.20', '162189.01', '165388.78', '64910.00', '2025-04-07'],
		]);
		// (1,666,000 + 1,035,700 + 989,210 + 4,865,670.20) ÷ 120 = 71,304.835 → .84; ABB 1,689,342.70 ÷ 24 = 70,389.279…
		expect(all.period).toMatchObject({
			from: '2025-01-01', to: '2025-04-30', days: 120, basis: 'transactions', months: 4,
			opening_balance: '15000.00', closing_balance: '214283.20',
			credits: { total: '343123.45', count: 9 }, debits: { total: '143840.25', count: 12 },
			min_eod_balance: '24410.00', min_eod_balance_date: '2025-02-09',
			average_daily_balance: '71304.84', abb: '70389.28',
		});
		expect(all.income.salary.average_monthly).toBe('50000.00');
		expect(all.obligations.obligations_to_income).toBe(0.34);
		expect(all.risk.bounces.count).toBe(1);
		expect(all.risk.negative_eod_days.count).toBe(5);
		expect(all.risk.cash_deposits.total).toBe('8000.00');
		expect(all.risk.cash_withdrawals.total).toBe('3000.00');
		// The 20,000 moved from A to B is neither income nor an obligation: both sides are listed.
		expect(refs([...all.risk.own_transfers.debits.transactions, ...all.risk.own_transfers.credits.transactions])).toEqual(['acc-A#3:A04', 'acc-B#0:B01']);
		expect(all.risk.balance_gaps).toEqual({ checked: 19, mismatches: 0, gaps: [] });
	});
});

describe('Balance gaps come from the shared reconciliation', () => {
	test('a row missing from the statement shows as one gap at the row after it, by source index and id', () => {
		const report = aaReport();
		// Drop the 66,000 CROMA debit of 3 Feb: the EMI after it (now row 6) reports −8,000 where
		// 70,000 − 12,000 = 58,000 was expected.
		report.account_aggregator_json[0].transaction_data.transaction_details.splice(6, 1);
		const [a] = insightsOf([report]);
		expect(a.risk.balance_gaps).toEqual({
			checked: 15,
			mismatches: 1,
			gaps: [{ account: 'acc-A', index: 6, transaction_id: 'A08', expected: '58000.00', reported: '-8000.00', difference: '-66000.00' }],
		});
	});
});

describe('The same statement from every source', () => {
	const strip = (results) => JSON.parse(JSON.stringify(results.map(({ borrower, account, ...rest }) => ({ ...rest, key: account && account.key }))));

	test('Finpass AA report, per account, per transaction; FinPro per account and per transaction; AA-BSA result: one answer', () => {
		const reference = strip(insightsOf([aaReport()]));
		const report = aaReport();
		const perAccount = report.account_aggregator_json.map((acc) => ({ client_id: report.client_id, ...acc }));
		const perTransaction = report.account_aggregator_json.flatMap((acc) =>
			acc.transaction_data.transaction_details.map((t, index) => ({ client_id: report.client_id, account_id: acc.account_id, masked_account_number: acc.masked_account_number, transaction_index: index, ...t })),
		);
		const finpro = finproAccounts();
		const finproRows = finpro.flatMap(({ fiData, ...acc }) => fiData.map((row, index) => ({ ...acc, transaction_index: fiData.length - 1 - index, ...row })));
		expect(strip(insightsOf(perAccount))).toEqual(reference);
		expect(strip(insightsOf(perTransaction))).toEqual(reference);
		// FinPro lists newest first: its row positions differ, so compare with indexes as FinPro numbers them.
		const fromFinpro = strip(insightsOf(finproRows));
		expect(fromFinpro).toEqual(reference);
		const fromBsa = strip(insightsOf([aaBsaResult()]));
		expect(fromBsa).toEqual(reference);
	});

	test('FinPro account items (newest first, UTC times) give the same figures; only row positions differ', () => {
		const reference = strip(insightsOf([aaReport()]));
		const finpro = strip(insightsOf(finproAccounts()));
		// Row positions count from FinPro's newest-first list: map them back before comparing.
		const lengths = { 'acc-A': A.length, 'acc-B': B.length };
		const back = (acc, i) => lengths[acc] - 1 - i;
		// Positions listed per account ({ account: [index, …] }) are mapped back and sorted too.
		const indexLists = (value) =>
			Object.fromEntries(
				Object.entries(value).map(([k, v]) =>
					Array.isArray(v) ? [k, v.map((i) => back(k, i)).sort((x, y) => x - y)] : [k, indexLists(v)],
				),
			);
		const remap = (value, key) => {
			if (Array.isArray(value)) return value.map((v) => remap(v));
			if (value && typeof value === 'object') {
				if (key === 'transaction_indexes') return indexLists(value);
				const out = {};
				for (const [k, v] of Object.entries(value)) out[k] = remap(v, k);
				if (typeof out.index === 'number' && typeof out.account === 'string' && lengths[out.account]) out.index = back(out.account, out.index);
				return out;
			}
			return value;
		};
		expect(remap(finpro)).toEqual(reference);
	});
});
