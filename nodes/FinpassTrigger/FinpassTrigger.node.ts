import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as triggers from '../shared/triggers';
import { FINPASS_EVENTS, FINPASS_EVENT_NAMES, normalizeFinpassEvent } from './finpassEvent';

/** The Events filter's options, from the kinds the normaliser tells apart (alphabetical). */
const EVENTS = FINPASS_EVENTS.map((value) => ({ name: FINPASS_EVENT_NAMES[value], value })).sort((a, b) =>
	a.name.localeCompare(b.name),
);

/**
 * Finpass sends its webhook to the `webhook_url` given to Initialize Consent / Start Journey.
 * Neither its payload nor any signature is published (docs/api-contract.md), so the trigger requires a
 * secret of the user's choosing, kept in a Finpass Webhook API credential (fail closed), and
 * reads the body without relying on its shape.
 */
export class FinpassTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass Trigger',
		name: 'finpassTrigger',
		icon: { light: 'file:finpassTrigger.svg', dark: 'file:finpassTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: triggers.eventsSubtitle(EVENTS),
		description:
			'Starts a workflow when Finpass reports a consent or data event (consent approved, rejected or revoked, data ready, analysis complete)',
		documentationUrl: 'https://github.com/n8n-nodes-finpass/n8n-nodes-finpass#finpass-trigger',
		defaults: { name: 'Finpass Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'finpassWebhookApi', required: true, testedBy: 'finpassWebhookSecret' }],
		triggerPanel: triggers.triggerPanel(
			'Paste the production URL into Initialize Consent / Start Journey as the Webhook URL',
			'Copy the <b>production URL</b> above and pass it as <b>Webhook URL</b> in the Finpass Account Aggregator node\'s <i>Initialize Consent</i> (or AA-BSA <i>Start Journey</i>). With <i>Secret Token in URL</i> in the credential, append the token to it: <code>?token=YOUR_SECRET</code> (or your parameter name). Deliveries without the right secret are refused with 401 and start nothing; the same delivery twice starts one execution.',
			'Publish the workflow, then use its production URL (with your secret) as the webhook_url of every consent you start.',
		),
		webhooks: triggers.triggerWebhooks,
		properties: [
			triggers.pathProperty('finpass'),
			triggers.eventsProperty(
				EVENTS,
				'Every verified delivery, also ones not recognised',
				'Start the workflow only for these events. Others are answered 200 and start nothing. The output field "event" names the event in these words.',
			),
			triggers.deliveryOptionsProperty,
		],
	};

	methods = { credentialTest: { finpassWebhookSecret: triggers.testWebhookCredential } };

	webhookMethods = { default: triggers.manualRegistration(triggers.credentialTypeOf(this.description)) };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggers.runTrigger(this, CREDENTIAL, (body, receivedAt) => {
			const event = normalizeFinpassEvent(body, receivedAt);
			return { name: event.event, id: event.event_id, items: [event] };
		});
	}
}

/**
 * The webhook credential type, read from the description (where n8n's scanner needs it written
 * out): one name for the description, activation and webhook().
 */
const CREDENTIAL = triggers.credentialTypeOf(new FinpassTrigger().description);
