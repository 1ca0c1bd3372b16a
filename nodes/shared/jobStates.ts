import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pollSettings, pollUntilDone, waitTimingProperties } from './poller';
import type { RunContext } from './router';
import type { ApiResult } from './transport';

/**
 * Job states of Finpass's asynchronous products, and waiting on them with the shared poller.
 *
 * The vendor's public pages name ITR's states (initiated | processing | completed | failed) and
 * AA-BSA's happy path (initiated, consent_pending, consent_granted, data_fetch…, analysis_complete)
 * but not AA-BSA's failure states nor the bank statement analyser's progress states (API README).
 * Every name the nodes recognise is kept here and nowhere else; the README lists them.
 * States are compared lower-cased, with spaces and hyphens read as underscores.
 */
export type JobProduct = 'itr' | 'bsa' | 'aaBsa';

export type JobPhase = 'pending' | 'completed' | 'failed';

export const JOB_STATES: Record<JobProduct, Record<JobPhase, readonly string[]>> = {
	itr: {
		pending: ['initiated', 'processing'],
		completed: ['completed'],
		failed: ['failed'],
	},
	bsa: {
		pending: [
			'initiated',
			'uploaded',
			'queued',
			'pending',
			'processing',
			'in_progress',
			'parsing',
			'analysing',
			'analyzing',
		],
		completed: ['completed', 'complete', 'success', 'successful', 'processed', 'done'],
		failed: [
			'failed',
			'failure',
			'error',
			'rejected',
			'invalid_file',
			'unsupported_file',
			'password_required',
			'invalid_password',
			'incorrect_password',
			'timeout',
		],
	},
	aaBsa: {
		pending: [
			'initiated',
			'journey_initiated',
			'consent_pending',
			'consent_granted',
			'consent_approved',
			'consent_paused',
			'data_fetch_pending',
			'data_fetch_initiated',
			'data_fetch_in_progress',
			'data_fetched',
			'data_fetch_complete',
			'data_fetch_completed',
			'analysis_pending',
			'analysis_in_progress',
			'processing',
		],
		completed: ['analysis_complete', 'analysis_completed', 'completed'],
		failed: [
			'consent_rejected',
			'consent_revoked',
			'consent_expired',
			'journey_expired',
			'expired',
			'data_fetch_failed',
			'data_fetch_expired',
			'data_denied',
			'session_failed',
			'session_expired',
			'analysis_failed',
			'failed',
			'error',
		],
	},
};

/**
 * A state in none of the sets is taken as still running, unless its name says it ended badly:
 * then waiting on it would only burn the whole Max Wait.
 */
const FAILURE_WORDS = /fail|error|reject|revok|expire|cancel|abort|denied|invalid/;

export function normalizeState(raw: unknown): string {
	return typeof raw === 'string' || typeof raw === 'number'
		? String(raw).trim().toLowerCase().replace(/[\s-]+/g, '_')
		: '';
}

export function jobPhase(product: JobProduct, raw: unknown): JobPhase {
	const state = normalizeState(raw);
	const sets = JOB_STATES[product];
	if (sets.completed.includes(state)) return 'completed';
	if (sets.failed.includes(state)) return 'failed';
	if (sets.pending.includes(state)) return 'pending';
	return FAILURE_WORDS.test(state) ? 'failed' : 'pending';
}

/** The "Wait for Completion" parameters, shared by every operation that can wait on a job. */
export const jobWaitProperties: INodeProperties[] = [
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to keep checking the job until it has finished and then output its result, instead of returning at once',
	},
	...waitTimingProperties('waitForCompletion', {
		maxWait: 'How long to keep checking before "On Timeout" applies',
		firstCheck: 'Delay before the first status check; later checks come at growing intervals, at most every 10 s',
	}),
	{
		displayName: 'On Timeout',
		name: 'onTimeout',
		type: 'options',
		options: [
			{
				name: 'Fail',
				value: 'fail',
				description: 'Stop with an error that names the state the job was still in',
			},
			{
				name: 'Return Job State',
				value: 'returnState',
				description:
					'Output the job ID and its last state (with wait_timed_out: true) so the workflow can check again later',
			},
		],
		default: 'fail',
		displayOptions: { show: { waitForCompletion: [true] } },
		description: 'What to do when the job has not finished within Max Wait',
	},
];

export interface JobWait {
	enabled: boolean;
	maxWaitSeconds: number;
	pollIntervalSeconds: number;
	onTimeout: 'fail' | 'returnState';
}

export function readJobWait(fn: IExecuteFunctions, i: number): JobWait {
	const enabled = fn.getNodeParameter('waitForCompletion', i, false) as boolean;
	return {
		enabled,
		maxWaitSeconds: enabled ? (fn.getNodeParameter('maxWaitSeconds', i, 300) as number) : 0,
		pollIntervalSeconds: enabled ? (fn.getNodeParameter('pollIntervalSeconds', i, 2) as number) : 2,
		onTimeout: enabled ? (fn.getNodeParameter('onTimeout', i, 'fail') as JobWait['onTimeout']) : 'fail',
	};
}

/** One look at a job: its raw state, what the caller keeps from the answer, and the answer. */
export interface JobCheck<T> {
	state: unknown;
	/** Shown beside the state in messages, e.g. the analyser's progress "45%". */
	detail?: string;
	/** The vendor's own words on a failure (error_message and the like). */
	failureMessage?: string;
	value: T;
	result: ApiResult;
}

export type JobOutcome<T> =
	| { done: true; value: T; checks: number }
	| { done: false; state: string; last: T | undefined; waitedSeconds: number; checks: number };

export interface WaitForJobOptions<T> {
	product: JobProduct;
	wait: JobWait;
	/** Names the job in messages, e.g. 'ITR analysis job itr_123'. */
	label: string;
	/** The operation the user runs later to pick the job up again (timeout hint). */
	resumeHint: string;
	/** The state a start answer already gave: then the first real check waits one interval. */
	initialState?: unknown;
	check: () => Promise<JobCheck<T>>;
}

const shown = (check: { state: unknown; detail?: string }): string => {
	const state = normalizeState(check.state) || 'unknown';
	return check.detail ? `${state} (${check.detail})` : state;
};

/**
 * Checks a job through the shared poller until it completes. A failure state ends the wait at once
 * with the vendor's message; on timeout it fails naming the last state, or (On Timeout → Return
 * Job State) returns that state for the caller to output.
 */
export async function waitForJob<T>(ctx: RunContext, i: number, options: WaitForJobOptions<T>): Promise<JobOutcome<T>> {
	const { product, wait } = options;
	let last: T | undefined;
	let lastState = normalizeState(options.initialState) || 'unknown';
	const outcome = await pollUntilDone<T>(
		async (attempt) => {
			if (attempt === 0 && options.initialState !== undefined && jobPhase(product, options.initialState) === 'pending') {
				return { done: false, state: lastState };
			}
			const check = await options.check();
			last = check.value;
			lastState = normalizeState(check.state) || 'unknown';
			const phase = jobPhase(product, check.state);
			if (phase === 'completed') return { done: true, value: check.value };
			if (phase === 'failed') {
				throw ctx.transport.fail(
					{
						...check.result,
						success: false,
						message: check.failureMessage ?? check.result.message ?? `${options.label} ended in state "${lastState}"`,
						code: lastState,
					},
					i,
					`${options.label} ended in state "${shown(check)}". Start a new one after fixing the cause.`,
				);
			}
			return { done: false, state: shown(check) };
		},
		pollSettings(wait.enabled ? wait.maxWaitSeconds : 0, wait.pollIntervalSeconds),
		async (ms) => ctx.transport.pause(ms),
	);
	if (outcome.done) return { done: true, value: outcome.value, checks: outcome.checks };
	const waitedSeconds = Math.round(outcome.waitedMs / 1000);
	if (wait.onTimeout === 'returnState') {
		return { done: false, state: lastState, last, waitedSeconds, checks: outcome.checks };
	}
	throw ctx.transport.fail(
		{
			statusCode: 408,
			headers: {},
			body: null,
			data: null,
			success: false,
			message: `${options.label} still not finished after ${waitedSeconds} s: last state "${outcome.state}"`,
			code: 'wait_timeout',
		},
		i,
		`Raise Max Wait, or set On Timeout to "Return Job State" and check again later with ${options.resumeHint}.`,
	);
}
