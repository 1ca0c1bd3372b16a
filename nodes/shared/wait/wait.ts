import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RunContext } from '../framework/operation';
import { pollSettings, pollUntilDone } from './poller';

/**
 * The one "wait until the report or job is ready" of every operation that can wait: one set of
 * parameters, one loop (the shared poller), one timeout error and one timed-out item.
 */
export const waitProperties: INodeProperties[] = [
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to keep checking until the job or report is ready and then output it, instead of answering at once with its current state',
	},
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		displayOptions: { show: { waitForCompletion: [true] } },
		description: 'How long to keep checking before "On Timeout" applies',
	},
	{
		displayName: 'First Check After (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 0.1 },
		default: 2,
		displayOptions: { show: { waitForCompletion: [true] } },
		description: 'Delay before the first status check; later checks come at growing intervals, at most every 10 s',
	},
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

export interface WaitSettings {
	enabled: boolean;
	maxWaitSeconds: number;
	pollIntervalSeconds: number;
	onTimeout: 'fail' | 'returnState';
}

export function readWait(fn: IExecuteFunctions, i: number): WaitSettings {
	const enabled = fn.getNodeParameter('waitForCompletion', i, false) as boolean;
	return {
		enabled,
		maxWaitSeconds: enabled ? (fn.getNodeParameter('maxWaitSeconds', i, 300) as number) : 0,
		pollIntervalSeconds: enabled ? (fn.getNodeParameter('pollIntervalSeconds', i, 2) as number) : 2,
		onTimeout: enabled ? (fn.getNodeParameter('onTimeout', i, 'fail') as WaitSettings['onTimeout']) : 'fail',
	};
}

/** One look: ready with its value, or still pending in a state (a terminal failure is thrown). */
export type WaitStep<T> =
	| { done: true; value: T }
	| {
			done: false;
			/** The state as output (e.g. "processing"). */
			state: string;
			/** The state as shown in messages, when it says more (e.g. "processing (45%)"). */
			shown?: string;
			/** The last answer's fields, kept in the timed-out item. */
			last?: IDataObject;
	  };

export type WaitOutcome<T> =
	| { done: true; value: T; checks: number }
	| { done: false; state: string; last?: IDataObject; waitedSeconds: number; checks: number };

export interface WaitOptions<T> {
	wait: WaitSettings;
	/** Names what is waited on in messages, e.g. 'ITR analysis job itr_123'. */
	label: string;
	/** The operation the user runs later to pick it up again (timeout hint). */
	resumeHint: string;
	/** A state the start answer already gave: the first real check then waits one interval. */
	initialState?: string;
	check(): Promise<WaitStep<T>>;
}

/**
 * Checks through the shared poller until ready. Without Wait for Completion it checks once. On
 * timeout it fails naming the last state, or (On Timeout → Return Job State) returns that state
 * for the caller's timed-out item.
 */
export async function waitUntil<T>(ctx: RunContext, i: number, options: WaitOptions<T>): Promise<WaitOutcome<T>> {
	const { wait } = options;
	let last: IDataObject | undefined;
	let state = options.initialState ?? 'unknown';
	const outcome = await pollUntilDone<T>(
		async (attempt) => {
			if (attempt === 0 && options.initialState !== undefined) return { done: false, state };
			const step = await options.check();
			if (step.done) return step;
			last = step.last;
			state = step.state;
			return { done: false, state: step.shown ?? step.state };
		},
		pollSettings(wait.enabled ? wait.maxWaitSeconds : 0, wait.pollIntervalSeconds),
		async (ms) => ctx.transport.pause(ms),
	);
	if (outcome.done) return { done: true, value: outcome.value, checks: outcome.checks };
	const waitedSeconds = Math.round(outcome.waitedMs / 1000);
	if (wait.onTimeout === 'returnState') return { done: false, state, last, waitedSeconds, checks: outcome.checks };
	throw waitTimeoutError(ctx, i, options, outcome.state, waitedSeconds);
}

/** The error a wait ends with when Max Wait passed and On Timeout says Fail. */
export function waitTimeoutError(
	ctx: RunContext,
	i: number,
	options: Pick<WaitOptions<unknown>, 'label' | 'resumeHint'>,
	state: string,
	waitedSeconds: number,
): Error {
	return ctx.transport.apiError(
		{
			statusCode: 408,
			headers: {},
			body: null,
			data: null,
			success: false,
			message: `${options.label} still not finished after ${waitedSeconds} s: last state "${state}"`,
			code: 'wait_timeout',
		},
		i,
		`Raise Max Wait, or set On Timeout to "Return Job State" and check again later with ${options.resumeHint}.`,
	);
}

/** The item output when a wait timed out and On Timeout says Return Job State. */
export function timedOutItem(ids: IDataObject, outcome: { state: string; waitedSeconds: number }): IDataObject {
	return { ...ids, status: outcome.state, wait_timed_out: true, waited_seconds: outcome.waitedSeconds };
}
