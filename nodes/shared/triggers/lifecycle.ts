import type { IHookFunctions, IWebhookDescription } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inboundWebhooks } from '../webhooks/description';
import type { VerificationSettings } from '../webhooks/verify';
import { verificationFrom, verificationProblem } from './credentials';
import { secretAdvice, secretProblem } from './secret';

/**
 * Lifecycle: the user pastes the URL into Finpass / FinPro by hand, so there is nothing to
 * register remotely; checkExists refuses to activate a trigger whose credential would make it
 * refuse every delivery or accept guessable ones.
 */

/** The one POST webhook both triggers listen on, at the path the user sets. */
export const triggerWebhooks: IWebhookDescription[] = inboundWebhooks({ path: '={{$parameter["path"]}}' });

export async function assertSecretAcceptable(ctx: IHookFunctions, credentialType: string): Promise<void> {
	let settings: VerificationSettings;
	try {
		settings = verificationFrom(await ctx.getCredentials(credentialType));
	} catch (error) {
		const reason = error instanceof Error ? ` (${error.message})` : '';
		throw new NodeOperationError(ctx.getNode(), `The trigger's webhook credential could not be read${reason}`, {
			description: `Select or create a credential of type "${credentialType}" on the trigger. ${secretAdvice()}`,
		});
	}
	const problem = secretProblem(settings.secret);
	if (problem !== undefined) {
		throw new NodeOperationError(ctx.getNode(), problem, { description: secretAdvice() });
	}
	const setting = verificationProblem(settings);
	if (setting !== undefined) {
		throw new NodeOperationError(ctx.getNode(), setting, {
			description: 'Open the webhook credential, correct the setting, then activate the workflow again.',
		});
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
