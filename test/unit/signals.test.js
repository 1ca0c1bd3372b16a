// Early-warning signals (nodes/FinpassInsights/insights/signals.ts) on hand-written statements:
// each kind fires at its threshold and not a paisa (or a day) before it.
const { DIST } = require('../helpers/context');
const { borrowersOneByOne, readBorrowers, withExtensions } = require(`${DIST}/nodes/FinpassInsights/insights/index.js`);
const { computeSignals, DEFAULT_SIGNAL_RULES } = require(`${DIST}/nodes/FinpassInsights/insights/signals.js`);

const toPaise = (rupees) => Math.round(Number(rupees) * 100);
const text = (paise) => `${paise < 0 ? '-' : ''}${Math.floor(Math.abs(paise) / 100)}.${String(Math.abs(paise) % 100).padStart(2, '0')}`;

/** An AA report of one account: rows [date, CREDIT|DEBIT, "amount", narration], balances worked out from the opening. */
function report(rows, { opening = '20000.00', end } = {}) {
	let balance = toPaise(opening);
	const details = rows
		.slice()
		.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
		.map(([date, type, amount, narration], n) => {
			balance += type === 'CREDIT' ? toPaise(amount) : -toPaise(amount);
			return { transaction_id: `T${n + 1}`, amount: Number(amount), type, narration, transaction_timestamp: `${date}T10:00:00+05:30`, transactional_balance: text(balance) };
		});
	return {
		client_id: 'borrower-1',
		account_aggregator_json: [
			{ account_id: 'acc-1', masked_account_number: 'XXXXXXXX1234', transaction_data: { transaction_details: details, start_date: details[0]?.transaction_timestamp.slice(0, 10), end_date: end } },
		],
	};
}

/**
 * Four clean months, Jan–Apr 2026, opening ₹20,000.00. Each month: salary ₹50,000.00 on the 1st,
 * HDFC EMI ₹12,500.00 on the 5th, rent ₹15,000.00 on the 7th, ATM ₹5,000.00 on the 12th,
 * groceries ₹3,000.00 on the 20th: +₹14,500.00 a month, so ₹78,000.00 on 30 April.
 */
function clean(months = ['01', '02', '03', '04']) {
	return months.flatMap((m) => [
		[`2026-${m}-01`, 'CREDIT', '50000.00', 'NEFT/CR/ACME PAYROLL/SALARY'],
		[`2026-${m}-05`, 'DEBIT', '12500.00', 'ACH/DR/HDFC BANK LOAN EMI'],
		[`2026-${m}-07`, 'DEBIT', '15000.00', 'IMPS/DR/RENT/LANDLORD'],
		[`2026-${m}-12`, 'DEBIT', '5000.00', 'ATM/CASH WDL/MG ROAD'],
		[`2026-${m}-20`, 'DEBIT', '3000.00', 'UPI/DR/GROCERY MART'],
	]);
}

function signalsOf(json, asOf, thresholds = {}) {
	const { borrowers } = readBorrowers([json]);
	return computeSignals(borrowers[0], withExtensions({}), { ...DEFAULT_SIGNAL_RULES, ...thresholds }, { asOf });
}
const kinds = (result) => result.signals.map((s) => s.kind);
const one = (result, kind) => {
	const found = result.signals.filter((s) => s.kind === kind);
	expect(found).toHaveLength(1);
	return found[0];
};

describe('a clean borrower', () => {
	test('four clean months give no signal; the evaluated checks are listed as clear', () => {
		const result = signalsOf(report(clean(), { end: '2026-04-30' }));
		expect(result.as_of).toBe('2026-04-30'); // the declared period's end
		expect(result.signals).toEqual([]);
		expect(result.clear).toEqual(
			expect.arrayContaining(['borrower-1|salary_missing|2026-04', 'borrower-1|emi_missed|2026-04|HDFC BANK LOAN', 'borrower-1|emi_pre_bounce|2026-05-05|HDFC BANK LOAN']),
		);
	});

	test('as of defaults to the last transaction when no period is declared', () => {
		expect(signalsOf(report(clean())).as_of).toBe('2026-04-20');
	});
});

describe('salary', () => {
	const may = (extra) => report([...clean(), ...extra], { end: '2026-05-31' });
	test('missing: not by its usual day (1) + 5 grace days: fires on the 7th, not on the 6th', () => {
		const on7 = one(signalsOf(may([]), '2026-05-07'), 'salary_missing');
		expect(on7).toMatchObject({ id: 'borrower-1|salary_missing|2026-05', severity: 'high', figure: '0.00', baseline: '50000.00' });
		expect(on7.message).toBe('No salary by 2026-05-07: it usually comes on day 1 (about ₹50,000.00 a month; last one ₹50,000.00 on 2026-04-01).');
		const on6 = signalsOf(may([]), '2026-05-06');
		expect(kinds(on6)).not.toContain('salary_missing');
		expect(on6.clear).toContain('borrower-1|salary_missing|2026-05');
	});
	test('late: on day 7 fires, on day 6 does not', () => {
		expect(one(signalsOf(may([['2026-05-07', 'CREDIT', '50000.00', 'NEFT/CR/ACME PAYROLL/SALARY']]), '2026-05-31'), 'salary_late').figure).toBe('2026-05-07');
		expect(kinds(signalsOf(may([['2026-05-06', 'CREDIT', '50000.00', 'NEFT/CR/ACME PAYROLL/SALARY']]), '2026-05-31'))).not.toContain('salary_late');
	});
	test('reduced: 20% below the 3-month average of ₹50,000.00 is ₹40,000.00: fires; ₹40,000.01 does not', () => {
		const at = one(signalsOf(may([['2026-05-01', 'CREDIT', '40000.00', 'NEFT/CR/ACME PAYROLL/SALARY']]), '2026-05-31'), 'salary_reduced');
		expect(at).toMatchObject({ figure: '40000.00', baseline: '50000.00' });
		expect(at.message).toBe('Salary of 2026-05 is ₹40,000.00, 20% below its 3-month average of ₹50,000.00.');
		expect(kinds(signalsOf(may([['2026-05-01', 'CREDIT', '40000.01', 'NEFT/CR/ACME PAYROLL/SALARY']]), '2026-05-31'))).not.toContain('salary_reduced');
	});
	test('new source: a salary from GLOBEX after months from ACME fires; ACME again does not', () => {
		const s = one(signalsOf(may([['2026-05-01', 'CREDIT', '50000.00', 'NEFT/CR/GLOBEX PAYROLL/SALARY']]), '2026-05-31'), 'salary_new_source');
		expect(s.severity).toBe('low');
		expect(kinds(signalsOf(may([['2026-05-01', 'CREDIT', '50000.00', 'NEFT/CR/ACME PAYROLL/SALARY']]), '2026-05-31'))).not.toContain('salary_new_source');
	});
});

describe('instalments', () => {
	const salaryMay = ['2026-05-01', 'CREDIT', '50000.00', 'NEFT/CR/ACME PAYROLL/SALARY'];
	test('missed: not seen by day 5 + 5: fires on the 11th, not on the 10th', () => {
		const json = report([...clean(), salaryMay], { end: '2026-05-31' });
		const s = one(signalsOf(json, '2026-05-11'), 'emi_missed');
		expect(s).toMatchObject({ id: 'borrower-1|emi_missed|2026-05|HDFC BANK LOAN', figure: '0.00', baseline: '12500.00' });
		expect(s.message).toBe('Instalment of ₹12,500.00 to HDFC BANK LOAN not seen by 2026-05-11: it is usually paid on day 5 (last on 2026-04-05).');
		expect(kinds(signalsOf(json, '2026-05-10'))).not.toContain('emi_missed');
	});
	test('bounced: the EMI returned, with its charge', () => {
		const bounced = [
			salaryMay,
			['2026-05-05', 'DEBIT', '12500.00', 'ACH/DR/HDFC BANK LOAN EMI'],
			['2026-05-06', 'CREDIT', '12500.00', 'ACH RTN/HDFC BANK LOAN EMI/INSUFFICIENT FUNDS'],
			['2026-05-06', 'DEBIT', '590.00', 'ACH RTN CHGS INCL GST'],
		];
		const s = one(signalsOf(report([...clean(), ...bounced], { end: '2026-05-31' })), 'emi_bounced');
		expect(s).toMatchObject({ severity: 'high', period: '2026-05-06', figure: '12500.00' });
		expect(s.transactions.map((t) => t.amount)).toEqual(['12500.00', '590.00']);
		expect(s.message).toBe('Instalment or mandate of ₹12,500.00 returned unpaid on 2026-05-06 and ₹590.00 in charges: "ACH RTN/HDFC BANK LOAN EMI/INSUFFICIENT FUNDS".');
		// Paid and not returned: no bounce, no missed EMI.
		expect(kinds(signalsOf(report([...clean(), salaryMay, bounced[1]], { end: '2026-05-31' })))).toEqual([]);
	});
	test('pre-bounce: on 31 May, the balance below the ₹12,500.00 due on 5 June fires; exactly ₹12,500.00 does not', () => {
		// 30 April: ₹78,000.00. May: salary, EMI, rent, ATM, groceries as usual → ₹92,500.00; then a debit leaves ₹12,499.99 or ₹12,500.00.
		const may = (left) => report([...clean(['01', '02', '03', '04', '05']), ['2026-05-31', 'DEBIT', text(9250000 - toPaise(left)), 'UPI/DR/CAR DEALER']], { end: '2026-05-31' });
		const s = one(signalsOf(may('12499.99')), 'emi_pre_bounce');
		expect(s).toMatchObject({ id: 'borrower-1|emi_pre_bounce|2026-06-05|HDFC BANK LOAN', figure: '12499.99', baseline: '12500.00' });
		expect(kinds(signalsOf(may('12500.00')))).not.toContain('emi_pre_bounce');
		// Six days ahead (as of 30 May) is outside the 5-day window.
		expect(kinds(signalsOf(may('12499.99'), '2026-05-30'))).not.toContain('emi_pre_bounce');
	});
	test('new instalment: a NACH debit first seen in May after four months without it', () => {
		const s = one(signalsOf(report([...clean(['01', '02', '03', '04', '05']), ['2026-05-10', 'DEBIT', '4000.00', 'NACH/DR/QUICKCASH FINANCE']], { end: '2026-05-31' })), 'new_emi');
		expect(s).toMatchObject({ period: '2026-05', figure: '4000.00' });
	});
});

describe('new borrowing and cheques', () => {
	const may = (extra) => report([...clean(['01', '02', '03', '04', '05']), ...extra], { end: '2026-05-31' });
	test('a loan disbursal credit fires; a refund does not', () => {
		const s = one(signalsOf(may([['2026-05-15', 'CREDIT', '150000.00', 'NEFT/CR/QUICKCASH FINANCE LOAN DISB']])), 'new_loan_credit');
		expect(s.message).toBe('New borrowing: a loan credit of ₹1,50,000.00 on 2026-05-15 ("NEFT/CR/QUICKCASH FINANCE LOAN DISB").');
		expect(kinds(signalsOf(may([['2026-05-15', 'CREDIT', '150000.00', 'NEFT/CR/AMAZON REFUND']])))).toEqual([]);
	});
	test('an inward cheque return (the borrower\'s cheque unpaid) fires; an outward one (a deposited cheque) does not', () => {
		const inward = one(
			signalsOf(may([
				['2026-05-14', 'DEBIT', '20000.00', 'CHQ PAID 000123 SHARMA'],
				['2026-05-15', 'CREDIT', '20000.00', 'I/W CHQ RTN 000123 FUNDS INSUFFICIENT'],
				['2026-05-15', 'DEBIT', '500.00', 'I/W CHQ RTN CHGS'],
			])),
			'cheque_return_inward',
		);
		expect(inward.transactions.map((t) => t.amount)).toEqual(['20000.00', '500.00']);
		expect(kinds(signalsOf(may([['2026-05-14', 'CREDIT', '20000.00', 'CHQ DEP 000777'], ['2026-05-16', 'DEBIT', '20000.00', 'O/W CHQ RTN 000777']])))).not.toContain('cheque_return_inward');
	});
});

describe('balances and cash', () => {
	// ₹1,00,000.00 from 31 January; nothing moves until 1 May.
	const flat = (extra) => report([['2026-01-31', 'CREDIT', '80000.00', 'NEFT/CR/OPENING'], ...extra], { end: '2026-05-10' });
	test('balance stress: May\'s average EOD under half of Feb–Apr\'s ₹1,00,000.00 fires; exactly half does not', () => {
		const s = one(signalsOf(flat([['2026-05-01', 'DEBIT', '50000.01', 'IMPS/DR/RAVI']])), 'balance_stress');
		expect(s).toMatchObject({ id: 'borrower-1|balance_stress|2026-05|acc-1', figure: '49999.99', baseline: '100000.00' });
		const half = signalsOf(flat([['2026-05-01', 'DEBIT', '50000.00', 'IMPS/DR/RAVI']]));
		expect(kinds(half)).toEqual([]);
		expect(half.clear).toContain('borrower-1|balance_stress|2026-05|acc-1');
	});
	test('negative end-of-day: a day ending at −₹0.01 fires; one ending at ₹0.00 does not; overdrawn only during the day does not', () => {
		const s = one(signalsOf(flat([['2026-05-03', 'DEBIT', '100000.01', 'IMPS/DR/RAVI']])), 'negative_eod_balance');
		expect(s).toMatchObject({ figure: '8', period: '2026-05' }); // 3–10 May
		expect(kinds(signalsOf(flat([['2026-05-03', 'DEBIT', '100000.00', 'IMPS/DR/RAVI']])))).not.toContain('negative_eod_balance');
		const overnight = flat([['2026-05-03', 'DEBIT', '100000.01', 'IMPS/DR/RAVI'], ['2026-05-03', 'CREDIT', '1.00', 'UPI/CR/RAVI']]);
		expect(kinds(signalsOf(overnight))).not.toContain('negative_eod_balance');
	});
	test('rapid drop, as the insights find it (within 24 hours, from at least ₹10,000): to 10% of the high fires; a paisa more does not', () => {
		// 9 May: ₹1.00 in (₹1,00,001.00), then a debit the same day. 10% of ₹1,00,001.00 is ₹10,000.10.
		const drop = (debit) => flat([['2026-05-09', 'CREDIT', '1.00', 'UPI/CR/RAVI'], ['2026-05-09', 'DEBIT', debit, 'IMPS/DR/RAVI']]);
		const s = one(signalsOf(drop('90000.90')), 'rapid_balance_drop');
		expect(s).toMatchObject({ period: '2026-05-09', figure: '10000.10', baseline: '100001.00' });
		expect(s.transactions.map((t) => t.amount)).toEqual(['90000.90']);
		expect(kinds(signalsOf(drop('90000.89')))).not.toContain('rapid_balance_drop');
	});
	test('cash: above 2× the usual ₹5,000.00 a month and at least the minimum', () => {
		const may = (cash) => report([...clean(), ['2026-05-01', 'CREDIT', '50000.00', 'NEFT/CR/ACME PAYROLL/SALARY'], ['2026-05-12', 'DEBIT', cash, 'ATM/CASH WDL/MG ROAD']], { end: '2026-05-31' });
		expect(one(signalsOf(may('10000.01'), undefined, { cashMinimumPaise: 0 }), 'cash_withdrawals_spike')).toMatchObject({ figure: '10000.01', baseline: '5000.00' });
		expect(kinds(signalsOf(may('10000.00'), undefined, { cashMinimumPaise: 0 }))).not.toContain('cash_withdrawals_spike');
		// The default minimum (₹25,000.00): ₹24,999.99 does not fire however far above the usual.
		expect(kinds(signalsOf(may('24999.99')))).not.toContain('cash_withdrawals_spike');
		expect(kinds(signalsOf(may('25000.00')))).toContain('cash_withdrawals_spike');
	});
});

describe('reading one borrower at a time', () => {
	const of = (clientId, json) => ({ ...json, client_id: clientId });
	test('borrowersOneByOne reads what readBorrowers reads, item indexes those of the whole input', () => {
		const a = report(clean(['01', '02']), { end: '2026-02-28' });
		const b = report(clean(['03']), { end: '2026-03-31' });
		const items = [of('A', a), of('B', b), { client_id: 'A', note: 'no transactions here' }, of('B', { ...b, account_aggregator_json: [{ ...b.account_aggregator_json[0], account_id: 'acc-2' }] }), { note: 'nobody' }];
		const whole = readBorrowers(items);
		const oneByOne = [...borrowersOneByOne(items)];
		expect(oneByOne.map((r) => r.borrower && r.borrower.borrower)).toEqual(['A', 'B', undefined]);
		expect(oneByOne.map((r) => r.borrower)).toEqual([...whole.borrowers, undefined]);
		expect(oneByOne[1].borrower.items).toEqual([1, 3]);
		expect(oneByOne.flatMap((r) => r.errors).sort((x, y) => x.item - y.item)).toEqual(whole.errors);
		expect(oneByOne[0].errors.map((e) => e.item)).toEqual([2]);
	});
	test("signals as of a day inside the data leave the caller's rows as they were; as of the end they classify them in place, with the same result", () => {
		const { borrowers } = readBorrowers([report([...clean(), ['2026-05-06', 'CREDIT', '12500.00', 'ACH RTN/HDFC BANK LOAN EMI/INSUFFICIENT FUNDS']], { end: '2026-05-31' })]);
		const [borrower] = borrowers;
		const before = borrower.accounts[0].rows.map((r) => [r.kind, r.flags]);
		const early = computeSignals(borrower, withExtensions({}), DEFAULT_SIGNAL_RULES, { asOf: '2026-04-30' });
		expect(borrower.accounts[0].rows.map((r) => [r.kind, r.flags])).toEqual(before);
		expect(kinds(early)).toEqual([]);
		const atEnd = computeSignals(borrower, withExtensions({}), DEFAULT_SIGNAL_RULES);
		expect(kinds(atEnd)).toContain('emi_bounced');
		expect(computeSignals(borrower, withExtensions({}), DEFAULT_SIGNAL_RULES)).toEqual(atEnd);
		expect(computeSignals(borrower, withExtensions({}), DEFAULT_SIGNAL_RULES, { asOf: '2026-04-30' })).toEqual(early);
	});
});
