import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { asObject, defineOperation, jsonItems, type Operation } from '../../shared/router';
import type { IdKind } from '../../shared/validators';
import { requireId } from '../../shared/validators';

export interface RegistryLookup {
	/** The operation's value in the node's list. */
	operation: string;
	kind: Extract<IdKind, 'cin' | 'llpin' | 'pan'>;
	/** The field's parameter name, its label, and the body field the API expects. */
	parameter: INodeProperties;
	bodyField: string;
	path: string;
	/** What the user should check when the registry has no such entity. */
	notFoundHint: string;
}

/**
 * CIN, LLPIN and PAN lookup share one shape: one identifier in, validated (trimmed, upper-cased)
 * before any request, the registry record out as one item that always carries the identifier.
 * A 404 keeps the vendor's message and adds a hint on what to check.
 */
export function registryLookup(spec: RegistryLookup): Operation<unknown> {
	const field = spec.parameter.displayName;
	return defineOperation<string>({
		description: [
			...updateDisplayOptions({ show: { operation: [spec.operation] } }, [spec.parameter]),
			advancedProperty(spec.operation, spec.path),
		],
		prepare: (fn, i) => requireId(fn.getNode(), spec.kind, fn.getNodeParameter(spec.parameter.name, i), i, field),
		async run(ctx, i, id) {
			const result = await ctx.call(
				{ method: 'POST', path: spec.path, body: { [spec.bodyField]: id }, idempotent: true, expectStatuses: [404] },
				i,
			);
			if (result.statusCode === 404) throw ctx.transport.fail(result, i, spec.notFoundHint.replace('{id}', id));
			return jsonItems({ [spec.bodyField]: id, ...asObject(result.data) });
		},
	});
}
