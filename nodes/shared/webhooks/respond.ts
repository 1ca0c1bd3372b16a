import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** Writes the answer now and tells n8n not to answer again. */
export function respond(
	ctx: IWebhookFunctions,
	status: number,
	body: IDataObject,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	const res = ctx.getResponseObject();
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * The 401 every inbound webhook gives, the same whatever was wrong: which parameter, header or
 * timestamp was expected is not told to whoever asks (the reason goes to n8n's log instead,
 * without any secret).
 */
export function unauthorized(ctx: IWebhookFunctions, reason: string): IWebhookResponseData {
	ctx.logger?.info(`Webhook refused (401): ${reason}`, { node: ctx.getNode().name });
	return respond(ctx, 401, { error: 'unauthorized', message: 'Unauthorized' });
}
