'use strict';
// Reading results (from `executeWorkflow` or from an execution read back over the public API).
const fs = require('fs');
const path = require('path');
const { tail } = require('./process');
const { info } = require('./info');

function unwrapResult(result) {
	// accept the whole executeWorkflow() answer as well as its .result
	if (result && 'stdout' in result && 'result' in result) {
		if (!result.result) throw new Error(`the execution printed no result JSON (exit ${result.code})\n${tail(result)}`);
		return result.result;
	}
	if (!result) throw new Error('no execution result');
	return result;
}

function lastRun(result, nodeName) {
	const runData = unwrapResult(result).data?.resultData?.runData ?? {};
	const runs = runData[nodeName];
	if (!runs || !runs.length) {
		throw new Error(`node "${nodeName}" did not run; nodes that ran: ${Object.keys(runData).join(', ') || 'none'}`);
	}
	return runs[runs.length - 1];
}

/** Items ({json, binary, pairedItem}) of a node's last run on one output (default the first). */
function nodeOutput(result, nodeName, outputIndex = 0) {
	const items = lastRun(result, nodeName).data?.main?.[outputIndex] ?? [];
	return items.map(({ json, binary, pairedItem }) => ({ json, binary, pairedItem }));
}

/** Just the JSON of a node's output items. */
function nodeJson(result, nodeName, outputIndex = 0) {
	return nodeOutput(result, nodeName, outputIndex).map((item) => item.json);
}

/** The error of a node's last run (message, description, httpCode, ...), or null. */
function nodeError(result, nodeName) {
	return lastRun(result, nodeName).error ?? null;
}

/** The workflow-level error of an execution, or null. */
function executionError(result) {
	return unwrapResult(result).data?.resultData?.error ?? null;
}

/**
 * The bytes of a binary property of an output item. n8n 2.x keeps binary data on disk by default
 * (mode "filesystem"): the item only holds an id "filesystem-v2:<path under storage>".
 */
function binaryBuffer(item, key = 'data') {
	const bin = item.binary?.[key];
	if (!bin) throw new Error(`item has no binary property "${key}"`);
	if (!bin.id) return Buffer.from(bin.data, 'base64');
	const [mode, rel] = bin.id.split(/:(.*)/s);
	const n8nDir = path.join(info().userFolder, '.n8n');
	const candidates =
		mode === 'filesystem-v2'
			? [path.join(n8nDir, 'storage', rel), path.join(n8nDir, 'binaryData', rel)]
			: [path.join(n8nDir, 'binaryData', rel), path.join(n8nDir, 'storage', rel)];
	const file = candidates.find((f) => fs.existsSync(f));
	if (!file) throw new Error(`binary data ${bin.id} not found under ${n8nDir}`);
	return fs.readFileSync(file);
}

module.exports = { nodeOutput, nodeJson, nodeError, executionError, binaryBuffer };
