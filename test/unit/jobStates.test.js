const { DIST } = require('../helpers/context');
const { JOB_STATES, jobPhase, normalizeState } = require(`${DIST}/nodes/shared/wait/jobStates`);

describe('job states', () => {
	test('states are matched case-insensitively, spaces and hyphens read as underscores', () => {
		expect(normalizeState(' Analysis-Complete ')).toBe('analysis_complete');
		expect(jobPhase('aaBsa', 'ANALYSIS COMPLETE')).toBe('completed');
		expect(jobPhase('aaBsa', 'Consent_Rejected')).toBe('failed');
		expect(jobPhase('itr', 'Processing')).toBe('pending');
		expect(jobPhase('bsa', 'SUCCESS')).toBe('completed');
	});

	test('an unnamed state is still running, unless its wording says it ended badly', () => {
		expect(jobPhase('aaBsa', 'fip_linking')).toBe('pending');
		expect(jobPhase('bsa', undefined)).toBe('pending');
		expect(jobPhase('aaBsa', 'FIP_TIMEOUT_ERROR')).toBe('failed');
		expect(jobPhase('bsa', 'ocr_failed')).toBe('failed');
		expect(jobPhase('aaBsa', 'consent_revoked_by_user')).toBe('failed');
	});

	test('every product keeps its names in one set each, all in normal form', () => {
		for (const sets of Object.values(JOB_STATES)) {
			const all = [...sets.pending, ...sets.completed, ...sets.failed];
			expect(new Set(all).size).toBe(all.length);
			for (const name of all) expect(normalizeState(name)).toBe(name);
		}
	});
});
