import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { jobWaitProperties, readJobWait, waitForJob, type JobWait } from '../../shared/jobStates';
import { defineOperation, jsonItems } from '../../shared/router';
import { requireText } from '../../shared/validators';
import { RESULT_METHOD, RESULT_PATH, bsaCheck, clientIdProperty, resultCall } from './statementResult';

const properties: INodeProperties[] = [clientIdProperty, ...jobWaitProperties];

interface ResultInput {
	clientId: string;
	wait: JobWait;
}

/** advancedProperty's HTTP Method option defaults to POST; this endpoint's documented method is GET. */
function advancedWithGetDefault(): INodeProperties {
	const advanced = advancedProperty('getResult', RESULT_PATH, true);
	return {
		...advanced,
		options: (advanced.options as INodeProperties[]).map((option) =>
			option.name === 'method'
				? {
						...option,
						default: RESULT_METHOD,
						description:
							'The method the documents leave unsure: GET with ?client_id= unless your Finpass contact says POST',
					}
				: option,
		),
	};
}

export const getResult = defineOperation<ResultInput>({
	description: [
		...updateDisplayOptions({ show: { operation: ['getResult'] } }, properties),
		advancedWithGetDefault(),
	],
	prepare: (fn, i) => ({
		clientId: requireText(fn.getNode(), fn.getNodeParameter('clientId', i), i, 'Client ID'),
		wait: readJobWait(fn, i),
	}),
	async run(ctx, i, { clientId, wait }) {
		// Through ctx.call: Advanced (path, method) applies to every check of this same endpoint.
		const check = async () => bsaCheck(await ctx.call(resultCall(clientId), i));
		if (!wait.enabled) {
			// Without waiting the result is returned in whatever state it is (failed included).
			const once = await check();
			return jsonItems({ client_id: clientId, ...once.value });
		}
		const outcome = await waitForJob(ctx, i, {
			product: 'bsa',
			wait,
			label: `Statement analysis ${clientId}`,
			resumeHint: `Get Result with Client ID ${clientId}`,
			check,
		});
		if (outcome.done) return jsonItems({ client_id: clientId, ...outcome.value });
		return jsonItems({
			client_id: clientId,
			...(outcome.last ?? {}),
			status: outcome.state,
			wait_timed_out: true,
			waited_seconds: outcome.waitedSeconds,
		});
	},
});
