import type { INodeProperties } from 'n8n-workflow';

import { jsonItems } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { defineOperation, type Operation } from '../../shared/framework/operation';
import type { Endpoint } from '../../shared/transport';
import type { IdKind } from '../../shared/validation/validators';
import { requireId } from '../../shared/validation/validators';

export interface RegistryLookup<V extends string> {
	value: V;
	name: string;
	action: string;
	description: string;
	endpoint: Endpoint;
	kind: Extract<IdKind, 'cin' | 'llpin' | 'pan'>;
	/** The identifier's parameter; its name is also the body field the API expects. */
	parameter: INodeProperties;
	/** What the user should check when the registry has no such entity. */
	notFoundHint: string;
}

/**
 * CIN, LLPIN and PAN lookup share one shape: one identifier in, validated (trimmed, upper-cased)
 * before any request, the registry record out as one item that always carries the identifier.
 * A 404 keeps the vendor's message and adds a hint on what to check.
 */
export function registryLookup<V extends string>(spec: RegistryLookup<V>): Operation<V> {
	const { parameter, kind, endpoint, notFoundHint, ...option } = spec;
	const field = parameter.name;
	return defineOperation<string, V>({
		...option,
		endpoint,
		properties: [parameter],
		prepare: (fn, i) => requireId(fn.getNode(), kind, fn.getNodeParameter(field, i), i, parameter.displayName),
		async run(ctx, i, id) {
			const result = await ctx.call(endpoint, { body: { [field]: id }, expectStatuses: [404] }, i);
			if (result.statusCode === 404) throw ctx.transport.apiError(result, i, notFoundHint.replace('{id}', id));
			return jsonItems({ [field]: id, ...asObject(result.data) });
		},
	});
}
