'use strict';
// Finpass AA-BSA analyzer (asynchronous), as the public pages describe it (docs/api-contract.md#endpoints):
//   POST /api/v1/aa-bsa-journey/init {mobile_number, consent_type, redirect_url, webhook_url}
//        → data{client_id, journey_url, status, expires_at}
//   GET  /api/v1/aa-bsa-journey/status?client_id=            → data{client_id, status}
//   GET  /api/v1/aa-bsa-journey/statement-result?client_id=  → data{client_id, accounts[]{…, transactions[]}}
//   GET  /api/v1/aa-bsa-journey/analysis-json?client_id=     → data{summary, income, obligations, risk_flags}
// A journey walks initiated → consent_pending → consent_granted → data_fetch_in_progress →
// analysis_in_progress → analysis_complete on the job clock (itr.js); a failed outcome ends in
// `consent_rejected` unless the config names another failState. The reads answer 409 until the
// analysis is complete.

const { jobStore } = require('./itr');

const MOBILE = /^[6-9][0-9]{9}$/;
const CONSENT_TYPES = ['loan_underwriting', 'loan_monitoring'];

// the server's one Finpass envelope (required late: server.js loads this file)
const envelope = (...args) => require('../server').envelope(...args);

function register(sim) {
	const jobs = jobStore(sim, 'aa-bsa', {
		steps: [
			['initiated', 0],
			['consent_pending', 200],
			['consent_granted', 800],
			['data_fetch_in_progress', 1200],
			['analysis_in_progress', 2000],
			['analysis_complete', 3000],
		],
		failState: 'consent_rejected',
		failMessage: 'The borrower rejected the consent request',
	});

	sim.route(
		'POST',
		'/api/v1/aa-bsa-journey/init',
		(ctx) => {
			const body = ctx.json || {};
			if (!MOBILE.test(String(body.mobile_number || ''))) {
				return envelope(400, null, 'mobile_number must be a 10-digit Indian mobile number', 'invalid_mobile_number');
			}
			if (!CONSENT_TYPES.includes(body.consent_type)) {
				return envelope(400, null, `consent_type must be one of ${CONSENT_TYPES.join(', ')}`, 'invalid_consent_type');
			}
			const job = jobs.create({ received: body });
			const host = ctx.headers.host || '127.0.0.1';
			const data = {
				client_id: job.id,
				journey_url: `http://${host}/aa-bsa/journey/${job.id}`,
				status: 'initiated',
				expires_at: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
			};
			return envelope(200, data, 'Journey initiated', 'success');
		},
		{ vendor: 'finpass' },
	);

	/** Finds the journey of ?client_id=, counting the call; or answers 404. */
	const withJourney = (handler) => (ctx) => {
		const clientId = (ctx.query && ctx.query.client_id) || '';
		const job = jobs.get(clientId);
		if (!job) return envelope(404, null, `Client ${clientId || '(none)'} not found`, 'client_not_found');
		return handler(job, jobs.state(job));
	};
	const complete = (handler) =>
		withJourney((job, now) => {
			if (now.state !== 'analysis_complete') {
				return envelope(409, null, `The analysis is not complete yet (${now.state})`, 'analysis_not_complete');
			}
			return handler(job);
		});

	sim.route(
		'GET',
		'/api/v1/aa-bsa-journey/status',
		withJourney((job, now) => {
			job.checks++;
			const data = { client_id: job.id, status: now.state };
			if (now.message) data.message = now.message;
			return envelope(200, data, 'Journey status', 'success');
		}),
		{ vendor: 'finpass' },
	);
	sim.route(
		'GET',
		'/api/v1/aa-bsa-journey/statement-result',
		complete((job) => envelope(200, { client_id: job.id, accounts: accounts() }, 'Statement result', 'success')),
		{ vendor: 'finpass' },
	);
	sim.route(
		'GET',
		'/api/v1/aa-bsa-journey/analysis-json',
		complete((job) => envelope(200, { client_id: job.id, ...analysis() }, 'Analysis', 'success')),
		{ vendor: 'finpass' },
	);
}

function accounts() {
	return [
		{
			account_id: 'acc_1',
			fip_id: 'HDFC-FIP',
			bank_name: 'HDFC Bank',
			masked_account_number: 'XXXXXXXX4321',
			account_type: 'SAVINGS',
			current_balance: '61875.20',
			transactions: [
				{ txn_id: 'T000001', date: '2025-09-01', type: 'CREDIT', amount: 68750.0, narration: 'SALARY SEP', balance: '130625.20' },
				{ txn_id: 'T000001', date: '2025-09-05', type: 'DEBIT', amount: 23450.5, narration: 'EMI HOME LOAN', balance: '107174.70' },
			],
		},
		{
			account_id: 'acc_2',
			fip_id: 'SBI-FIP',
			bank_name: 'State Bank of India',
			masked_account_number: 'XXXXXXX9876',
			account_type: 'SAVINGS',
			current_balance: '15020.00',
			transactions: [{ txn_id: 'S0001', date: '2025-09-10', type: 'DEBIT', amount: 1200.0, narration: 'UPI GROCERY', balance: '15020.00' }],
		},
	];
}

function analysis() {
	return {
		summary: { accounts: 2, months_analysed: 6, average_monthly_balance: '58840.10' },
		income: { monthly_salary: '68750.00', employer: 'ACME PVT LTD', salary_regular: true },
		obligations: { monthly_emi: '23450.50', loans_detected: 1 },
		risk_flags: [{ flag: 'cheque_bounce', count: 0 }, { flag: 'high_cash_withdrawal', count: 1 }],
	};
}

module.exports = { register };
