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
	handleDelivery,
	hmacProperties,
	hmacSettings,
	manualRegistration,
	normalizeFinpassEvent,
	pathProperty,
	triggerWebhooks,
} from '../shared/webhooks';
import type { VerificationSettings } from '../shared/webhooks';

/**
 * Finpass sends its webhook to the `webhook_url` given to Initialize Consent / Start Journey.
 * Neither its payload nor any signature is published (API README), so the trigger requires a
 * secret of the user's choosing (fail closed) and reads the body without relying on its shape.
 */
const PANEL_HELP =
	'Copy the <b>production URL</b> above and pass it as <b>Webhook URL</b> in the Finpass Account Aggregator node\'s <i>Initialize Consent</i> (or AA-BSA <i>Start Journey</i>). With <i>Secret Token in URL</i>, append the token to it: <code>?token=YOUR_SECRET</code> (or your parameter name). Deliveries without the right secret are refused with 401 and start nothing.<br /><br /><b>Use test mode while you build</b>: click "Listen for test event", then send a delivery to the test URL. <b>Use production mode to run automatically</b>: publish the workflow; executions then show in the executions list.';

export class FinpassTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass Trigger',
		name: 'finpassTrigger',
		icon: { light: 'file:../shared/finpass.svg', dark: 'file:../shared/finpass.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).map((e) => (e === "*" ? "any event" : e)).join(", ")}}',
		description:
			'Starts a workflow when Finpass reports a consent or data event (consent approved, rejected or revoked, data ready, analysis complete)',
		defaults: { name: 'Finpass Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		triggerPanel: {
			header: 'Paste the production URL into Initialize Consent / Start Journey as the Webhook URL',
			executionsHelp: { inactive: PANEL_HELP, active: PANEL_HELP },
			activationHint:
				'Publish the workflow, then use its production URL (with your secret) as the webhook_url of every consent you start.',
		},
		webhooks: triggerWebhooks,
		properties: [
			pathProperty('finpass'),
			{
				displayName: 'Verification',
				name: 'verification',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Secret Token in URL',
						value: 'queryToken',
						description:
							'Append ?token=YOUR_SECRET to the URL you give Finpass (works with any sender)',
					},
					{
						name: 'Secret Header',
						value: 'headerToken',
						description: 'The sender puts the secret in a request header',
					},
					{
						name: 'HMAC-SHA256 Signature',
						value: 'hmacSha256',
						description:
							'The sender signs the raw body with the secret and puts the signature in a header',
					},
				],
				default: 'queryToken',
				description:
					'How a delivery proves it comes from Finpass. Every delivery must pass: there is no "none".',
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				description:
					'A long random value only you and the sender know: the token itself, or the HMAC key. Without it the trigger refuses every delivery.',
			},
			{
				displayName: 'Query Parameter Name',
				name: 'queryParameterName',
				type: 'string',
				default: 'token',
				required: true,
				displayOptions: { show: { verification: ['queryToken'] } },
				description: 'The URL query parameter that carries the secret',
			},
			{
				displayName: 'Header Name',
				name: 'headerName',
				type: 'string',
				default: 'x-finpass-token',
				required: true,
				displayOptions: { show: { verification: ['headerToken'] } },
				description: 'The request header that carries the secret (case does not matter)',
			},
			...hmacProperties('x-finpass-signature', { verification: ['hmacSha256'] }),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'Analysis Complete', value: 'analysis_complete' },
					{
						name: 'Any Event',
						value: ANY_EVENT,
						description: 'Every verified delivery, also ones not recognised',
					},
					{ name: 'Consent Approved', value: 'consent_approved' },
					{ name: 'Consent Expired', value: 'consent_expired' },
					{ name: 'Consent Rejected', value: 'consent_rejected' },
					{ name: 'Consent Revoked', value: 'consent_revoked' },
					{ name: 'Data Fetch Failed', value: 'data_failed' },
					{ name: 'Data Ready', value: 'data_ready' },
				],
				default: [ANY_EVENT],
				required: true,
				description:
					'Start the workflow only for these events. Others are answered 200 and start nothing. The output field "event" names the event in these words.',
			},
			deliveryOptionsProperty,
		],
	};

	webhookMethods = { default: manualRegistration('secret') };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const secret = this.getNodeParameter('secret', '') as string;
		const mode = this.getNodeParameter(
			'verification',
			'queryToken',
		) as VerificationSettings['mode'];
		const verification: VerificationSettings =
			mode === 'hmacSha256'
				? hmacSettings(this, secret)
				: {
						mode,
						secret,
						queryParameter: this.getNodeParameter('queryParameterName', 'token') as string,
						headerName:
							mode === 'headerToken'
								? (this.getNodeParameter('headerName', '') as string)
								: undefined,
					};
		return handleDelivery(this, {
			verification,
			...deliveryOptions(this),
			events: this.getNodeParameter('events', [ANY_EVENT]) as string[],
			toEvent: (body, receivedAt) => {
				const event = normalizeFinpassEvent(body, receivedAt);
				return { name: event.event, id: event.event_id, items: [event] };
			},
		});
	}
}
