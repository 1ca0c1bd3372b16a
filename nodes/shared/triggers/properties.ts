import type { INodeProperties, IWebhookFunctions } from 'n8n-workflow';

import { DEFAULT_MAX_BODY_KB } from '../webhooks/body';
import { DEFAULT_DEDUPE_MINUTES, PERSISTED_MAX_ENTRIES } from '../webhooks/replay';

/** Parameters both triggers show (verification lives in their webhook credentials). */

export function pathProperty(defaultPath: string): INodeProperties {
	return {
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: defaultPath,
		required: true,
		placeholder: defaultPath,
		description:
			'The last part of the webhook URL (…/webhook/&lt;path&gt;). Must be unique on this n8n instance: give each trigger its own.',
	};
}

export const MAX_DEDUPE_MINUTES = 1440;

export const deliveryOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Drop Duplicates Within (Minutes)',
			name: 'dedupeWindowMinutes',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_DEDUPE_MINUTES },
			default: DEFAULT_DEDUPE_MINUTES,
			description: `Senders retry, and a captured delivery could be sent again. A delivery with the same delivery ID and event (or, without one, the same body in any key order) as one accepted this many minutes ago is answered 200 and starts nothing, whichever n8n process receives it. With HMAC and a timestamp header, deliveries are remembered at least twice the credential's Timestamp Tolerance. Always on; at most ${PERSISTED_MAX_ENTRIES.toLocaleString('en')} deliveries are remembered per trigger (kept with the workflow by n8n).`,
		},
		{
			displayName: 'Max Body Size (KB)',
			name: 'maxBodyKb',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_MAX_BODY_KB,
			description: 'Larger deliveries are refused with 413 and start nothing',
		},
	],
};

/** The options collection's values, as TriggerSettings wants them. */
export function deliveryOptions(ctx: IWebhookFunctions): { maxBodyBytes: number; dedupeWindowMs: number } {
	const options = ctx.getNodeParameter('options', {}) as { dedupeWindowMinutes?: number; maxBodyKb?: number };
	const maxBodyKb = Number(options.maxBodyKb ?? DEFAULT_MAX_BODY_KB);
	const minutes = Number(options.dedupeWindowMinutes ?? DEFAULT_DEDUPE_MINUTES);
	// replay protection cannot be switched off: out-of-range values are clamped, not honoured
	const window = Number.isFinite(minutes) ? Math.min(Math.max(minutes, 1), MAX_DEDUPE_MINUTES) : DEFAULT_DEDUPE_MINUTES;
	return {
		maxBodyBytes: Math.max(1, Number.isFinite(maxBodyKb) ? maxBodyKb : DEFAULT_MAX_BODY_KB) * 1024,
		dedupeWindowMs: window * 60_000,
	};
}
