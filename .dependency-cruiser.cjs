// The rules of docs/architecture.md as a dependency check (`npm run depcheck`, a phase of
// `npm test`). It reads the TypeScript sources through tsconfig.json, type-only imports included
// (a type import is still a dependency between folders). A broken rule fails with its name.
// test/unit/architecture.test.js breaks each rule on purpose in a copy of the tree.

/** Folders of one node (nodes/<Node>/), as opposed to nodes/shared/. */
const NODE_FOLDER = '^nodes/(?!shared/)[^/]+/';
/** Node folders of action nodes: every node folder except the triggers'. */
const ACTION_NODE_FOLDER = '^nodes/(?!shared/)(?![^/]+Trigger/)[^/]+/';
/** Node's own modules that open connections. */
const NETWORK_MODULES = '^(node:)?(http|https|http2|net|tls|dgram|dns)$';

module.exports = {
	forbidden: [
		{
			name: 'no-import-cycles',
			comment: 'Imports go one way: a cycle means two modules cannot be read (or changed) apart.',
			severity: 'error',
			from: { path: '^(nodes|credentials)/' },
			to: { circular: true },
		},
		{
			name: 'node-folder-imports-no-other-node-folder',
			comment:
				'No node folder imports another node folder: what two nodes share lives in nodes/shared/.',
			severity: 'error',
			from: { path: '^nodes/((?!shared/)[^/]+)/' },
			to: { path: NODE_FOLDER, pathNot: '^nodes/$1/' },
		},
		{
			name: 'shared-imports-no-node-folder',
			comment: 'nodes/shared/ is below every node: it never reaches up into a node folder.',
			severity: 'error',
			from: { path: '^nodes/shared/' },
			to: { path: NODE_FOLDER },
		},
		{
			name: 'transport-imports-no-framework-node-trigger-or-webhook',
			comment:
				'The transport (nodes/shared/transport) is the lowest layer that talks HTTP: it imports nothing of the operation framework, node folders, triggers or webhooks.',
			severity: 'error',
			from: { path: '^nodes/shared/transport/' },
			to: { path: ['^nodes/shared/(framework|triggers|webhooks)/', NODE_FOLDER] },
		},
		{
			name: 'wait-imports-no-framework',
			comment:
				'A wait (nodes/shared/wait) needs a status check and a clock, not the operation framework.',
			severity: 'error',
			from: { path: '^nodes/shared/wait/' },
			to: { path: '^nodes/shared/framework/' },
		},
		{
			name: 'computation-makes-no-requests',
			comment:
				'Money, validation and insights computation are pure: no transport, no network modules.',
			severity: 'error',
			from: {
				path: ['^nodes/shared/finance/', '^nodes/shared/validation/', '^nodes/FinpassInsights/insights/'],
			},
			to: { path: ['^nodes/shared/transport/', NETWORK_MODULES] },
		},
		{
			name: 'triggers-import-no-action-node',
			comment: 'Triggers (nodes/shared/triggers, nodes/*Trigger) import no action node.',
			severity: 'error',
			from: { path: ['^nodes/shared/triggers/', '^nodes/[^/]+Trigger/'] },
			to: { path: ACTION_NODE_FOLDER },
		},
		{
			name: 'webhooks-import-no-trigger-code',
			comment:
				'nodes/shared/webhooks holds what every inbound request needs (an action node uses it too): it builds on nothing trigger-only (nodes/shared/triggers, nodes/*Trigger).',
			severity: 'error',
			from: { path: '^nodes/shared/webhooks/' },
			to: { path: ['^nodes/shared/triggers/', '^nodes/[^/]+Trigger/'] },
		},
		{
			name: 'json-helpers-are-a-leaf',
			comment:
				'nodes/shared/json.ts (isObject, asObject, nonEmptyString) is read by every layer, so it imports nothing of ours.',
			severity: 'error',
			from: { path: '^nodes/shared/json\\.ts$' },
			to: { pathNot: 'node_modules/', dependencyTypesNot: ['core'] },
		},
		{
			name: 'imports-resolve',
			comment:
				'Every import resolves; otherwise the rules above would silently see fewer dependencies than there are.',
			severity: 'error',
			from: {},
			to: { couldNotResolve: true },
		},
	],
	options: {
		// TypeScript sources, resolved the way tsc resolves them; never dist/
		tsConfig: { fileName: 'tsconfig.json' },
		tsPreCompilationDeps: true,
		doNotFollow: { path: 'node_modules' },
		exclude: { path: '^(dist|node_modules)/' },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
		},
	},
};
