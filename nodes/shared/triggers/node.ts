import type {
	INodeProperties,
	INodePropertyOptions,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { ANY_EVENT, handleDelivery } from './delivery';
import type { TriggerEvent } from './delivery';
import { deliveryOptions } from './properties';

/** What the two trigger nodes' descriptions and webhook() have in common. */

const USE_MODES =
	'<br /><br /><b>Use test mode while you build</b>: click "Listen for test event", then send a delivery to the test URL. <b>Use production mode to run automatically</b>: publish the workflow; executions then show in the executions list.';

/** The trigger panel: how to wire the URL up, then the test/production note. */
export function triggerPanel(header: string, help: string, activationHint: string): INodeTypeDescription['triggerPanel'] {
	const text = `${help}${USE_MODES}`;
	return { header, executionsHelp: { inactive: text, active: text }, activationHint };
}

/**
 * The canvas subtitle: the chosen events' names ("Consent Approved, Data Ready"), never their
 * stored values, looked up in a map built from the same list as the Events filter.
 */
export function eventsSubtitle(events: INodePropertyOptions[]): string {
	const names = Object.fromEntries([{ name: 'Any Event', value: ANY_EVENT }, ...events].map(({ name, value }) => [String(value), name]));
	return `={{ ($parameter["events"] || []).map((e) => (${JSON.stringify(names)})[e] || e).join(", ") }}`;
}

/** The Events filter: "Any Event" plus the vendor's events. */
export function eventsProperty(
	events: INodePropertyOptions[],
	anyDescription: string,
	description: string,
): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [{ name: 'Any Event', value: ANY_EVENT, description: anyDescription }, ...events].sort((a, b) =>
			a.name.localeCompare(b.name),
		),
		default: [ANY_EVENT],
		required: true,
		description,
	};
}

/** A trigger's webhook(): its credential, the node's options and its vendor's normaliser. */
export async function runTrigger(
	ctx: IWebhookFunctions,
	credentialType: string,
	toEvent: (body: unknown, receivedAt: string) => TriggerEvent,
): Promise<IWebhookResponseData> {
	return await handleDelivery(ctx, {
		credentialType,
		...deliveryOptions(ctx),
		events: ctx.getNodeParameter('events', [ANY_EVENT]) as string[],
		toEvent,
	});
}

/** The credential type a trigger's description asks for (its first, required credential). */
export function credentialTypeOf(description: INodeTypeDescription): string {
	const name = description.credentials?.[0]?.name;
	if (name === undefined) throw new Error(`${description.name} declares no webhook credential`);
	return name;
}
