import { FINPASS } from '../../shared/finpass/endpoints';
import { jsonItems } from '../../shared/framework/items';
import { defineOperation } from '../../shared/framework/operation';
import { requireText } from '../../shared/validation/validators';
import { readWait, waitProperties, type WaitSettings } from '../../shared/wait/wait';
import { checkResult, resultClientIdProperty, resultWhenComplete } from './statementResult';

interface ResultInput {
	clientId: string;
	wait: WaitSettings;
}

export const getResult = defineOperation({
	value: 'getResult',
	name: 'Get Statement Result',
	action: 'Get bank statement analysis result',
	description: 'Status, progress and, once complete, the extracted account information',
	endpoint: FINPASS.bsaResult,
	properties: [resultClientIdProperty, ...waitProperties],
	prepare: (fn, i): ResultInput => ({
		clientId: requireText(fn.getNode(), fn.getNodeParameter('clientId', i), i, 'Client ID'),
		wait: readWait(fn, i),
	}),
	async run(ctx, i, { clientId, wait }) {
		if (!wait.enabled) {
			// Without waiting the result is returned in whatever state it is (failed included).
			const once = await checkResult(ctx, i, clientId);
			return jsonItems({ client_id: clientId, ...once.value });
		}
		const hint = `Get Statement Result with Client ID ${clientId}`;
		return jsonItems(await resultWhenComplete(ctx, i, clientId, { client_id: clientId }, wait, { resumeHint: hint }));
	},
});
