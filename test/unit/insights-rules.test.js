// Underwriting insights: the rules one at a time (recurrence, extra words, thresholds, ABB days)
// and the exact readers under them (dates in India time, JSON-number amounts).
const { DIST } = require('../helpers/context');
const { computeInsights, readBorrowers, withExtensions, parseAbbDays } = require(`${DIST}/nodes/FinpassInsights/insights/index.js`);
const { readWhen, when, dayInfo } = require(`${DIST}/nodes/FinpassInsights/insights/dates.js`);
const { numberToPaise } = require(`${DIST}/nodes/FinpassInsights/insights/amounts.js`);
const { toPaise } = require(`${DIST}/nodes/shared/finance/money.js`);

/** One account from [date, type, amount, narration] rows; balances chained from 1,00,000.00 in paise. */
function account(rows, key = 'acc-1') {
	let balance = 10000000;
	return {
		client_id: 'b1',
		account_id: key,
		masked_account_number: `XXXX${key === 'acc-1' ? '1111' : '2222'}`,
		transactions: rows.map(([date, type, amount, narration], k) => {
			balance += (type === 'CREDIT' ? 1 : -1) * Math.round(amount * 100);
			return { txn_id: `${key}-${k}`, date, type, amount, narration, balance: `${Math.floor(balance / 100)}.${String(balance % 100).padStart(2, '0')}` };
		}),
	};
}
const run = (items, extra) => {
	const { borrowers } = readBorrowers(items);
	return computeInsights(borrowers[0], withExtensions(extra));
};
const monthly = (day, type, amount, narration, months = ['2025-01', '2025-02', '2025-03']) => months.map((m) => [`${m}-${day}`, type, amount, narration]);

describe('Recurrence', () => {
	test('without a salary word, the largest about-monthly credit is the salary; the next one another recurring credit', () => {
		const [, all] = run([account([...monthly('01', 'CREDIT', 45000, 'NEFT/CR/GLOBEX CORP'), ...monthly('10', 'CREDIT', 12000, 'IMPS/CR/TENANT RAO')])]);
		expect(all.income.salary).toMatchObject({ basis: 'recurrence', sources: ['GLOBEX CORP'], months_count: 3, average_monthly: '45000.00' });
		expect(all.income.other_recurring_credits.map((c) => [c.counterparty, c.amount, c.day_of_month, c.months_count])).toEqual([['TENANT RAO', '12000.00', 10, 3]]);
		expect(all.income.monthly_income).toBe('45000.00');
	});

	test('a debit to the same payee on about the same day for three months in a row recurs; on random days it does not. A lender is an obligation, a shop is not', () => {
		const [, all] = run([
			account([
				...monthly('01', 'CREDIT', 50000, 'NEFT/CR/ACME/SALARY'),
				['2025-01-15', 'DEBIT', 7000, 'UPI/DR/SHREE FINANCE'],
				['2025-02-16', 'DEBIT', 7000, 'UPI/DR/SHREE FINANCE'],
				['2025-03-14', 'DEBIT', 7000, 'UPI/DR/SHREE FINANCE'],
				['2025-01-03', 'DEBIT', 900, 'UPI/DR/CORNER STORE'],
				['2025-02-21', 'DEBIT', 920, 'UPI/DR/CORNER STORE'],
				['2025-03-09', 'DEBIT', 880, 'UPI/DR/CORNER STORE'],
				...monthly('12', 'DEBIT', 2500, 'UPI/DR/MERCHANT KBQ STORE'),
			]),
		]);
		// SHREE FINANCE is a lender (FINANCE): an obligation, counted in FOIR (7,000 ÷ 50,000 = 0.14).
		expect(all.obligations.items.map((o) => [o.counterparty, o.basis, o.day_of_month, o.months_count])).toEqual([['SHREE FINANCE', 'lender', 14, 3]]);
		expect(all.obligations.obligations_to_income).toBe(0.14);
		expect(all.obligations.foir_basis).toBe('salary (3 months)');
		// A shop paid every month on the 12th recurs, but is a habit, not a loan: reported apart.
		expect(all.obligations.other_recurring_debits.map((o) => [o.counterparty, o.basis, o.day_of_month, o.months_count])).toEqual([['MERCHANT KBQ STORE', 'recurrence', 12, 3]]);
	});

	test('two months are not recurring; months with a gap are not consecutive', () => {
		const gap = monthly('05', 'DEBIT', 3000, 'UPI/DR/GYM', ['2025-01', '2025-02', '2025-04']);
		const [, all] = run([account([...monthly('05', 'DEBIT', 3000, 'UPI/DR/NETFLIX', ['2025-01', '2025-02']), ...gap])]);
		expect(all.obligations.other_recurring_debits).toEqual([]);
		const [, four] = run([account(gap)], { recurringMinMonths: 2 });
		expect(four.obligations.other_recurring_debits.map((o) => o.counterparty)).toEqual(['GYM']);
		expect(four.obligations.items).toEqual([]);
	});
});

describe('Rules the user extends', () => {
	const rows = [
		['2025-01-01', 'CREDIT', 30000, 'BY CLG/ACME CONSULTING/JAN'],
		['2025-01-05', 'DEBIT', 4000, 'CHQ 000123 RETD UNPAID'],
		['2025-01-15', 'DEBIT', 250, 'CHQ RET CHRGS'],
		['2025-01-20', 'DEBIT', 10000, 'TRF TO 50100123456789'],
		['2025-01-25', 'CREDIT', 60000, 'RTGS/CR/PLOT SALE'],
	];
	test('built-in rules', () => {
		const [a] = run([account(rows)]);
		expect(a.income.salary).toBeNull();
		// UNPAID is a bounce word. Its charge comes 10 days later, outside the 7-day window: a
		// "CHQ RET CHRGS" with no bounce before it counts as a bounce known only by its charge.
		expect(a.risk.bounces.events.map((e) => [e.date, e.bounced && e.bounced.index, e.penalties.map((p) => p.index)])).toEqual([
			['2025-01-05', 1, []],
			['2025-01-15', null, [2]],
		]);
		expect(a.risk.own_transfers.debits.count).toBe(0);
		expect(a.risk.large_credits.count).toBe(0);
	});
	test('extra salary word, own account number, a longer penalty window, a lower large-credit threshold', () => {
		const [a] = run([account(rows)], { salary: ['ACME CONSULTING'], ownAccountNumbers: ['50100123456789'], penaltyWindowDays: 10, largeCreditPaise: 5000000 });
		expect(a.income.salary).toMatchObject({ basis: 'narration', months_count: 1, average_monthly: '30000.00' });
		expect(a.risk.bounces.count).toBe(1);
		expect(a.risk.bounces.events[0].penalties.map((p) => [p.index, p.amount])).toEqual([[2, '250.00']]);
		expect(a.risk.bounces.penalty_total).toBe('250.00');
		expect(a.risk.own_transfers.debits.transactions.map((t) => t.index)).toEqual([3]);
		expect(a.risk.large_credits.transactions.map((t) => [t.index, t.amount])).toEqual([[4, '60000.00']]);
	});
	test('a word with a trailing * matches any ending; words never match inside other words', () => {
		const [a] = run([account([['2025-01-02', 'DEBIT', 100, 'ECS DISHONOURED'], ['2025-01-03', 'CREDIT', 100, 'WHOLESALE REFUND']])]);
		expect(a.risk.bounces.count).toBe(1);
		expect(a.income.salary).toBeNull();
	});
});

describe('ABB days', () => {
	test('"last" and days beyond a short month are the last day; the 31st of February is the 28th', () => {
		expect(parseAbbDays('5, 31, last')).toEqual([5, 31, 0]);
		expect(parseAbbDays('0')).toBe('"0" is not a day of the month (1 to 31, or "last")');
		const [a] = run([account([['2025-02-01', 'CREDIT', 100, 'A'], ['2025-02-28', 'CREDIT', 100, 'B']])], { abbDays: [5, 31, 0] });
		expect(a.months[0].abb_balances.map((b) => b.date)).toEqual(['2025-02-05', '2025-02-28']);
	});
});

describe('Unreadable rows', () => {
	test('are listed by index and left out of every figure', () => {
		const acc = account([['2025-01-01', 'CREDIT', 100, 'A'], ['2025-01-02', 'CREDIT', 100, 'B']]);
		acc.transactions.splice(1, 0, { txn_id: 'x', date: '02/01/2025', type: 'CREDIT', amount: 5, narration: 'C', balance: '1.00' }, { txn_id: 'y', date: '2025-01-02', type: 'REVERSAL', amount: 5 });
		const [a] = run([acc]);
		expect(a.unreadable_transactions).toEqual([{ account: 'acc-1', index: 1 }, { account: 'acc-1', index: 2 }]);
		expect(a.transactions).toBe(2);
		expect(a.period.credits.total).toBe('200.00');
	});
});

describe('Readers', () => {
	test('an empty timestamp falls back to the next date field (Finpass value_date)', () => {
		const { borrowers } = readBorrowers([
			{ client_id: 'b', account_id: 'a', transaction_data: { transaction_details: [{ transaction_id: 't', amount: 5, type: 'CREDIT', transaction_timestamp: '', value_date: '2025-03-04T00:00:00+05:30', transactional_balance: '5.00' }] } },
		]);
		const [a] = computeInsights(borrowers[0], withExtensions());
		expect([a.transactions, a.period.from]).toEqual([1, '2025-03-04']);
	});
	const read = (text) => (readWhen(text) ? [dayInfo(when.day).date, when.time] : null);
	test('timestamps are India-time days; zoned times are converted, unzoned taken as written', () => {
		expect(read('2025-01-31')).toEqual(['2025-01-31', Date.parse('2025-01-31T00:00:00+05:30')]);
		expect(read('2025-01-31T20:00:00.000Z')).toEqual(['2025-02-01', Date.parse('2025-01-31T20:00:00.000Z')]);
		expect(read('2025-01-31T23:59:59+05:30')).toEqual(['2025-01-31', Date.parse('2025-01-31T23:59:59+05:30')]);
		expect(read('2025-01-31 10:00:00')).toEqual(['2025-01-31', Date.parse('2025-01-31T10:00:00+05:30')]);
		expect(read('2024-02-29T10:00:00+0530')).toEqual(['2024-02-29', Date.parse('2024-02-29T10:00:00+05:30')]);
		expect(read('31/01/2025')).toBeNull();
		expect(read('2025-13-01')).toBeNull();
	});
	test('calendar arithmetic agrees with Date for every day from 1900 to 2100', () => {
		for (let day = -25567; day <= 47482; day += 1) {
			const info = dayInfo(day);
			const expected = new Date(day * 86400000).toISOString().slice(0, 10);
			if (info.date !== expected) throw new Error(`day ${day}: ${info.date} ≠ ${expected}`);
		}
	});
	test('JSON-number amounts read exactly as shared/finance/money.ts reads them', () => {
		let seed = 7;
		const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		const values = [0, 0.1, 0.2, 0.3, 1.005, 1234.56, 1e15, 123456789012.34, -5.5, 99999999999.99, 0.125, 1e-7];
		for (let k = 0; k < 20000; k++) values.push(Math.floor(rnd() * 1e9) / 100, Math.floor(rnd() * 1e13) / 100, rnd() * 1000);
		const differing = values.filter((v) => numberToPaise(v) !== toPaise(v));
		expect(differing).toEqual([]);
	});
});
