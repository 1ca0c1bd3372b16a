import type { IHookFunctions, IWebhookDescription } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { verificationFrom } from './credentials';
import { secretAdvice, secretProblem } from './secret';

/**
 * Lifecycle: the user pastes the URL into Finpass / FinPro by hand, so there is nothing to
 * register remotely; checkExists refuses to activate a trigger whose credential would make it
 * refuse every delivery or accept guessable ones.
 */

/**
 * The one POST webhook both triggers listen on, at the path the user sets. A named const: the
 * webhook-lifecycle lint rule misreads an inline array.
 */
export const triggerWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		path: '={{$parameter["path"]}}',
		isFullPath: true,
		// without it n8n answers an accepted delivery with the text "firstEntryJson" instead of
		// the node's webhookResponse (its default for responseData, n8n 1.123 and 2.41)
		responseData: '',
	},
];

export async function assertSecretAcceptable(ctx: IHookFunctions, credentialType: string): Promise<void> {
	let secret = '';
	try {
		secret = verificationFrom(await ctx.getCredentials(credentialType)).secret;
	} catch (error) {
		const reason = error instanceof Error ? ` (${error.message})` : '';
		throw new NodeOperationError(ctx.getNode(), `The trigger's webhook credential could not be read${reason}`, {
			description: `Select or create a credential of type "${credentialType}" on the trigger. ${secretAdvice()}`,
		});
	}
	const problem = secretProblem(secret);
	if (problem !== undefined) {
		throw new NodeOperationError(ctx.getNode(), problem, { description: secretAdvice() });
	}
}

/** Lifecycle of a webhook the user registers by hand at the vendor. */
export function manualRegistration(credentialType: string) {
	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			await assertSecretAcceptable(this, credentialType);
			return true;
		},
		async create(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return true;
		},
	};
}
