'use strict';
// The monitoring scenario of a loan_monitoring consent: a borrower whose data grow with each
// Refresh Data. Turned on per client with the control call
//   POST /__sim/aa/clients/:client_id  { monitoring: { cleanMonths?, eventMonth?, from?, extraPerMonth? }, refreshLimit? }
// (or { monitoring: true } for the defaults, false to turn it off). Then:
//   - the consent's first fetch (no request_id) and the 1st refresh's request_id hold `cleanMonths`
//     (default 4) clean months from `from` (default "2026-01"); each later refresh holds one month
//     more, up to the event month when `eventMonth` is on (default true), then stays the same;
//   - clean month: salary ₹50,000.00 on the 1st (ACME PAYROLL), HDFC EMI ₹12,500.00 on the 5th
//     (ACH), rent ₹15,000.00 on the 7th, ATM ₹5,000.00 on the 12th, groceries ₹3,000.00 on the
//     20th, plus `extraPerMonth` small UPI payments and refunds (₹10–₹99, for volume);
//   - the event month: no salary, the EMI debited and returned the next day ("ACH RTN … INSUFFICIENT
//     FUNDS") with a ₹590.00 charge, and a ₹1,50,000.00 loan disbursal credit on the 15th;
//   - the declared period (transaction_data start_date / end_date) runs from the 1st of the first
//     month to the last day of the last one held;
//   - refreshLimit: refreshes this consent allows before "limit exceeded for this month" (422).
// Deterministic: the same client_id and request give the same rows.

const DEFAULTS = { cleanMonths: 4, eventMonth: true, from: '2026-01', extraPerMonth: 0 };

function normalizeScenario(value) {
	if (value === false || value === null) return null;
	const v = value === true || value === undefined ? {} : value;
	if (typeof v !== 'object' || Array.isArray(v)) throw Object.assign(new Error('monitoring must be true, false or an object'), { status: 400, expose: true });
	const s = { ...DEFAULTS, ...v };
	if (!/^\d{4}-\d{2}$/.test(String(s.from))) throw Object.assign(new Error('monitoring.from must be YYYY-MM'), { status: 400, expose: true });
	s.cleanMonths = Math.max(1, Math.floor(Number(s.cleanMonths) || DEFAULTS.cleanMonths));
	s.extraPerMonth = Math.max(0, Math.floor(Number(s.extraPerMonth) || 0));
	s.eventMonth = s.eventMonth !== false;
	return s;
}

/** How many months a fetch holds: by the position of its request_id among the client's refreshes. */
function monthsHeld(client, requestId) {
	const s = client.monitoring;
	const total = s.cleanMonths + (s.eventMonth ? 1 : 0);
	const order = requestId ? Object.keys(client.requests).indexOf(String(requestId)) : 0;
	return Math.min(total, s.cleanMonths + Math.max(0, order));
}

const pad = (n) => String(n).padStart(2, '0');
const monthOf = (from, n) => {
	const index = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1 + n;
	return { year: Math.floor(index / 12), month: (index % 12) + 1 };
};
const daysIn = ({ year, month }) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The rows ({id, type, paise, mode, narration, ts}) and period of the data a fetch holds.
 * `at(isoLocal)` turns an India-time "YYYY-MM-DDTHH:MM:SS" into epoch ms (account-aggregator.js).
 */
function monitoringRows(client, requestId, at, rnd) {
	const s = client.monitoring;
	const held = monthsHeld(client, requestId);
	const rows = [];
	let seq = 0;
	const add = (type, rupeesPaise, mode, narration, when) => rows.push({ id: `M${String(++seq).padStart(6, '0')}`, type, paise: rupeesPaise, mode, narration, ts: at(when), local: when });
	for (let n = 0; n < held; n++) {
		const m = monthOf(s.from, n);
		const ym = `${m.year}-${pad(m.month)}`;
		const event = s.eventMonth && n === s.cleanMonths;
		if (!event) add('CREDIT', 5000000, 'NEFT', `NEFT/CR/ACME PAYROLL/SALARY`, `${ym}-01T09:30:00`);
		add('DEBIT', 1250000, 'OTHERS', 'ACH/DR/HDFC BANK LOAN EMI', `${ym}-05T06:00:00`);
		if (event) {
			add('CREDIT', 1250000, 'OTHERS', 'ACH RTN/HDFC BANK LOAN EMI/INSUFFICIENT FUNDS', `${ym}-06T07:00:00`);
			add('DEBIT', 59000, 'OTHERS', 'ACH RTN CHGS INCL GST', `${ym}-06T08:00:00`);
		}
		add('DEBIT', 1500000, 'IMPS', 'IMPS/DR/RENT/LANDLORD', `${ym}-07T19:45:00`);
		add('DEBIT', 500000, 'ATM', 'ATM/CASH WDL/MG ROAD', `${ym}-12T13:05:00`);
		if (event) add('CREDIT', 15000000, 'NEFT', 'NEFT/CR/QUICKCASH FINANCE LOAN DISB', `${ym}-15T11:00:00`);
		add('DEBIT', 300000, 'UPI', 'UPI/DR/GROCERY MART', `${ym}-20T18:00:00`);
		// Volume: small UPI payments and refunds at spread-out times, never near the salary or EMI days.
		for (let k = 0; k < s.extraPerMonth; k++) {
			const day = 8 + (k % 20);
			const credit = k % 3 === 2;
			const amount = (10 + Math.floor(rnd() * 90)) * 100;
			add(credit ? 'CREDIT' : 'DEBIT', amount, 'UPI', credit ? `UPI/CR/REFUND ${k % 7}` : `UPI/DR/MERCHANT ${k % 23}`, `${ym}-${pad(day)}T${pad(8 + (k % 12))}:${pad(k % 60)}:00`);
		}
	}
	rows.sort((a, b) => a.ts - b.ts);
	const first = monthOf(s.from, 0);
	const last = monthOf(s.from, Math.max(0, held - 1));
	return {
		rows,
		start_date: `${first.year}-${pad(first.month)}-01`,
		end_date: `${last.year}-${pad(last.month)}-${pad(daysIn(last))}`,
	};
}

module.exports = { normalizeScenario, monitoringRows, monthsHeld };
