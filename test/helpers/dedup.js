// A stand-in for n8n's deduplication helpers (the processed_data table) for unit tests: the same
// 'entries' semantics (a value is new until recorded; removeProcessed forgets it; scope 'node' is
// the node's id, 'workflow' the whole workflow), kept in a Map the test owns so several runs share it.
function deduplicationStore() {
	return new Map();
}

function withDeduplication(ctx, store = deduplicationStore()) {
	const list = (scope) => {
		const key = scope === 'node' ? `n:${ctx.getNode().id}` : '';
		if (!store.has(key)) store.set(key, new Set());
		return store.get(key);
	};
	const entriesOnly = (options) => {
		if (!options || options.mode !== 'entries' || (options.maxEntries !== undefined && !(options.maxEntries > 0))) throw new Error(`test dedup: only mode 'entries' is faked (got ${options && options.mode})`);
	};
	Object.assign(ctx.helpers, {
		async checkProcessedAndRecord(items, scope, options) {
			entriesOnly(options);
			const seen = list(scope);
			const out = { new: [], processed: [] };
			for (const item of items) {
				const value = String(item);
				if (seen.has(value)) out.processed.push(item);
				else {
					out.new.push(item);
					seen.add(value);
				}
			}
			return out;
		},
		async removeProcessed(items, scope, options) {
			entriesOnly(options);
			const seen = list(scope);
			for (const item of items) seen.delete(String(item));
		},
		async getProcessedDataCount(scope, options) {
			entriesOnly(options);
			return list(scope).size;
		},
	});
	return ctx;
}

module.exports = { deduplicationStore, withDeduplication };
