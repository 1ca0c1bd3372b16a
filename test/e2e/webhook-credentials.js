'use strict';
// The webhook credentials every e2e run imports (with the simulator's API credentials), one per
// way a trigger verifies deliveries. Trigger workflows in test/e2e/workflows/ reference them by
// id; the tests sign or append with the same secrets. Order matters: the harness maps a
// workflow's webhook credential of a type to the last one of that type (query, finpro). `weak` holds a placeholder: a trigger using
// it must refuse to activate.
const WEBHOOK_CREDENTIALS = {
	header: {
		id: 'fp-webhook-header-e2e',
		name: 'Finpass webhook, header (e2e)',
		type: 'finpassWebhookApi',
		data: { verification: 'headerToken', secret: 'e2e-header-token-Hd3Pq8Zs6Wn1Jk5Yf0', headerName: 'x-finpass-token' },
	},
	hmac: {
		id: 'fp-webhook-hmac-e2e',
		name: 'Finpass webhook, HMAC (e2e)',
		type: 'finpassWebhookApi',
		data: {
			verification: 'hmacSha256',
			secret: 'e2e-hmac-key-Mg4Rt9Xb2Lc7Qv5Np8Ws',
			signatureHeader: 'x-finpass-signature',
			signatureEncoding: 'base64',
			timestampHeader: 'x-finpass-timestamp',
			timestampToleranceSeconds: 300,
		},
	},
	weak: {
		id: 'fp-webhook-weak-e2e',
		name: 'Finpass webhook, placeholder secret (e2e)',
		type: 'finpassWebhookApi',
		data: { verification: 'queryToken', secret: 'REPLACE_WITH_A_LONG_RANDOM_SECRET', queryParameterName: 'token' },
	},
	query: {
		id: 'fp-webhook-query-e2e',
		name: 'Finpass webhook, query token (e2e)',
		type: 'finpassWebhookApi',
		data: { verification: 'queryToken', secret: 'e2e-query-token-Vq7Lm2Xc9Rb4Tz8Kw1', queryParameterName: 'token' },
	},
	finpro: {
		id: 'finpro-webhook-e2e',
		name: 'FinPro webhook (e2e)',
		type: 'finProWebhookApi',
		data: { secret: 'e2e-finpro-portal-Kx6Bn3Dv8Gs1Tq4Zr7', signatureHeader: 'x-finpro-signature', signatureEncoding: 'hex', timestampHeader: '' },
	},
};

/** Every webhook credential as n8n's import:credentials wants them. */
function webhookCredentials() {
	return Object.values(WEBHOOK_CREDENTIALS).map((c) => ({ ...c, data: { ...c.data } }));
}

/** Every secret the e2e runs use: none may appear in an exported workflow. */
const WEBHOOK_SECRETS = Object.values(WEBHOOK_CREDENTIALS).map((c) => c.data.secret);

module.exports = { WEBHOOK_CREDENTIALS, WEBHOOK_SECRETS, webhookCredentials };
