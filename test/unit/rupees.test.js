// Rupees as a person reads them: Indian grouping (lakh, crore), paise kept, exact.
const { formatRupees } = require('../../dist/nodes/shared/finance');

test.each([
	['138211.33', '₹1,38,211.33'],
	[0, '₹0.00'],
	['-2500', '−₹2,500.00'],
	['999', '₹999.00'],
	['1000', '₹1,000.00'],
	['100000', '₹1,00,000.00'],
	['12345678901.5', '₹12,34,56,78,901.50'],
	[0.1, '₹0.10'],
	['90071992547409.93', '₹9,00,71,99,25,47,409.93'],
])('%p reads as %s', (value, expected) => {
	expect(formatRupees(value)).toBe(expected);
});

test('an inexact or non-amount value is not formatted', () => {
	expect(formatRupees('0.125')).toBeUndefined();
	expect(formatRupees('abc')).toBeUndefined();
	expect(formatRupees(undefined)).toBeUndefined();
});
