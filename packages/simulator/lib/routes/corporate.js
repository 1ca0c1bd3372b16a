'use strict';
// Finpass corporate registry lookups, as the public pages describe them (docs/api-contract.md#endpoints):
//   POST /api/v1/corporate/cin-lookup   {cin}   → company_name, status, company_type,
//        date_of_incorporation, registered_address, state, roc_code, authorised_capital,
//        paid_up_capital, email, pan
//   POST /api/v1/corporate/llpin-lookup {llpin} → llp_name, status, date_of_incorporation, …
//   POST /api/v1/corporate/pan-lookup   {pan}   → entity_name, entity_type, status, cin, llpin, …
//   Company autocomplete {company_name} → {success, message, total_results, data[]{entity_name,
//        entity_type, cin, llpin, status, state}}; POST per the vendor's navigation,
//        the path is *unsure* (docs/api-contract.md#assumptions): answered here at /api/v1/corporate/company-autocomplete.
// Records are derived from the identifier (repeatable). Error cases:
//   malformed CIN / LLPIN / PAN                  400 invalid_cin / invalid_llpin / invalid_pan
//   CIN ending 000000, LLPIN ending 0000,
//   PAN whose digits are 0000                    404 not_found ("Company not found", …)
//   PAN whose 4th letter is P (an individual)    404 not_found
//   company_name shorter than 3 characters       400 invalid_company_name
//   company_name containing "zzz"                200 with total_results 0, data []

const crypto = require('crypto');

const server = () => require('../server');

const PAN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;
const CIN = /^[LU][0-9]{5}[A-Z]{2}[0-9]{4}[A-Z]{3}[0-9]{6}$/;
const LLPIN = /^[A-Z]{3}-[0-9]{4}$/;

const STATES = {
	KA: ['Karnataka', 'RoC-Bangalore', 'Bengaluru'],
	MH: ['Maharashtra', 'RoC-Mumbai', 'Mumbai'],
	DL: ['Delhi', 'RoC-Delhi', 'New Delhi'],
	TN: ['Tamil Nadu', 'RoC-Chennai', 'Chennai'],
	GJ: ['Gujarat', 'RoC-Ahmedabad', 'Ahmedabad'],
	TG: ['Telangana', 'RoC-Hyderabad', 'Hyderabad'],
	WB: ['West Bengal', 'RoC-Kolkata', 'Kolkata'],
};
const STATE_CODES = Object.keys(STATES);
const TYPES = {
	PTC: 'Private Limited Company',
	PLC: 'Public Limited Company',
	OPC: 'One Person Company',
	NPL: 'Section 8 Company (Not for Profit)',
	GOI: 'Government Company',
	FTC: 'Subsidiary of a Foreign Company',
};
const WORDS = ['Sahyadri', 'Kaveri', 'Nilgiri', 'Indus', 'Ganga', 'Aravalli', 'Vindhya', 'Narmada', 'Godavari', 'Himalaya'];
const TRADES = ['Technologies', 'Finance', 'Textiles', 'Logistics', 'Agro Foods', 'Pharma', 'Infra Projects', 'Software'];

const hash = (...parts) => crypto.createHash('sha256').update(parts.join('|')).digest().readUInt32BE(0);
const pick = (list, h) => list[h % list.length];
const rupees = (h, min, span) => `${(min + (h % span)) * 100000}.00`;
const dateIn = (year, h) => `${year}-${String(1 + (h % 12)).padStart(2, '0')}-${String(1 + (h % 28)).padStart(2, '0')}`;
const stateOf = (code) => STATES[code] || ['Maharashtra', 'RoC-Mumbai', 'Mumbai'];
const tradeName = (id) => `${pick(WORDS, hash(id, 'w'))} ${pick(TRADES, hash(id, 't'))}`;

/** A company PAN that fits a CIN (4th letter C), and back. */
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const letter = (seed, salt) => LETTERS[hash(seed, salt) % LETTERS.length];
const companyPan = (seed) => `AA${letter(seed, 'p1')}C${letter(seed, 'p2')}${String((hash(seed, 'p3') % 9000) + 1000)}${letter(seed, 'p4')}`;

function company(cin) {
	const [state, roc, city] = stateOf(cin.slice(6, 8));
	const type = TYPES[cin.slice(12, 15)] || 'Private Limited Company';
	const name = tradeName(cin);
	const suffix = /Private/.test(type) ? 'Private Limited' : 'Limited';
	const h = hash(cin);
	return {
		cin,
		company_name: `${name} ${suffix}`.toUpperCase(),
		status: h % 10 === 0 ? 'Strike Off' : 'Active',
		company_type: type,
		listed: cin[0] === 'L',
		date_of_incorporation: dateIn(cin.slice(8, 12), h),
		registered_address: `${1 + (h % 200)}, ${pick(['MG Road', 'Ring Road', 'Station Road', 'Industrial Area'], h >>> 4)}, ${city}`,
		state,
		roc_code: roc,
		authorised_capital: rupees(h, 10, 990),
		paid_up_capital: rupees(h >>> 8, 1, 9),
		email: `compliance@${name.split(' ')[0].toLowerCase()}.example.in`,
		pan: companyPan(cin),
	};
}

function llp(llpin) {
	const h = hash(llpin);
	const code = pick(STATE_CODES, h);
	const [state, roc, city] = stateOf(code);
	return {
		llpin,
		llp_name: `${tradeName(llpin)} LLP`.toUpperCase(),
		status: 'Active',
		date_of_incorporation: dateIn(2010 + (h % 15), h >>> 3),
		number_of_partners: 2 + (h % 5),
		number_of_designated_partners: 2,
		total_obligation_of_contribution: rupees(h >>> 5, 1, 50),
		registered_address: `${1 + (h % 90)}, Business Park, ${city}`,
		state,
		roc_code: roc,
		email: `partners@${tradeName(llpin).split(' ')[0].toLowerCase()}.example.in`,
	};
}

/** The entity behind a PAN: 4th letter C → a company (with a CIN), F → an LLP (with an LLPIN). */
function entityForPan(pan) {
	const h = hash(pan);
	const kind = pan[3];
	if (kind === 'F') {
		const llpin = `AA${'ABCDEFGH'[h % 8]}-${String(1000 + (h % 9000))}`;
		const record = llp(llpin);
		return {
			pan,
			entity_name: record.llp_name,
			entity_type: 'LLP',
			status: record.status,
			cin: null,
			llpin,
			date_of_incorporation: record.date_of_incorporation,
			state: record.state,
		};
	}
	const code = pick(STATE_CODES, h);
	const cin = `U${String(10000 + (h % 90000))}${code}${2000 + (h % 25)}PTC${String(100000 + (h % 900000))}`;
	const record = company(cin);
	return {
		pan,
		entity_name: record.company_name,
		entity_type: kind === 'C' ? 'Company' : 'Other',
		status: record.status,
		cin,
		llpin: null,
		date_of_incorporation: record.date_of_incorporation,
		state: record.state,
	};
}

function matches(query) {
	const base = query.trim().replace(/\s+/g, ' ').toUpperCase();
	if (/ZZZ/.test(base)) return [];
	return Array.from({ length: 12 }, (_, i) => {
		const h = hash(base, i);
		const code = pick(STATE_CODES, h);
		const isLlp = i % 4 === 3;
		// distinct names: the i-th match takes the i-th word and trade
		const name = `${base} ${WORDS[i % WORDS.length]} ${TRADES[i % TRADES.length]}`.toUpperCase();
		return {
			entity_name: isLlp ? `${name} LLP` : `${name} PRIVATE LIMITED`,
			entity_type: isLlp ? 'LLP' : 'Company',
			cin: isLlp ? null : `U${String(10000 + (h % 90000))}${code}${2000 + (h % 25)}PTC${String(100000 + (h % 900000))}`,
			llpin: isLlp ? `AA${'ABCDEFGH'[h % 8]}-${String(1000 + (h % 9000))}` : null,
			status: h % 9 === 0 ? 'Strike Off' : 'Active',
			state: stateOf(code)[0],
		};
	});
}

function register(sim) {
	const { ok, fail } = server();
	const route = (path, handler) => sim.route('POST', path, handler, { vendor: 'finpass' });

	route('/api/v1/corporate/cin-lookup', (ctx) => {
		const cin = String((ctx.json || {}).cin || '');
		if (!CIN.test(cin)) return fail(400, 'cin must be a valid 21-character CIN', 'invalid_cin');
		if (cin.endsWith('000000')) return fail(404, 'Company not found', 'not_found');
		return ok(company(cin));
	});
	route('/api/v1/corporate/llpin-lookup', (ctx) => {
		const llpin = String((ctx.json || {}).llpin || '');
		if (!LLPIN.test(llpin)) return fail(400, 'llpin must be a valid LLPIN (AAA-1234)', 'invalid_llpin');
		if (llpin.endsWith('0000')) return fail(404, 'LLP not found', 'not_found');
		return ok(llp(llpin));
	});
	route('/api/v1/corporate/pan-lookup', (ctx) => {
		const pan = String((ctx.json || {}).pan || '');
		if (!PAN.test(pan)) return fail(400, 'pan must be a valid PAN', 'invalid_pan');
		if (pan.slice(5, 9) === '0000' || pan[3] === 'P') return fail(404, 'No company or LLP found for this PAN', 'not_found');
		return ok(entityForPan(pan));
	});

	const autocomplete = (ctx) => {
		const name = String((ctx.json && ctx.json.company_name) || '');
		if (name.trim().length < 3) {
			return fail(400, 'company_name must be at least 3 characters', 'invalid_company_name');
		}
		const data = matches(name);
		return { status: 200, body: { success: true, message: 'Success', total_results: data.length, data } };
	};
	sim.route('POST', '/api/v1/corporate/company-autocomplete', autocomplete, { vendor: 'finpass' });
}

module.exports = { register, company, llp, entityForPan, matches };
