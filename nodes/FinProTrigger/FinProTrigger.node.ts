import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	ANY_EVENT,
	deliveryOptions,
	deliveryOptionsProperty,
	FINPRO_EVENT_STATUSES,
	finProItems,
	handleDelivery,
	hmacProperties,
	hmacSettings,
	manualRegistration,
	normalizeFinProEvent,
	pathProperty,
	triggerWebhooks,
} from '../shared/webhooks';

/**
 * FinPro's webhooks are set up in its admin portal with a secret for HMAC-SHA256 signatures;
 * the header name is not published (API README), so it is a parameter with an assumed default.
 */
const PANEL_HELP =
	'Copy the <b>production URL</b> above into the webhook settings of the FinPro admin portal, and paste the portal\'s webhook secret into <b>Secret</b>. Deliveries without a valid signature are refused with 401 and start nothing.<br /><br /><b>Use test mode while you build</b>: click "Listen for test event", then send a delivery to the test URL. <b>Use production mode to run automatically</b>: publish the workflow; executions then show in the executions list.';

/** "CONSENT_APPROVED" → "Consent Approved". */
const label = (status: string) =>
	status
		.toLowerCase()
		.split('_')
		.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
		.join(' ');

export class FinProTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FinPro Trigger',
		name: 'finProTrigger',
		icon: { light: 'file:../shared/finpro.svg', dark: 'file:../shared/finpro.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).map((e) => (e === "*" ? "any event" : e)).join(", ")}}',
		description:
			'Starts a workflow on FinPro consent and data webhooks (CONSENT_APPROVED, DATA_READY, SESSION_FAILED, ...), verified by their HMAC-SHA256 signature',
		defaults: { name: 'FinPro Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		triggerPanel: {
			header: "Paste the production URL into the FinPro admin portal's webhook settings",
			executionsHelp: { inactive: PANEL_HELP, active: PANEL_HELP },
			activationHint:
				'Publish the workflow, then register its production URL in the FinPro admin portal.',
		},
		webhooks: triggerWebhooks,
		properties: [
			pathProperty('finpro'),
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				description:
					'The webhook secret from the FinPro admin portal (the HMAC-SHA256 key). Without it the trigger refuses every delivery.',
			},
			...hmacProperties('x-finpro-signature'),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{
						name: 'Any Event',
						value: ANY_EVENT,
						description: 'Every verified delivery, also unlisted statuses',
					},
					...[...FINPRO_EVENT_STATUSES]
						.sort()
						.map((status) => ({ name: label(status), value: status })),
				],
				default: [ANY_EVENT],
				required: true,
				description:
					'Start the workflow only for these event statuses (eventStatus). Others are answered 200 and start nothing.',
			},
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
			deliveryOptionsProperty,
		],
	};

	webhookMethods = { default: manualRegistration('secret') };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const split = this.getNodeParameter('splitByAccount', false) as boolean;
		const onlyReady = this.getNodeParameter('onlyReadyAccounts', true) as boolean;
		return handleDelivery(this, {
			verification: hmacSettings(this, this.getNodeParameter('secret', '') as string),
			...deliveryOptions(this),
			events: this.getNodeParameter('events', [ANY_EVENT]) as string[],
			toEvent: (body, receivedAt) => {
				const event = normalizeFinProEvent(body, receivedAt);
				return {
					name: event.eventStatus,
					id: event.eventId,
					items: finProItems(event, split, onlyReady),
				};
			},
		});
	}
}
