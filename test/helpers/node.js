// Shared lines of the node test files: a run() per node class, the failure a node threw, the
// HTTP calls a run made, and the analyzers' Wait for Completion parameters.
const { runNode } = require('./context');

/**
 * run(parameters, options) for one node class: `parameters` over the defaults; `options` are
 * runNode's (items, continueOnFail, credentials, ...); credentials (an object or a function
 * returning one, read at each run) default to the given ones.
 */
function nodeRunner(NodeClass, { nodeType, parameters: defaults = {}, credentials } = {}) {
	return (parameters = {}, options = {}) =>
		runNode(NodeClass, {
			...(nodeType ? { nodeType } : {}),
			parameters: { ...defaults, ...parameters },
			credentials: typeof credentials === 'function' ? credentials() : credentials,
			...options,
		});
}

/** The error a promise rejects with; a resolved promise fails the test. */
const failure = (promise) => promise.then(() => { throw new Error('expected the node to fail'); }, (error) => error);

/** The HTTP calls a run made whose URL contains `part`. */
const calls = (ctx, part) => ctx.httpLog.filter((r) => r.url.includes(part));

/** Wait for Completion parameters, fast enough for tests. */
const wait = (extra = {}) => ({ waitForCompletion: true, maxWaitSeconds: 30, pollIntervalSeconds: 0.2, onTimeout: 'fail', ...extra });

module.exports = { nodeRunner, failure, calls, wait };
