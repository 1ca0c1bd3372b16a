import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as triggers from '../shared/triggers';
import { FINPRO_EVENT_STATUSES, finProItems, normalizeFinProEvent } from './finProEvent';

/** "CONSENT_APPROVED" → "Consent Approved". */
const label = (status: string) =>
	status
		.toLowerCase()
		.split('_')
		.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
		.join(' ');

const EVENTS = FINPRO_EVENT_STATUSES.map((status) => ({ name: label(status), value: status }));

/**
 * FinPro's webhooks are set up in its admin portal with a secret for HMAC-SHA256 signatures,
 * kept here in a FinPro Webhook API credential (fail closed).
 */
export class FinProTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FinPro Trigger',
		name: 'finProTrigger',
		icon: { light: 'file:finProTrigger.svg', dark: 'file:finProTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: triggers.eventsSubtitle(EVENTS),
		description:
			'Starts a workflow on FinPro consent and data webhooks (CONSENT_APPROVED, DATA_READY, SESSION_FAILED, ...), verified by their HMAC-SHA256 signature',
		documentationUrl: 'https://github.com/n8n-nodes-finpass/n8n-nodes-finpass#finpro-trigger',
		defaults: { name: 'FinPro Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'finProWebhookApi', required: true, testedBy: 'finProWebhookSecret' }],
		triggerPanel: triggers.triggerPanel(
			"Paste the production URL into the FinPro admin portal's webhook settings",
			"Copy the <b>production URL</b> above into the webhook settings of the FinPro admin portal, and paste the portal's webhook secret into the trigger's <b>FinPro Webhook API</b> credential. Deliveries without a valid signature are refused with 401 and start nothing; the same delivery twice starts one execution.",
			'Publish the workflow, then register its production URL in the FinPro admin portal.',
		),
		webhooks: triggers.triggerWebhooks,
		properties: [
			triggers.pathProperty('finpro'),
			triggers.eventsProperty(
				EVENTS,
				'Every verified delivery, also unlisted statuses',
				'Start the workflow only for these event statuses (eventStatus). Others are answered 200 and start nothing.',
			),
			{
				displayName: 'One Item per Account on Data Ready',
				name: 'splitByAccount',
				type: 'boolean',
				default: false,
				description:
					'Whether a DATA_READY event outputs one item per linked account (consentId, linkRefNumber, fiStatus, fipId, fipName, maskedAccountNumber), so the next node can fetch each account',
			},
			{
				displayName: 'Ready Accounts Only',
				name: 'onlyReadyAccounts',
				type: 'boolean',
				default: true,
				displayOptions: { show: { splitByAccount: [true] } },
				description:
					'Whether to leave out accounts whose fiStatus is not READY (DENIED, TIMEOUT). With no account left, the event comes out as one item.',
			},
			triggers.deliveryOptionsProperty,
		],
	};

	methods = { credentialTest: { finProWebhookSecret: triggers.testWebhookCredential } };

	webhookMethods = { default: triggers.manualRegistration(triggers.credentialTypeOf(this.description)) };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const split = this.getNodeParameter('splitByAccount', false) as boolean;
		const onlyReady = this.getNodeParameter('onlyReadyAccounts', true) as boolean;
		return await triggers.runTrigger(this, CREDENTIAL, (body, receivedAt) => {
			const event = normalizeFinProEvent(body, receivedAt);
			return { name: event.eventStatus, id: event.eventId, items: finProItems(event, split, onlyReady) };
		});
	}
}

/**
 * The webhook credential type, read from the description (where n8n's scanner needs it written
 * out): one name for the description, activation and webhook().
 */
const CREDENTIAL = triggers.credentialTypeOf(new FinProTrigger().description);
