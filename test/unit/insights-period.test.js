// The statement period and its end-of-day series (nodes/FinpassInsights/insights/eod.ts): a
// statement whose declared period starts and ends mid-month, with days before its first and after
// its last transaction, an overdraft night and an intraday overdraft. Every figure is worked out
// by hand below, and the statement is fed as a Finpass AA report, as FinPro FI data and as an
// AA-BSA result: the figures must be the same.
const { DIST } = require('../helpers/context');
const insights = require(`${DIST}/nodes/FinpassInsights/insights/index.js`);
const { computeInsights, readBorrowers, withExtensions } = insights;

// Declared period: 15 Jan 2025 to 10 Mar 2025 (17 + 28 + 10 = 55 days).
// The first transaction is on 20 Jan, the last on 2 Mar. Opening balance ₹1,000.00.
const PERIOD = { from: '2025-01-15', to: '2025-03-10' };
const ROWS = [
	// id, IST time, type, amount, balance, narration
	['P01', '2025-01-20T10:00:00', 'CREDIT', '5000.00', '6000.00', 'NEFT/CR/ACME LTD/SALARY JAN'],
	['P02', '2025-01-31T18:00:00', 'DEBIT', '6500.00', '-500.00', 'UPI/DR/HOUSE RENT'], // overdrawn overnight
	['P03', '2025-02-01T09:00:00', 'CREDIT', '700.00', '200.00', 'UPI/CR/RAVI KUMAR'], // back in credit next morning
	['P04', '2025-02-10T10:00:00', 'CREDIT', '20000.00', '20200.00', 'NEFT/CR/BAJAJ FINANCE/LOAN DISB'],
	['P05', '2025-02-10T15:00:00', 'DEBIT', '19000.00', '1200.00', 'UPI/DR/CROMA ELECTRONICS'],
	['P06', '2025-02-15T11:00:00', 'DEBIT', '1500.00', '-300.00', 'ATM/CASH WDL/MG ROAD'], // overdrawn for two hours
	['P07', '2025-02-15T13:00:00', 'CREDIT', '1000.00', '700.00', 'UPI/CR/SUNIL'],
	['P08', '2025-03-02T10:00:00', 'DEBIT', '200.00', '500.00', 'UPI/DR/TEA STALL'],
];

function aaReport(withPeriod = true) {
	return {
		client_id: 'borrower-p',
		account_aggregator_json: [
			{
				account_id: 'acc-P',
				masked_account_number: 'XXXXXXXX7777',
				transaction_data: {
					transaction_details: ROWS.map(([id, when, type, amount, balance, narration]) => ({
						transaction_id: id,
						amount: Number(amount),
						narration,
						type,
						transaction_timestamp: `${when}+05:30`,
						transactional_balance: balance,
					})),
					...(withPeriod ? { start_date: PERIOD.from, end_date: PERIOD.to } : {}),
				},
			},
		],
	};
}

/** FinPro: the period it was asked for (UTC bounds of the IST days), newest row first. */
function finproAccount() {
	return {
		consentID: 'borrower-p',
		linkReferenceNumber: 'acc-P',
		maskedAccountNumber: 'XXXXXXXX7777',
		transactionsStartDate: '2025-01-14T18:30:00.000Z',
		transactionsEndDate: '2025-03-10T18:29:59.999Z',
		fiData: ROWS.map(([id, when, type, amount, balance, narration]) => ({
			txnId: id,
			transactionTimestamp: new Date(Date.parse(`${when}+05:30`)).toISOString(),
			type,
			amount,
			currentBalance: balance,
			narration,
		})).reverse(),
	};
}

/** AA-BSA: dates only, the analyser's statement period. */
function aaBsaResult() {
	return {
		client_id: 'borrower-p',
		statement_period: { from: PERIOD.from, to: PERIOD.to },
		accounts: [
			{
				account_id: 'acc-P',
				masked_account_number: 'XXXXXXXX7777',
				transactions: ROWS.map(([id, when, type, amount, balance, narration]) => ({ txn_id: id, date: when.slice(0, 10), type, amount: Number(amount), narration, balance })),
			},
		],
	};
}

const insightsOf = (item) => {
	const { borrowers, errors } = readBorrowers([item]);
	expect(errors).toEqual([]);
	return computeInsights(borrowers[0], withExtensions());
};

describe('Statement period and end-of-day series', () => {
	const [account] = insightsOf(aaReport());

	test('the declared period, mid-month at both ends', () => {
		expect(account.period).toMatchObject({ from: '2025-01-15', to: '2025-03-10', days: 55, basis: 'declared', months: 3, complete_months: 1 });
		expect(account.months.map((m) => [m.month, m.from, m.to, m.days, m.days_in_month, m.complete])).toEqual([
			['2025-01', '2025-01-15', '2025-01-31', 17, 31, false],
			['2025-02', '2025-02-01', '2025-02-28', 28, 28, true],
			['2025-03', '2025-03-01', '2025-03-10', 10, 31, false],
		]);
		// Fewer than 3 complete months: no "last 3 complete months" figure is made up.
		expect(account.period.last_3_complete_months).toBeNull();
	});

	test('EOD series, month by month (worked by hand)', () => {
		// January, 15th–31st (17 days): 15th–19th carry the opening ₹1,000 (5 days), 20th–30th
		// ₹6,000 (11 days), 31st ends at −₹500. Sum 5,000 + 66,000 − 500 = 70,500; ÷ 17 = 4,147.0588 → 4,147.06.
		// February (28 days): 1st–9th ₹200 (9 days), 10th–14th ₹1,200 (5), 15th–28th ₹700 (14).
		// Sum 1,800 + 6,000 + 9,800 = 17,600; ÷ 28 = 628.5714 → 628.57. The 1st began overdrawn (the
		// night of the 31st) and ended at ₹200: not a negative day of its own. The 15th went to −₹300
		// at 11:00 and ended at ₹700: a negative running day, not a negative EOD day.
		// March, 1st–10th: 1st ₹700, 2nd–10th ₹500 (9 days). Sum 700 + 4,500 = 5,200; ÷ 10 = 520.00.
		const pick = (m) => [
			m.month,
			m.opening_balance,
			m.closing_balance,
			m.average_daily_balance,
			m.min_eod_balance,
			m.min_eod_balance_date,
			m.max_eod_balance,
			m.max_eod_balance_date,
			m.lowest_running_balance,
			m.lowest_running_balance_date,
			m.negative_eod_days,
			m.negative_running_days,
		];
		expect(account.months.map(pick)).toEqual([
			['2025-01', '1000.00', '-500.00', '4147.06', '-500.00', '2025-01-31', '6000.00', '2025-01-20', '-500.00', '2025-01-31', 1, 1],
			['2025-02', '-500.00', '700.00', '628.57', '200.00', '2025-02-01', '1200.00', '2025-02-10', '-300.00', '2025-02-15', 0, 1],
			['2025-03', '700.00', '500.00', '520.00', '500.00', '2025-03-02', '700.00', '2025-03-01', '500.00', '2025-03-02', 0, 0],
		]);
		// The period: 70,500 + 17,600 + 5,200 = 93,300 over 55 days = 1,696.3636 → 1,696.36.
		expect(account.period).toMatchObject({
			opening_balance: '1000.00',
			closing_balance: '500.00',
			average_daily_balance: '1696.36',
			min_eod_balance: '-500.00',
			min_eod_balance_date: '2025-01-31',
			max_eod_balance: '6000.00',
			lowest_running_balance: '-500.00',
			lowest_running_balance_date: '2025-01-31',
			negative_eod_days: 1,
			negative_running_days: 2,
		});
	});

	test('ABB days outside the period are null, never invented', () => {
		// January: 5th and 10th are before the period. 15th 1,000, 20th 6,000, 25th 6,000, 31st −500
		// → 12,500 ÷ 4 = 3,125.00. February: 200, 1,200, 700, 700, 700, 700 → 4,200 ÷ 6 = 700.00.
		// March: 5th 500, 10th 500, the rest after the period → 500.00.
		const [jan, feb, mar] = account.months;
		expect(jan.abb_balances).toEqual([
			{ date: '2025-01-05', balance: null },
			{ date: '2025-01-10', balance: null },
			{ date: '2025-01-15', balance: '1000.00' },
			{ date: '2025-01-20', balance: '6000.00' },
			{ date: '2025-01-25', balance: '6000.00' },
			{ date: '2025-01-31', balance: '-500.00' },
		]);
		expect([jan.abb, feb.abb, mar.abb]).toEqual(['3125.00', '700.00', '500.00']);
		expect(mar.abb_balances.filter((b) => b.balance === null).map((b) => b.date)).toEqual(['2025-03-15', '2025-03-20', '2025-03-25', '2025-03-31']);
		// The period's ABB: 12 sampled days, 12,500 + 4,200 + 1,000 = 17,700 ÷ 12 = 1,475.00.
		expect(account.period.abb).toBe('1475.00');
	});

	test('negative days: the overdraft night counts once, on the day it ended overdrawn', () => {
		expect(account.risk.negative_eod_days.days.map((d) => [d.date, d.eod_balance, d.transactions.map((t) => t.id)])).toEqual([['2025-01-31', '-500.00', ['P02']]]);
		expect(account.risk.negative_running_days.days.map((d) => [d.date, d.lowest_running_balance, d.transactions.map((t) => t.id)])).toEqual([
			['2025-01-31', '-500.00', ['P02']],
			['2025-02-15', '-300.00', ['P06']],
		]);
	});

	test('without a declared period: first to last transaction, and it says so', () => {
		const [plain] = insightsOf(aaReport(false));
		expect(plain.period).toMatchObject({ from: '2025-01-20', to: '2025-03-02', days: 42, basis: 'transactions' });
	});

	test('the same figures from FinPro data and from an AA-BSA result', () => {
		const strip = (r) => JSON.parse(JSON.stringify({ period: r.period, months: r.months }));
		const expected = strip(account);
		expect(strip(insightsOf(finproAccount())[0])).toEqual(expected);
		expect(strip(insightsOf(aaBsaResult())[0])).toEqual(expected);
	});

	test('the EOD series for code (signals): one balance per day, carried, with the opening before the first row', () => {
		const { borrowers } = readBorrowers([aaReport()]);
		const acc = borrowers[0].accounts[0];
		const series = insights.eodSeriesOf(acc.rows, acc.declared);
		expect(insights.statementPeriod(series)).toEqual({ from: '2025-01-15', to: '2025-03-10', days: 55, basis: 'declared' });
		expect(series.eod).toHaveLength(55);
		expect(series.eod.slice(0, 6)).toEqual([100000, 100000, 100000, 100000, 100000, 600000]);
		expect(insights.negativeEodDays(series)).toEqual([{ day: series.first + 16, date: '2025-01-31', eod_balance: '-500.00' }]);
		const feb = insights.monthSpans(series)[1];
		expect(feb).toMatchObject({ month: '2025-02', days_covered: 28, complete: true });
		expect(insights.eodStats(series, feb.start, feb.end)).toMatchObject({ days: 28, sum: 1760000, average: 62857, min: 20000, lowestRunning: -30000, negativeEodDays: 0, negativeRunningDays: 1 });
		// Before and after the period: the opening and closing balances.
		expect(insights.eodOn(series, series.first - 1)).toBe(100000);
		expect(insights.eodOn(series, series.last + 30)).toBe(50000);
	});
});

describe('What a lender reads into a row (lending.ts)', () => {
	const rowsOf = (narrations) => {
		const item = {
			client_id: 'c',
			account_aggregator_json: [
				{
					account_id: 'x',
					transaction_data: {
						transaction_details: narrations.map(([type, narration, mode], n) => ({
							transaction_id: `R${n}`,
							amount: 1000,
							type,
							narration,
							mode,
							transaction_timestamp: `2025-01-${String(n + 1).padStart(2, '0')}T10:00:00+05:30`,
						})),
					},
				},
			],
		};
		const { borrowers } = readBorrowers([item]);
		insights.classifyBorrower(borrowers[0], withExtensions());
		return borrowers[0].accounts[0].rows;
	};

	test('obligations are loans, not habits', () => {
		const rows = rowsOf([
			['DEBIT', 'ACH/DR/HDFC HOME LOAN EMI'],
			['DEBIT', 'NACH/DR/ICICI PRU SIP'],
			['DEBIT', 'IMPS/DR/BAJAJ FINANCE LTD'],
			['DEBIT', 'UPI/DR/MERCHANT KBQ STORE'],
			['DEBIT', 'UPI/DR/MERCHANT NAQ STORE'],
			['DEBIT', 'BILLPAY/HDFC CREDIT CARD'],
		]);
		expect(rows.map(insights.obligationBasisOf)).toEqual(['mandate', 'mandate', 'lender', null, null, null]);
		expect(rows.map(insights.channelOf)).toEqual(['loan_emi', 'mandate', 'loan_emi', 'upi', 'upi', 'card_bill']);
		expect(rows.map(insights.isCardBillPayment)).toEqual([false, false, false, false, false, true]);
	});

	test('credits: salary, loan disbursal, refund, bounce return', () => {
		const rows = rowsOf([
			['CREDIT', 'NEFT/CR/ACME LTD/SALARY JAN'],
			['CREDIT', 'NEFT/CR/BAJAJ FINANCE/LOAN DISB'],
			['CREDIT', 'IMPS/CR/KREDITBEE'],
			['CREDIT', 'UPI/REFUND/AMAZON'],
			['CREDIT', 'NACH RTN/BAJAJ FINANCE/INSUFFICIENT FUNDS'],
			['CREDIT', 'UPI/CR/RAVI KUMAR'],
		]);
		expect(rows.map((r) => insights.kindName(r))).toEqual(['salary', 'loan disbursal', 'loan disbursal', 'refund', 'bounce', 'other']);
		expect(rows.map(insights.isNonIncomeCredit)).toEqual([false, true, true, true, true, false]);
		expect(rows.map(insights.isSalary)).toEqual([true, false, false, false, false, false]);
		expect(rows.map(insights.isLoanDisbursal)).toEqual([false, true, true, false, false, false]);
	});

	test('bounces: instrument, direction and reason', () => {
		const rows = rowsOf([
			['CREDIT', 'NACH RTN/BAJAJ FINANCE/INSUFFICIENT FUNDS'],
			['CREDIT', 'I/W CHQ RTN 000123 SIGNATURE MISMATCH'],
			['DEBIT', 'O/W CHQ RET/CLG 004567'],
			['CREDIT', 'ECS RETURN'],
		]);
		expect(rows.map(insights.bounceOf)).toEqual([
			{ instrument: 'mandate', direction: 'inward', reason: 'insufficient funds' },
			{ instrument: 'cheque', direction: 'inward', reason: 'technical' },
			{ instrument: 'cheque', direction: 'outward', reason: null },
			{ instrument: 'mandate', direction: 'inward', reason: null },
		]);
	});
});

describe('Income, borrowing and flags on the same statement (worked by hand)', () => {
	const [account] = insightsOf(aaReport());

	test('a loan disbursal is borrowed money: not income, and out of the ABB without disbursals', () => {
		expect(account.borrowing.loan_disbursals).toMatchObject({ total: '20000.00', count: 1 });
		expect(account.borrowing.loan_disbursals.transactions.map((t) => t.id)).toEqual(['P04']);
		// Net credits: January 5,000 (the salary); February 700 + 20,000 + 1,000 = 21,700 less the
		// 20,000 disbursal = 1,700; March nothing.
		expect(account.income.net_credits.months.map((m) => [m.month, m.complete, m.credits, m.loan_disbursals, m.net])).toEqual([
			['2025-01', false, '5000.00', '0.00', '5000.00'],
			['2025-02', true, '21700.00', '20000.00', '1700.00'],
			['2025-03', false, '0.00', '0.00', '0.00'],
		]);
		// Only February is complete: its net credits are the monthly average.
		expect(account.income.net_credits).toMatchObject({ monthly_average: '1700.00', months_used: ['2025-02'] });
		// There is a salary, so income is the salary: 5,000 in one month. No obligations: FOIR 0.
		expect(account.income).toMatchObject({ monthly_income: '5000.00', monthly_income_basis: 'salary' });
		expect(account.obligations).toMatchObject({ items: [], monthly_total: '0.00', obligations_to_income: 0, foir_basis: 'salary (1 month)' });
		// ABB without the disbursal: each ABB day from 10 Feb on loses 20,000.
		// February: 200, 1,200 − 20,000, then 4 × (700 − 20,000) → 200 − 18,800 − 77,200 = −95,800 ÷ 6 = −15,966.67.
		// March: 2 × (500 − 20,000) = −39,000 ÷ 2 = −19,500. January unchanged (3,125.00).
		// Period: (12,500 − 95,800 − 39,000) ÷ 12 = −10,191.666… → −10,191.67.
		expect(account.months.map((m) => m.abb_excluding_loan_disbursals)).toEqual(['3125.00', '-15966.67', '-19500.00']);
		expect(account.period.abb_excluding_loan_disbursals).toBe('-10191.67');
	});

	test('salary regularity: usual day, a month without salary, the delay flag', () => {
		// Salary on 20 Jan only. February should have had one by the 25th (20 + 5 days' grace) and had
		// none; March's due day (25th) is after the period's end (10 Mar), so it is not expected.
		expect(account.income.salary).toMatchObject({
			usual_day: 20,
			day_spread: 0,
			months: [{ month: '2025-01', total: '5000.00', count: 1, day: 20 }],
			months_without_salary: ['2025-02'],
			delayed_months: [],
			delayed: true,
		});
	});

	test('channels and top counterparties', () => {
		// UPI credits 700 + 1,000; UPI debits 6,500 + 19,000 + 200; NEFT credits 5,000 + 20,000; ATM 1,500.
		expect(account.channels.period).toEqual({
			cash: { credits: { total: '0.00', count: 0 }, debits: { total: '1500.00', count: 1 } },
			upi: { credits: { total: '1700.00', count: 2 }, debits: { total: '25700.00', count: 3 } },
			neft_rtgs_imps: { credits: { total: '25000.00', count: 2 }, debits: { total: '0.00', count: 0 } },
		});
		expect(account.channels.months.map((m) => Object.keys(m.channels))).toEqual([['upi', 'neft_rtgs_imps'], ['cash', 'upi', 'neft_rtgs_imps'], ['upi']]);
		expect(account.channels.transaction_indexes).toEqual({ cash: { 'acc-P': [5] }, upi: { 'acc-P': [1, 2, 4, 6, 7] }, neft_rtgs_imps: { 'acc-P': [0, 3] } });
		const top = (list) => list.map((c) => [c.counterparty, c.total, c.count, c.transaction_indexes['acc-P']]);
		expect(top(account.counterparties.by_credits)).toEqual([
			['BAJAJ FINANCE LOAN DISB', '20000.00', 1, [3]],
			['ACME LTD', '5000.00', 1, [0]],
			['SUNIL', '1000.00', 1, [6]],
			['RAVI KUMAR', '700.00', 1, [2]],
		]);
		expect(top(account.counterparties.by_debits)).toEqual([
			['CROMA ELECTRONICS', '19000.00', 1, [4]],
			['HOUSE RENT', '6500.00', 1, [1]],
			['ATM CASH WDL MG ROAD', '1500.00', 1, [5]],
			['TEA STALL', '200.00', 1, [7]],
		]);
	});

	test('round figures and a rapid balance drop', () => {
		// At least ₹10,000 in whole thousands: the 20,000 disbursal and the 19,000 spend.
		expect(account.risk.round_figures).toMatchObject({ total: '39000.00', count: 2 });
		expect(account.risk.round_figures.transactions.map((t) => t.id)).toEqual(['P04', 'P05']);
		// 20,200 at 10:00 on 10 Feb to 1,200 at 15:00: (20,200 − 1,200) ÷ 20,200 = 94.06 % in 5 hours.
		// The fall to −500 on 31 Jan starts below ₹10,000 and does not count.
		expect(account.risk.rapid_drops.events).toEqual([
			{
				account: 'acc-P',
				from: { date: '2025-02-10', balance: '20200.00' },
				to: { date: '2025-02-10', balance: '1200.00' },
				drop_percent: 94.06,
				hours: 5,
				transactions: [expect.objectContaining({ id: 'P05' })],
			},
		]);
		expect(account.risk.rotation.count).toBe(0);
		expect(account.risk.same_day_equal.count).toBe(0);
	});
});

describe('Rotation and equal credit and debit on one day', () => {
	const rows = [
		['R01', '2025-03-03', 'DEBIT', 25000, 'IMPS/DR/RAJ TRADERS', '75000.00'],
		['R02', '2025-03-05', 'CREDIT', 24800, 'IMPS/CR/RAJ TRADERS', '99800.00'], // back 2 days later, within 10 %: rotation
		['R03', '2025-03-10', 'CREDIT', 7777, 'UPI/CR/ANIL', '107577.00'],
		['R04', '2025-03-10', 'DEBIT', 7777, 'UPI/DR/SUNITA', '99800.00'], // same amount out the same day
		['R05', '2025-03-20', 'DEBIT', 10000, 'IMPS/DR/RAJ TRADERS', '89800.00'],
		['R06', '2025-03-25', 'CREDIT', 10000, 'IMPS/CR/RAJ TRADERS', '99800.00'], // 5 days: outside the 3-day window
	];
	const item = {
		client_id: 'c-r',
		accounts: [{ account_id: 'acc-R', transactions: rows.map(([txn_id, date, type, amount, narration, balance]) => ({ txn_id, date, type, amount, narration, balance })) }],
	};
	const [account] = insightsOf(item);

	test('money out and back from the same counterparty within 3 days', () => {
		expect(account.risk.rotation.events.map((e) => [e.counterparty, e.days, e.out.id, e.back.id])).toEqual([['RAJ TRADERS', 2, 'R01', 'R02']]);
	});

	test('the same amount in and out on one day', () => {
		expect(account.risk.same_day_equal.pairs.map((p) => [p.date, p.amount, p.credit.id, p.debit.id])).toEqual([['2025-03-10', '7777.00', 'R03', 'R04']]);
	});

	test('a shorter window finds nothing; a longer one finds the second pair too', () => {
		const { borrowers } = readBorrowers([item]);
		const rules = withExtensions();
		rules.rotationWindowDays = 5;
		expect(computeInsights(borrowers[0], rules)[0].risk.rotation.count).toBe(2);
	});
});

describe('The Summary item', () => {
	const { summaryOf } = require(`${DIST}/nodes/FinpassInsights/insights/summary.js`);
	const summary = summaryOf(insightsOf(aaReport()));

	test('numbers an IF node compares beside the exact strings, and a sentence with rupees as people read them', () => {
		expect(summary).toMatchObject({
			accounts: 1,
			transactions: 8,
			period: { from: '2025-01-15', to: '2025-03-10', days: 55, basis: 'declared', months: 3, complete_months: 1 },
			abb: '1475.00',
			abb_rupees: 1475,
			abb_last_6_complete_months: null,
			abb_excluding_loan_disbursals: '-10191.67',
			abb_excluding_loan_disbursals_rupees: -10191.67,
			min_eod_balance: '-500.00',
			min_eod_balance_rupees: -500,
			lowest_running_balance_rupees: -500,
			negative_eod_days: 1,
			negative_running_days: 2,
			monthly_income: '5000.00',
			monthly_income_rupees: 5000,
			obligations_to_income: 0,
			loan_disbursals: { total: '20000.00', total_rupees: 20000, count: 1 },
			rapid_balance_drops: 1,
			round_figure_transactions: 2,
		});
		expect(summary.summary).toBe(
			'1 account, 8 transactions, 2025-01-15 to 2025-03-10 (declared period); ABB ₹1,475.00, lowest end-of-day balance −₹500.00; ' +
				'monthly income ₹5,000.00 (salary), obligations ₹0.00 a month, FOIR 0 %; 0 bounces, 1 negative end-of-day balance day; ' +
				'1 loan disbursal credit(s) of ₹20,000.00.',
		);
		expect(JSON.stringify(summary).length).toBeLessThan(8000);
	});

	test('the same Summary from a Finpass AA report, FinPro data and an AA-BSA result', () => {
		// Row positions are the same in all three (FinPro's list is reversed by position, not re-indexed here).
		const plain = (s) => JSON.parse(JSON.stringify({ ...s, borrower: null, bounce_transactions: null, loan_disbursals: { ...s.loan_disbursals, latest: null } }));
		expect(plain(summaryOf(insightsOf(aaBsaResult())))).toEqual(plain(summary));
		expect(plain(summaryOf(insightsOf(finproAccount())))).toEqual(plain(summary));
	});
});
