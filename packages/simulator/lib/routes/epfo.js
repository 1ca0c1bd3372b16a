'use strict';
// Finpass EPFO-CRIF combined report, as the public pages describe it (docs/api-contract.md#endpoints):
//   {mobile_number} → data.epfo{uan, name, …, employment_history[]} plus a CRIF object.
// The path is *unsure*; this simulator answers the node's default assumption,
//   POST /api/v1/services/epfo-crif/report {mobile_number}   (POST per the vendor's navigation; path *unsure*)
// with data{mobile_number, epfo{uan, name, date_of_birth, gender, employment_history[]{
//   establishment_name, establishment_id, member_id, date_of_joining, date_of_exit,
//   last_contribution_month}}, crif{score, report_date, accounts_summary{…}}}.
// Derived from the mobile number (repeatable): 1-3 employers, the latest still current.
// Error cases:
//   malformed mobile_number             400 invalid_mobile_number
//   mobile ending 0000                  404 not_found ("No EPFO record found for this mobile number")
//   mobile ending 1111                  200 with an empty employment_history

const crypto = require('crypto');

const server = () => require('../server');

const MOBILE = /^[6-9][0-9]{9}$/;
const EMPLOYERS = [
	'INFOSYS LIMITED',
	'TATA CONSULTANCY SERVICES LIMITED',
	'WIPRO LIMITED',
	'HDFC BANK LIMITED',
	'ACME LOGISTICS PRIVATE LIMITED',
	'SAHYADRI TEXTILES PRIVATE LIMITED',
];
const NAMES = ['ASHA VERMA', 'RAHUL SHARMA', 'PRIYA NAIR', 'ARJUN REDDY', 'MEERA IYER', 'VIKRAM SINGH'];
const OFFICES = ['KNBNG', 'MHBAN', 'DLCPM', 'TNMAS', 'GJAHD'];

const hash = (...parts) => crypto.createHash('sha256').update(parts.join('|')).digest().readUInt32BE(0);

function report(mobile) {
	const h = hash(mobile);
	const count = mobile.endsWith('1111') ? 0 : 1 + (h % 3);
	const history = [];
	let year = 2012 + (h % 5);
	for (let i = 0; i < count; i++) {
		const e = hash(mobile, i);
		const office = OFFICES[e % OFFICES.length];
		const establishmentId = `${office}${String(e % 10000000).padStart(7, '0')}000`;
		const current = i === count - 1;
		const joined = `${year}-${String(1 + (e % 12)).padStart(2, '0')}-01`;
		year += 2 + (e % 3);
		history.push({
			establishment_name: EMPLOYERS[(h + i) % EMPLOYERS.length],
			establishment_id: establishmentId,
			member_id: `${establishmentId}${String(e % 10000000).padStart(7, '0')}`,
			date_of_joining: joined,
			date_of_exit: current ? null : `${year}-${String(1 + (e % 12)).padStart(2, '0')}-28`,
			last_contribution_month: current ? '2026-10' : `${year}-${String(1 + (e % 12)).padStart(2, '0')}`,
		});
	}
	const score = 300 + (hash(mobile, 'crif') % 601);
	return {
		mobile_number: mobile,
		epfo: {
			uan: String(100000000000 + (h % 900000000000)),
			name: NAMES[h % NAMES.length],
			date_of_birth: `19${80 + (h % 20)}-${String(1 + (h % 12)).padStart(2, '0')}-${String(1 + (h % 28)).padStart(2, '0')}`,
			gender: h % 2 ? 'female' : 'male',
			employment_history: history.reverse(),
		},
		crif: {
			score,
			report_date: '2026-11-01',
			accounts_summary: {
				total_accounts: 1 + (h % 6),
				active_accounts: 1 + (h % 3),
				overdue_accounts: 0,
				total_current_balance: `${(h % 5000) * 100}.00`,
			},
		},
	};
}

function register(sim) {
	const { ok, fail } = server();
	const handler = (ctx) => {
		const mobile = String((ctx.json && ctx.json.mobile_number) || '');
		if (!MOBILE.test(mobile)) return fail(400, 'mobile_number must be a 10-digit Indian mobile number', 'invalid_mobile_number');
		if (mobile.endsWith('0000')) return fail(404, 'No EPFO record found for this mobile number', 'not_found');
		return ok(report(mobile));
	};
	sim.route('POST', '/api/v1/services/epfo-crif/report', handler, { vendor: 'finpass' });
}

module.exports = { register, report };
