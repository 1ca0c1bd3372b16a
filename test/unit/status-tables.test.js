// Vendor codes are looked up in tables that hold only their own entries: a code such as
// "constructor" or "toString" (an Object.prototype member) is an unknown code, never a known one.
const { DIST } = require('../helpers/context');
const { NEXT_STEP, nextStep, callFinPro } = require(`${DIST}/nodes/FinProFiData/actions/fiPages.js`);
const { reportState } = require(`${DIST}/nodes/FinpassAccountAggregator/actions/reportState.js`);

const PROTOTYPE_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'];

describe('FinPro error codes (fiPages)', () => {
	test.each(PROTOTYPE_NAMES)('%s has no next step', (code) => {
		expect(nextStep(code)).toBeUndefined();
		expect(NEXT_STEP[code]).toBeUndefined();
	});
	test('known codes keep their next step', () => {
		expect(nextStep('ConsentNotActive')).toMatch(/CONSENT_RESUMED/);
		expect(nextStep(undefined)).toBeUndefined();
	});
	test('a FinPro failure with such a code is reported without a made-up hint', async () => {
		const hints = [];
		const ctx = {
			call: async () => ({ statusCode: 400, success: false, code: 'constructor', message: 'Bad', headers: {}, body: null, data: null }),
			transport: {
				apiError: (_result, _i, hint) => {
					hints.push(hint);
					return new Error('failed');
				},
			},
		};
		await expect(callFinPro(ctx, 0, { method: 'POST', path: '/x' }, { body: {} })).rejects.toThrow('failed');
		expect(hints).toEqual([undefined]);
	});
});

describe('Get JSON Report answers (reportState): one reader for the wait and the consent callback', () => {
	test.each(PROTOTYPE_NAMES)('422 %s is an unknown state, not a data state of an active consent', (code) => {
		const state = reportState({ statusCode: 422, code, message: '' }, 'loan_underwriting');
		expect(state.consent).toBe('UNKNOWN');
		expect(state.data).toBe(code.toUpperCase());
		expect(typeof state.data).toBe('string');
		expect(state.kind).toBe('final');
	});
	test.each([
		[202, 'data_fetch_in_progress', '', 'pending', 'ACTIVE', 'FETCHING'],
		[422, 'consent_pending', 'Consent Status Pending', 'pending', 'PENDING', 'NONE'],
		[422, 'consent_rejected', 'Consent Status Rejected', 'final', 'REJECTED', 'NONE'],
		[422, 'consent_revoked', '', 'final', 'REVOKED', 'NONE'],
		[422, 'account_data_fetch_expired', 'Account Data Fetch Expired', 'final', 'ACTIVE', 'EXPIRED'],
		[422, 'account_data_not_found', '', 'final', 'ACTIVE', 'NOT_FOUND'],
		[422, 'data_still_pending', '', 'pending', 'UNKNOWN', 'DATA_STILL_PENDING'],
		[200, 'success', '', 'ready', 'ACTIVE', 'READY'],
	])('%s %s → %s, %s / %s', (statusCode, code, message, kind, consent, data) => {
		expect(reportState({ statusCode, code, message }, 'loan_underwriting')).toMatchObject({ kind, consent, data });
	});
	test('final answers carry the hint the report wait shows', () => {
		expect(reportState({ statusCode: 422, code: 'consent_rejected', message: '' }).hint).toMatch(/rejected the consent/);
		expect(reportState({ statusCode: 422, code: 'no_fi_request_found', message: '' }).hint).toMatch(/Refresh Data first/);
		expect(reportState({ statusCode: 422, code: 'brand_new', message: '' }).hint).toMatch(/refused to return the report/);
	});
});
