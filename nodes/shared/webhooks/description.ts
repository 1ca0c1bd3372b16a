import type { IWebhookDescription } from 'n8n-workflow';

/**
 * The one description of every inbound webhook of this package: POST, answered when received.
 * `responseData: ''` makes n8n answer with what the node returns as `webhookResponse` (without
 * it n8n answers an accepted request with the text "firstEntryJson", its default in n8n 1.123
 * and 2.41). Returned as a named array: the webhook-lifecycle lint rule misreads inline arrays.
 */
export function inboundWebhooks(options: { path: string; restartWebhook?: boolean }): IWebhookDescription[] {
	const description: IWebhookDescription = {
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		path: options.path,
		isFullPath: true,
		responseData: '',
	};
	if (options.restartWebhook) description.restartWebhook = true;
	return [description];
}
