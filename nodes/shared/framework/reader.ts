import type { IDataObject, IExecuteFunctions, IGetNodeParameterOptions, INode } from 'n8n-workflow';

/**
 * What `prepare` reads items through: n8n's own IExecuteFunctions, with two per-item costs of
 * n8n's taken out where the answer is known to be the same (measured in docs/performance.md):
 *
 * - `getNode()` is read once per run: n8n deep-copies the node on every call, and the validators
 *   ask for it per item to attach it to their errors. Nothing writes to it.
 * - A parameter whose whole value is `={{ $json.<field> }}` (or `={{ $json["<field>"] }}`), which
 *   is what the editor writes when an input field is dragged onto the parameter, is read from
 *   the item itself when the item has that field as its own property holding a string, number,
 *   boolean or null: what n8n's expression engine returns for it, without a sandboxed evaluation
 *   per item (about 0.6 ms each on n8n 2.x, most of the time before the first request of a large
 *   run). n8n still answers the first such read of each parameter, and the shortcut is used only
 *   if it gave the same value (n8n refuses some field names, e.g. `constructor`, whatever the
 *   item holds). Anything else (another expression, a missing field, an object, options such as
 *   extractValue, a nested parameter name) is asked of n8n as usual.
 *   test/e2e/lookups.e2e.test.js runs both paths side by side on the same items in a real n8n.
 */
export function prepareReader(fn: IExecuteFunctions): IExecuteFunctions {
	const items = fn.getInputData();
	const node: INode = fn.getNode();
	const fields = new Map<string, string | null>();
	const fieldOf = (name: string): string | null => {
		let field = fields.get(name);
		if (field === undefined) {
			const raw: unknown = Object.prototype.hasOwnProperty.call(node.parameters, name) ? node.parameters[name] : undefined;
			field = typeof raw === 'string' ? jsonFieldOf(raw) : null;
			fields.set(name, field);
		}
		return field;
	};
	// per parameter: true once n8n gave the same value as the item for the first item read this
	// way, false when it did not (or refused the expression): then n8n answers every item
	const confirmed = new Map<string, boolean>();
	const getNodeParameter = (
		name: string,
		itemIndex: number,
		fallbackValue?: unknown,
		options?: unknown,
	): unknown => {
		const fromN8n = () =>
			fn.getNodeParameter(name, itemIndex, fallbackValue, options as IGetNodeParameterOptions | undefined);
		const field = options === undefined ? fieldOf(name) : null;
		if (field === null || confirmed.get(name) === false) return fromN8n();
		const json: IDataObject | undefined = items[itemIndex]?.json;
		if (json === undefined || !Object.prototype.hasOwnProperty.call(json, field)) return fromN8n();
		const value = json[field];
		if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) return fromN8n();
		if (confirmed.get(name) === true) return value;
		// off until n8n has given the same: if n8n throws here, it stays off for the run
		confirmed.set(name, false);
		const answer = fromN8n();
		confirmed.set(name, answer === value);
		return answer;
	};
	return new Proxy(fn, {
		get(target, property) {
			if (property === 'getNodeParameter') return getNodeParameter;
			if (property === 'getNode') return () => node;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}

/** `={{ $json.pan }}` and `={{ $json["pan"] }}` (spaces as the editor writes them or none) → `pan`. */
const JSON_FIELD = /^=\{\{\s*\$json(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\])\s*\}\}$/;

export function jsonFieldOf(raw: string): string | null {
	const match = JSON_FIELD.exec(raw);
	if (!match) return null;
	const field = match[1] ?? match[2] ?? match[3];
	return field === undefined || field === '' ? null : field;
}
