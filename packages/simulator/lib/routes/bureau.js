'use strict';
// Finpass multi-bureau fetch, as the public pages describe the request (docs/api-contract.md#endpoints):
//   POST /api/v1/services/multi-bureau/fetch
//        {pan, name, mobile_number, consent: "Y", gender: "male"|"female", bureaus: [...]}
// The pages do not show the answer; this simulator's shape (documented in the README as an
// assumption) is
//   data{request_id, pan, name, report_date,
//        bureaus{<bureau>: {status, score, score_type, report_date,
//                           accounts_summary{total_accounts, active_accounts, closed_accounts,
//                                            overdue_accounts, total_sanctioned_amount,
//                                            total_current_balance, total_overdue_amount},
//                           enquiries_last_6_months, accounts[]}}}
// and, when the body carries `sim_shape: "array"` (send it through the node's Advanced → Extra
// Body Fields), bureaus is an array [{bureau, ...}] instead: the node must accept both.
// Everything is derived from the input, so answers are repeatable:
//   score = 300 + hash(pan, bureau) mod 601; amounts are strings with two decimals.
// Error cases:
//   consent missing or not "Y"           400 consent_required
//   bad pan / mobile / name / gender     400 invalid_<field>
//   bureaus empty or unknown             400 invalid_bureaus
//   PAN whose digits are 0000            404 no_record_found ("No credit history found for this PAN")
//   PAN whose digits are 9999            200, but cibil's entry is {status: "failed", score: null, error_message}

const crypto = require('crypto');

const server = () => require('../server');

const PAN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;
const MOBILE = /^[6-9][0-9]{9}$/;
const BUREAUS = ['equifax', 'experian', 'cibil', 'crif'];
const SCORE_TYPES = { equifax: 'ERS 4.0', experian: 'Experian Score', cibil: 'CIBIL TransUnion Score V3', crif: 'CRIF HM Score' };

/** A repeatable number from any text. */
const hash = (...parts) => crypto.createHash('sha256').update(parts.join('|')).digest().readUInt32BE(0);

const money = (paise) => `${Math.floor(paise / 100)}.${String(paise % 100).padStart(2, '0')}`;

function bureauReport(pan, bureau) {
	const h = hash(pan, bureau);
	const total = 2 + (h % 7);
	const closed = h % 3;
	const overdue = pan.slice(5, 9) === '5555' ? 1 : 0;
	const accounts = [];
	let sanctioned = 0;
	let balance = 0;
	let overdueAmount = 0;
	for (let i = 0; i < total; i++) {
		const a = hash(pan, bureau, i);
		const amount = (50 + (a % 950)) * 1000_00;
		const current = i < closed ? 0 : Math.floor(amount * ((a % 90) / 100));
		const due = i === total - 1 && overdue ? 12_345_67 : 0;
		sanctioned += amount;
		balance += current;
		overdueAmount += due;
		accounts.push({
			account_type: ['Personal Loan', 'Credit Card', 'Auto Loan', 'Home Loan', 'Gold Loan'][a % 5],
			lender: ['HDFC Bank', 'ICICI Bank', 'State Bank of India', 'Bajaj Finance', 'Axis Bank'][(a >>> 3) % 5],
			account_status: i < closed ? 'Closed' : 'Active',
			sanctioned_amount: money(amount),
			current_balance: money(current),
			overdue_amount: money(due),
			opened_on: `20${String(15 + (a % 10)).padStart(2, '0')}-${String(1 + (a % 12)).padStart(2, '0')}-15`,
		});
	}
	return {
		status: 'success',
		score: 300 + (hash(pan, bureau, 'score') % 601),
		score_type: SCORE_TYPES[bureau],
		report_date: '2026-11-01',
		accounts_summary: {
			total_accounts: total,
			active_accounts: total - closed,
			closed_accounts: closed,
			overdue_accounts: overdue,
			total_sanctioned_amount: money(sanctioned),
			total_current_balance: money(balance),
			total_overdue_amount: money(overdueAmount),
		},
		enquiries_last_6_months: h % 5,
		accounts,
	};
}

function register(sim) {
	const { ok, fail } = server();
	sim.route(
		'POST',
		'/api/v1/services/multi-bureau/fetch',
		(ctx) => {
			const body = ctx.json || {};
			if (body.consent !== 'Y') return fail(400, 'Borrower consent is required (consent: "Y")', 'consent_required');
			const pan = typeof body.pan === 'string' ? body.pan : '';
			if (!PAN.test(pan)) return fail(400, 'pan must be a valid PAN', 'invalid_pan');
			if (typeof body.name !== 'string' || body.name.trim() === '') return fail(400, 'name is required', 'invalid_name');
			if (!MOBILE.test(String(body.mobile_number || ''))) {
				return fail(400, 'mobile_number must be a 10-digit Indian mobile number', 'invalid_mobile_number');
			}
			if (body.gender !== 'male' && body.gender !== 'female') {
				return fail(400, 'gender must be male or female', 'invalid_gender');
			}
			const bureaus = body.bureaus;
			if (!Array.isArray(bureaus) || bureaus.length === 0 || bureaus.some((b) => !BUREAUS.includes(b))) {
				return fail(400, `bureaus must be a non-empty list of ${BUREAUS.join(', ')}`, 'invalid_bureaus');
			}
			const digits = pan.slice(5, 9);
			if (digits === '0000') return fail(404, 'No credit history found for this PAN', 'no_record_found');
			const reports = {};
			for (const bureau of bureaus) {
				reports[bureau] =
					digits === '9999' && bureau === 'cibil'
						? { status: 'failed', score: null, error_message: 'CIBIL did not respond in time' }
						: bureauReport(pan, bureau);
			}
			return ok({
				request_id: `mb_${hash(pan, body.name, bureaus.join(',')).toString(16)}`,
				pan,
				name: body.name.trim().toUpperCase(),
				report_date: '2026-11-01',
				bureaus:
					body.sim_shape === 'array'
						? Object.entries(reports).map(([bureau, report]) => ({ bureau, ...report }))
						: reports,
			});
		},
		{ vendor: 'finpass' },
	);
}

module.exports = { register, bureauReport };
