import type { IDataObject } from 'n8n-workflow';

import type { RunContext } from '../framework/operation';
import { asObject } from '../json';
import type { ApiResult } from '../transport';
import { waitUntil, type WaitOutcome, type WaitSettings } from './wait';

/**
 * Job states of Finpass's asynchronous products, and waiting on them with the shared poller.
 *
 * The vendor's public pages name ITR's states (initiated | processing | completed | failed) and
 * AA-BSA's happy path (initiated, consent_pending, consent_granted, data_fetch…, analysis_complete)
 * but not AA-BSA's failure states nor the bank statement analyzer's progress states (API README).
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

/** One look at a job: its raw state, and the vendor's own words should it have failed. */
export interface JobCheck {
	state: unknown;
	/** Shown beside the state in messages, e.g. the analyzer's progress "45%". */
	detail?: string;
	failureMessage?: string;
	value: IDataObject;
	result: ApiResult;
}

/** A status answer of ITR and AA-BSA: `data.status`, and error_message (or the like) on failure. */
export function statusCheck(result: ApiResult): JobCheck {
	const data = asObject(result.data);
	const said = data.error_message ?? data.error ?? data.message ?? data.reason;
	return {
		state: data.status,
		failureMessage: typeof said === 'string' && said !== '' ? said : result.message,
		value: data,
		result,
	};
}

export interface WaitForJobOptions {
	product: JobProduct;
	wait: WaitSettings;
	/** Names the job in messages, e.g. 'ITR analysis job itr_123'. */
	label: string;
	resumeHint: string;
	/** The state a start answer already gave. */
	initialState?: unknown;
	check(): Promise<JobCheck>;
}

/**
 * Checks a job until it completes (the shared wait). A failure state ends the wait at once with
 * the vendor's message.
 */
export async function waitForJob(ctx: RunContext, i: number, options: WaitForJobOptions): Promise<WaitOutcome<IDataObject>> {
	const { product } = options;
	const pending = options.initialState !== undefined && jobPhase(product, options.initialState) === 'pending';
	return await waitUntil<IDataObject>(ctx, i, {
		wait: options.wait,
		label: options.label,
		resumeHint: options.resumeHint,
		initialState: pending ? normalizeState(options.initialState) || 'unknown' : undefined,
		check: async () => {
			const check = await options.check();
			const state = normalizeState(check.state) || 'unknown';
			const shown = check.detail ? `${state} (${check.detail})` : state;
			const phase = jobPhase(product, check.state);
			if (phase === 'completed') return { done: true, value: check.value };
			if (phase === 'failed') {
				throw ctx.transport.apiError(
					{
						...check.result,
						success: false,
						message: check.failureMessage ?? check.result.message ?? `${options.label} ended in state "${state}"`,
						code: state,
					},
					i,
					`${options.label} ended in state "${shown}". Start a new one after fixing the cause.`,
				);
			}
			return { done: false, state, shown, last: check.value };
		},
	});
}
