// Exact money and balance reconciliation (nodes/shared/finance), against the compiled module.
const { DIST } = require('../helpers/context');
const money = require(`${DIST}/nodes/shared/finance`);

const { toPaise, formatPaise, addPaise, subtractPaise, paiseForJson, reconcileBalances, gapsByIndex } = money;

describe('reading amounts into paise', () => {
	test.each([
		['101666.33', 10166633],
		['5000.00', 500000],
		['0.10', 10],
		['0.1', 10],
		['.5', 50],
		['7', 700],
		['1.500', 150],
		['-5.5', -550],
		['+12.34', 1234],
		[' 12.50 ', 1250],
		['1,01,666.33', 10166633],
		['12,34,567', 123456700],
		['1,234,567.89', 123456789],
		['1e3', 100000],
		['2.5E-1', 25],
		[1500, 150000],
		[1234.56, 123456],
		[0.1, 10],
		[0.2, 20],
		[-0.07, -7],
		[99999999.99, 9999999999],
	])('%p → %p paise', (input, paise) => {
		expect(toPaise(input)).toBe(paise);
	});

	test.each([[''], ['abc'], ['12.3.4'], ['1,5'], ['12,34'], ['0.125'], ['1.001'], ['-'], ['.'], ['0x10'], [NaN], [Infinity], [null], [undefined], [{}], [true], [1.5e-7]])(
		'%p is not an exact amount',
		(input) => {
			expect(toPaise(input)).toBeUndefined();
		},
	);

	// Exact decimals in every form, with exponents: a digit below the paisa is fine when the
	// exponent moves it above ("1.125e1" is exactly 11.25).
	test.each([
		['1.125e1', 1125],
		['1.125E+1', 1125],
		['-1.125e1', -1125],
		['+1.125e1', 1125],
		['112.5e-1', 1125],
		['0.0001e4', 100],
		['.125e1', 125],
		['5.', 500],
		['+.5', 50],
		['-.5', -50],
		['5.e1', 5000],
		['1e-2', 1],
		['1.25e-0', 125],
		['0e999999', 0],
		['-0.000e-99999', 0],
		['1000000000000000000000000000000000000000000000e-45', 100],
		['12.3450000000000000001e20', 123450000000000000001000n],
		[1.125e1, 1125],
		[1e21, 100000000000000000000000n],
	])('exact form %p → %p paise', (input, paise) => {
		expect(toPaise(input)).toBe(paise);
	});

	test.each([['1.125e0'], ['1.125'], ['1e-3'], ['1.23456e2'], ['e5'], ['1e'], ['1e+'], ['.e1'], ['+'], ['--1'], ['+-1'], ['NaN'], ['Infinity'], ['-Infinity'], ['1e99999999999'], [-Infinity]])(
		'%p is refused (inexact, not a number, or beyond any amount)',
		(input) => {
			expect(toPaise(input)).toBeUndefined();
		},
	);

	test('minus zero reads as plain zero', () => {
		expect(Object.is(toPaise('-0.00'), 0)).toBe(true);
		expect(Object.is(toPaise(-0), 0)).toBe(true);
	});

	test('a JSON number is read as the decimal the vendor wrote (its shortest text), never through float arithmetic', () => {
		// 1.15 * 100 is 114.99999999999999 in floating point; the text "1.15" is 115 paise.
		expect(1.15 * 100).not.toBe(115);
		expect(toPaise(1.15)).toBe(115);
		expect(toPaise(JSON.parse('{"amount": 4.35}').amount)).toBe(435);
	});
});

describe('paise arithmetic without drift', () => {
	test('0.1 + 0.2 is 0.30 exactly', () => {
		expect(0.1 + 0.2).not.toBe(0.3);
		const sum = addPaise(toPaise(0.1), toPaise(0.2));
		expect(sum).toBe(30);
		expect(sum).toBe(toPaise(0.3));
		expect(formatPaise(sum)).toBe('0.30');
		// The float sum itself carries a digit below the paisa: refused, not rounded.
		expect(toPaise(0.1 + 0.2)).toBeUndefined();
	});

	test('ten thousand additions of 0.01 make exactly 100.00', () => {
		let paise = 0;
		for (let k = 0; k < 10000; k++) paise = addPaise(paise, toPaise('0.01'));
		expect(formatPaise(paise)).toBe('100.00');
	});

	test('formatting back', () => {
		expect(formatPaise(0)).toBe('0.00');
		expect(formatPaise(5)).toBe('0.05');
		expect(formatPaise(-10)).toBe('-0.10');
		expect(formatPaise(150000)).toBe('1500.00');
		expect(formatPaise(10166633)).toBe('101666.33');
		expect(subtractPaise(toPaise('101666.33'), toPaise('5000.00'))).toBe(toPaise('96666.33'));
	});

	test('paise fields for JSON output', () => {
		expect(paiseForJson('101666.33')).toBe(10166633);
		expect(paiseForJson(1500)).toBe(150000);
		expect(paiseForJson('n/a')).toBeNull();
		expect(paiseForJson('123456789012345678.90')).toBe('12345678901234567890');
	});
});

describe('big values stay exact', () => {
	const MAX = Number.MAX_SAFE_INTEGER; // 9007199254740991 paise = 90071992547409.91 rupees

	test('up to 2^53 − 1 paise are numbers, beyond that bigints, both exact', () => {
		expect(toPaise('90071992547409.91')).toBe(MAX);
		expect(toPaise('90071992547409.92')).toBe(9007199254740992n);
		expect(toPaise('-90071992547409.92')).toBe(-9007199254740992n);
		expect(toPaise('12345678901234567890.12')).toBe(1234567890123456789012n);
		expect(formatPaise(toPaise('12345678901234567890.12'))).toBe('12345678901234567890.12');
		expect(formatPaise(-5n)).toBe('-0.05');
		expect(toPaise(1e21)).toBe(10n ** 23n);
		expect(toPaise(12345678n)).toBe(1234567800);
	});

	test('sums cross into bigint and come back to numbers when they fit', () => {
		const over = addPaise(MAX, 1);
		expect(over).toBe(9007199254740992n);
		expect(addPaise(over, -1)).toBe(MAX);
		expect(typeof addPaise(over, -1)).toBe('number');
		expect(formatPaise(addPaise(toPaise('90071992547409.91'), toPaise('0.01')))).toBe('90071992547409.92');
		expect(formatPaise(toPaise('99999999999.99'))).toBe('99999999999.99');
	});
});

// ---------------------------------------------------------------------------------------------
// Reconciliation

/** FinPro-shaped rows, oldest first, with consistent balances computed in paise. */
function series(openingPaise, moves, start = Date.parse('2025-01-01T00:00:00Z')) {
	let balance = openingPaise;
	return moves.map(([type, amount, id], k) => {
		balance += (type === 'CREDIT' ? 1 : -1) * toPaise(amount);
		return {
			txnId: id ?? `T${k + 1}`,
			type,
			amount,
			currentBalance: formatPaise(balance),
			transactionTimestamp: new Date(start + k * 3600000).toISOString(),
		};
	});
}

const FINPRO = {
	amount: (t) => t.amount,
	type: (t) => t.type,
	balance: (t) => t.currentBalance,
	time: (t) => t.transactionTimestamp ?? t.valueDate,
	id: (t) => t.txnId,
};

const MOVES = [
	['CREDIT', '5000.00'],
	['DEBIT', '1500.00'],
	['DEBIT', '0.10'],
	['DEBIT', '0.20'],
	['CREDIT', '0.30'],
	['CREDIT', '45000.00'],
	['DEBIT', '12500.55'],
	['CREDIT', '0.07'],
];

describe('reconciling balances', () => {
	test('a clean series: every balance follows, opening and closing balances given', () => {
		const rows = series(toPaise('96666.33'), MOVES);
		const r = reconcileBalances(rows, FINPRO);
		expect(r).toEqual({
			checked: 7,
			mismatches: 0,
			unchecked: 0,
			opening_balance: '96666.33',
			closing_balance: '132665.85',
			ordered: 'oldest-first',
			gaps: [],
		});
		expect(Object.keys(r)).toEqual(['checked', 'mismatches', 'unchecked', 'opening_balance', 'closing_balance', 'ordered', 'gaps']);
	});

	test('a missing transaction is one gap whose difference is the missing amount', () => {
		const rows = series(toPaise('96666.33'), MOVES);
		const missing = rows.splice(5, 1)[0]; // the CREDIT of 45000.00
		const r = reconcileBalances(rows, FINPRO);
		expect(r.mismatches).toBe(1);
		expect(r.checked).toBe(6);
		expect(r.gaps).toEqual([
			{ index: 5, transaction_id: 'T7', expected: '87665.78', reported: '132665.78', difference: missing.amount },
		]);
	});

	test('a missing DEBIT shows as a negative difference', () => {
		const rows = series(toPaise('1000.00'), [['CREDIT', '10.00'], ['DEBIT', '250.25'], ['CREDIT', '1.00']]);
		rows.splice(1, 1);
		expect(reconcileBalances(rows, FINPRO).gaps).toEqual([
			{ index: 1, transaction_id: 'T3', expected: '1011.00', reported: '760.75', difference: '-250.25' },
		]);
	});

	test('a doctored balance shows where it starts and where it stops', () => {
		const rows = series(toPaise('500.00'), MOVES);
		rows[3] = { ...rows[3], currentBalance: formatPaise(toPaise(rows[3].currentBalance) + 100000) };
		const r = reconcileBalances(rows, FINPRO);
		expect(r.gaps.map((g) => [g.index, g.difference])).toEqual([
			[3, '1000.00'],
			[4, '-1000.00'],
		]);
	});

	test('reversed (newest-first) input: walked backwards, same result, gaps name the input positions', () => {
		const forward = series(toPaise('96666.33'), MOVES);
		const reversed = forward.slice().reverse();
		const r = reconcileBalances(reversed, FINPRO);
		expect(r.ordered).toBe('newest-first');
		expect(r).toMatchObject({ checked: 7, mismatches: 0, opening_balance: '96666.33', closing_balance: '132665.85' });

		const gapped = forward.filter((_, k) => k !== 5).reverse();
		const g = reconcileBalances(gapped, FINPRO);
		expect(g.gaps).toHaveLength(1);
		expect(g.gaps[0]).toMatchObject({ index: 1, transaction_id: 'T7', difference: '45000.00' });
		expect(gapped[g.gaps[0].index].txnId).toBe('T7');
	});

	test('a reordered series is sorted by time (stable) and reconciles', () => {
		const rows = series(toPaise('2000.00'), MOVES);
		const shuffled = [rows[3], rows[0], rows[6], rows[1], rows[7], rows[2], rows[5], rows[4]];
		const r = reconcileBalances(shuffled, FINPRO);
		expect(r.ordered).toBe('unordered');
		expect(r).toMatchObject({ checked: 7, mismatches: 0, opening_balance: '2000.00' });
	});

	test('mostly newest-first with rows out of place: equal times keep the newest-first reading', () => {
		// Dates only, two transactions a day, the vendor lists newest first but two days' blocks
		// are swapped: sorted by date, and within a date the later-listed row comes first.
		const rows = series(toPaise('100.00'), MOVES).map((row, k) => ({ ...row, transactionTimestamp: `2025-02-0${1 + Math.floor(k / 2)}` }));
		const [d1a, d1b, d2a, d2b, d3a, d3b, d4a, d4b] = rows;
		const listed = [d4b, d4a, d2b, d2a, d3b, d3a, d1b, d1a];
		const r = reconcileBalances(listed, FINPRO);
		expect(r.ordered).toBe('unordered');
		expect(r.mismatches).toBe(0);
	});

	test('newest-first with ties on the same date: the whole list is reversed, ties included', () => {
		const rows = series(toPaise('100.00'), MOVES).map((row, k) => ({ ...row, transactionTimestamp: `2025-02-0${1 + Math.floor(k / 3)}` }));
		const r = reconcileBalances(rows.slice().reverse(), FINPRO);
		expect(r).toMatchObject({ ordered: 'newest-first', mismatches: 0, checked: 7 });
	});

	test('every row on the same date: the listing direction in which the balances chain wins', () => {
		const rows = series(toPaise('100.00'), MOVES).map((row) => ({ ...row, transactionTimestamp: '2025-02-01' }));
		expect(reconcileBalances(rows, FINPRO)).toMatchObject({ ordered: 'oldest-first', mismatches: 0 });
		expect(reconcileBalances(rows.slice().reverse(), FINPRO)).toMatchObject({ ordered: 'newest-first', mismatches: 0 });
	});

	test('repeated transaction ids are separate rows (never de-duplicated)', () => {
		// Like the Finpass sample: T000001 three times, on rows that differ.
		const rows = series(toPaise('10000.00'), [
			['DEBIT', '1500.00', 'T000001'],
			['CREDIT', '2000.00', 'T000002'],
			['DEBIT', '1500.00', 'T000001'],
			['CREDIT', '1500.00', 'T000001'],
		]);
		const r = reconcileBalances(rows, FINPRO);
		expect(r).toMatchObject({ checked: 3, mismatches: 0, closing_balance: '10500.00' });
	});

	test('Finpass rows: amount as a JSON number, balance as a string', () => {
		const rows = [
			{ transaction_id: 'S1', type: 'CREDIT', amount: 1234.56, transactional_balance: '11234.66', transaction_timestamp: '2024-08-03T12:00:00+05:30' },
			{ transaction_id: 'S2', type: 'DEBIT', amount: 0.1, transactional_balance: '11234.56', transaction_timestamp: '2024-08-03T12:05:00+05:30' },
			{ transaction_id: 'S3', type: 'DEBIT', amount: 0.2, transactional_balance: '11234.36', transaction_timestamp: '2024-08-03T12:06:00+05:30' },
			{ transaction_id: 'S4', type: 'CREDIT', amount: 0.3, transactional_balance: '11234.66', transaction_timestamp: '2024-08-04T08:00:00+05:30' },
		];
		const r = reconcileBalances(rows, {
			amount: (t) => t.amount,
			type: (t) => t.type,
			balance: (t) => t.transactional_balance,
			time: (t) => t.transaction_timestamp,
			id: (t) => t.transaction_id,
		});
		expect(r).toMatchObject({ checked: 3, mismatches: 0, opening_balance: '10000.10', closing_balance: '11234.66' });
	});

	test('a row without a balance is bridged with the computed one; unreadable rows are counted, not guessed', () => {
		const rows = series(toPaise('100.00'), MOVES);
		delete rows[2].currentBalance;
		rows[5] = { ...rows[5], amount: 'n/a' };
		const r = reconcileBalances(rows, FINPRO);
		expect(r).toMatchObject({ checked: 5, unchecked: 2, mismatches: 0 });
	});

	test('balances beyond 2^53 paise reconcile exactly', () => {
		const rows = [
			{ type: 'CREDIT', amount: '0.01', currentBalance: '90071992547409.91', transactionTimestamp: '2025-01-01' },
			{ type: 'CREDIT', amount: '0.01', currentBalance: '90071992547409.92', transactionTimestamp: '2025-01-02' },
			{ type: 'CREDIT', amount: '10000000000000.05', currentBalance: '100071992547409.97', transactionTimestamp: '2025-01-03' },
			{ type: 'DEBIT', amount: '0.01', currentBalance: '100071992547409.97', transactionTimestamp: '2025-01-04' },
		];
		const r = reconcileBalances(rows, FINPRO);
		expect(r.opening_balance).toBe('90071992547409.90');
		expect(r.gaps).toEqual([{ index: 3, transaction_id: null, expected: '100071992547409.96', reported: '100071992547409.97', difference: '0.01' }]);
	});

	test('empty and single-row lists', () => {
		expect(reconcileBalances([], FINPRO)).toMatchObject({ checked: 0, mismatches: 0, opening_balance: null, closing_balance: null, gaps: [] });
		expect(reconcileBalances(series(500, [['CREDIT', '1.00']]), FINPRO)).toMatchObject({ checked: 0, opening_balance: '5.00', closing_balance: '6.00' });
	});

	test('gapsByIndex finds a row by its position', () => {
		const rows = series(toPaise('96666.33'), MOVES);
		rows.splice(5, 1);
		const byIndex = gapsByIndex(reconcileBalances(rows, FINPRO));
		expect([...byIndex.keys()]).toEqual([5]);
	});

	// how long it takes is `npm run bench` (section money), not a test
	test('50,000 shuffled transactions reconcile', () => {
		const moves = Array.from({ length: 50000 }, (_, k) => [k % 3 === 0 ? 'DEBIT' : 'CREDIT', `${(k % 977) + 1}.${String(k % 100).padStart(2, '0')}`]);
		const rows = series(toPaise('1000000.00'), moves);
		for (let k = 0; k + 1 < rows.length; k += 7) [rows[k], rows[k + 1]] = [rows[k + 1], rows[k]];
		const r = reconcileBalances(rows, FINPRO);
		expect(r).toMatchObject({ ordered: 'unordered', checked: 49999, mismatches: 0 });
	});
});
