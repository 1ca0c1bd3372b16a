import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { bodyTooLarge, parseJsonBody } from '../webhooks/body';
import { IN_FLIGHT_MS, checkReplay, confirmStarted, dedupeKey, markRecordChanged } from '../webhooks/replay';
import { respond, unauthorized } from '../webhooks/respond';
import { acceptedWindowMs, verifyDelivery } from '../webhooks/verify';
import { verificationFrom, verificationProblem } from './credentials';
import { secretProblem } from './secret';

/**
 * The webhook() of both triggers. Order of the checks on every request (each answers and stops;
 * nothing starts an execution):
 *   405 not POST → 413 body over the limit → 401 token/signature wrong or missing (or the
 *   credential's secret too weak, or its timestamp tolerance out of range; the answer does not
 *   say which) → 400 body not JSON → 200 event not selected → 200 duplicate → 200 and the
 *   workflow starts.
 * n8n answers some cases before the node runs (checked in n8n 2.41): a GET on the URL gets its
 * 404 "not registered for GET requests", a body sent as application/json that does not parse
 * gets its 422, a body over N8N_PAYLOAD_SIZE_MAX (16 MB) is refused by n8n's body reader.
 */

export interface TriggerEvent {
	/** The event's name in the trigger's words, checked against the Events filter. */
	name: string | null;
	/**
	 * The delivery's own id: an explicit event or delivery id at the body's top level, or null
	 * (then the canonical body is the key). Never a nested id of a consent or transaction.
	 */
	id: string | null;
	/** What the workflow starts with. */
	items: IDataObject[];
}

export interface TriggerSettings {
	/** The webhook credential type holding the verification settings. */
	credentialType: string;
	maxBodyBytes: number;
	/** Drop Duplicates Within; raised to cover the credential's accepted timestamp window. */
	dedupeWindowMs: number;
	/** Event names to start on; ANY_EVENT among them starts on all. */
	events: string[];
	/** Turns a parsed body into the event. */
	toEvent: (body: unknown, receivedAt: string) => TriggerEvent;
}

export const ANY_EVENT = '*';

export async function handleDelivery(
	ctx: IWebhookFunctions,
	settings: TriggerSettings,
): Promise<IWebhookResponseData> {
	const req = ctx.getRequestObject();
	if (req.method !== 'POST') {
		return respond(ctx, 405, { error: 'method_not_allowed', message: 'Send webhooks with POST' }, { Allow: 'POST' });
	}
	// n8n reads the raw body for every JSON, text, form or unknown content type; a multipart body
	// is parsed into fields instead and has none
	const rawBody: Buffer | undefined = Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
	if (rawBody === undefined) {
		return respond(ctx, 400, { error: 'bad_request', message: 'A JSON body is expected' });
	}
	if (bodyTooLarge(rawBody, settings.maxBodyBytes)) {
		return respond(ctx, 413, {
			error: 'payload_too_large',
			message: `The body is larger than the trigger's limit of ${settings.maxBodyBytes} bytes`,
		});
	}
	const verification = verificationFrom(await ctx.getCredentials(settings.credentialType));
	// activation refuses a weak secret; this covers processes that never ran the activation check
	const setup = secretProblem(verification.secret) ?? verificationProblem(verification);
	if (setup !== undefined) return unauthorized(ctx, `the trigger is not set up to accept deliveries: ${setup}`);
	const query = ctx.getQueryData() as Record<string, unknown>;
	const verdict = verifyDelivery(verification, { rawBody, headers: req.headers, query }, Date.now());
	if (!verdict.ok) return unauthorized(ctx, verdict.reason);

	const parsed = parseJsonBody(rawBody);
	if (!parsed.ok) return respond(ctx, parsed.status, { error: 'bad_request', message: parsed.message });

	const event = settings.toEvent(parsed.body, new Date().toISOString());
	const wanted =
		settings.events.includes(ANY_EVENT) || (event.name !== null && settings.events.includes(event.name));
	if (!wanted) {
		return respond(ctx, 200, {
			received: true,
			started: false,
			reason: `event ${event.name ?? 'unknown'} is not selected`,
		});
	}

	// Test-URL calls are never dropped: resending the same sample while building must work.
	const body: IDataObject = { received: true, started: true };
	const response: IWebhookResponseData = { workflowData: [ctx.helpers.returnJsonArray(event.items)] };
	if (ctx.getMode() !== 'manual') {
		const key = dedupeKey(event.name, event.id, parsed.body);
		// a captured signed delivery is accepted again for twice the timestamp tolerance: remember
		// at least that long, whatever Drop Duplicates Within says
		const windowMs = Math.max(settings.dedupeWindowMs, acceptedWindowMs(verification));
		const scope = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
		const staticData = ctx.getWorkflowStaticData('node');
		const replay = checkReplay(scope, key, staticData, windowMs, Date.now());
		if (replay === 'duplicate') {
			return respond(ctx, 200, { received: true, started: false, reason: 'duplicate delivery' });
		}
		if (replay === 'inFlight') {
			// not "duplicate": if starting the first copy fails, this one must be sent again
			return respond(
				ctx,
				409,
				{ received: true, started: false, reason: 'the same delivery is being started: send it again later' },
				{ 'Retry-After': String(IN_FLIGHT_MS / 1000) },
			);
		}
		answerAfterRecordIsSaved(response, body, staticData, () => confirmStarted(scope, key, windowMs, Date.now()));
		return response;
	}
	response.webhookResponse = body;
	return response;
}

/**
 * The answer to an accepted delivery is n8n's (not written here), so it leaves only after n8n has
 * saved the static data holding the record: a copy sent on receipt of the 200 to another process
 * is recognised. n8n reads `webhookResponse` just before it answers, after it has started the
 * execution. n8n 2.x clears the static data's "changed" flag while starting the execution
 * (WorkflowRunner.establishContextForPersistence wraps the same object in a second Workflow), so
 * the record made above would not be saved; reading the answer marks the record changed again,
 * so n8n saves it before answering. Rewriting the same value changes nothing else, and n8n 1.x
 * (which reads the answer before starting the execution) saves it either way.
 * Reading the answer also tells this process's memory that the execution started (on n8n 2.x;
 * 1.x reads it just before): until then a copy is answered 409 "send it again later", so when
 * n8n fails to start the execution (it then answers an error and saves nothing), the sender's
 * retry is not dropped as a duplicate of a delivery that started nothing.
 */
function answerAfterRecordIsSaved(
	response: IWebhookResponseData,
	body: IDataObject,
	staticData: IDataObject,
	started: () => void,
): void {
	Object.defineProperty(response, 'webhookResponse', {
		enumerable: true,
		get: () => {
			markRecordChanged(staticData);
			started();
			return body;
		},
	});
}
