// docs/architecture.md's rules as code (.dependency-cruiser.cjs, `npm run depcheck`): each rule is
// broken on purpose in a copy of nodes/ and credentials/, and the check run exactly as
// `npm run depcheck` runs it must fail naming that rule for that import, while the imports the
// rules allow stay unflagged. The real tree is checked by `npm test` (scripts/test-all.sh).
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const config = require(path.join(root, '.dependency-cruiser.cjs'));
const depcheckScript = require(path.join(root, 'package.json')).scripts.depcheck;

// file (in the copy) -> its content; `rule` is what the check must name for an import of that file
const broken = [
	{
		rule: 'no-import-cycles',
		file: 'nodes/shared/fixtureCycleA.ts',
		text: "import { b } from './fixtureCycleB';\nexport const a = () => b;\n",
	},
	{
		rule: 'node-folder-imports-no-other-node-folder',
		file: 'nodes/FinpassEpfo/fixtureOtherNode.ts',
		text: "export { operations } from '../FinpassCorporate/actions';\n",
	},
	{
		rule: 'shared-imports-no-node-folder',
		file: 'nodes/shared/framework/fixtureNode.ts',
		text: "export { operations } from '../../FinpassEpfo/actions';\n",
	},
	{
		rule: 'transport-imports-no-framework-node-trigger-or-webhook',
		file: 'nodes/shared/transport/fixtureFramework.ts',
		text: "export { runOperation } from '../framework/router';\n",
	},
	{
		rule: 'transport-imports-no-framework-node-trigger-or-webhook',
		file: 'nodes/shared/transport/fixtureTrigger.ts',
		text: "export * from '../triggers';\n",
	},
	{
		rule: 'wait-imports-no-framework',
		// a type-only import is a dependency too
		file: 'nodes/shared/wait/fixtureFramework.ts',
		text: "import type { RunContext } from '../framework/operation';\nexport type Ctx = RunContext;\n",
	},
	{
		rule: 'computation-makes-no-requests',
		file: 'nodes/shared/finance/fixtureRequest.ts',
		text: "import { request } from 'https';\nexport const get = request;\n",
	},
	{
		rule: 'computation-makes-no-requests',
		file: 'nodes/shared/validation/fixtureTransport.ts',
		text: "export * from '../transport';\n",
	},
	{
		rule: 'computation-makes-no-requests',
		file: 'nodes/FinpassInsights/insights/fixtureRequest.ts',
		text: "import { request } from 'node:http';\nexport const get = request;\n",
	},
	{
		rule: 'triggers-import-no-action-node',
		file: 'nodes/FinpassTrigger/fixtureAction.ts',
		text: "export { operations } from '../FinpassAccountAggregator/actions';\n",
	},
	{
		rule: 'triggers-import-no-action-node',
		file: 'nodes/shared/triggers/fixtureAction.ts',
		text: "export { operations } from '../../FinpassEpfo/actions';\n",
	},
	{
		rule: 'webhooks-import-no-trigger-code',
		file: 'nodes/shared/webhooks/fixtureTrigger.ts',
		text: "export * from '../triggers';\n",
	},
	{
		rule: 'imports-resolve',
		file: 'nodes/shared/fixtureMissing.ts',
		text: "export * from './noSuchModule';\n",
	},
];

// the other half of the cycle (a cycle is reported once, from its first module)
const cycleB = {
	file: 'nodes/shared/fixtureCycleB.ts',
	text: "import type { a } from './fixtureCycleA';\nexport const b = 1;\nexport type A = typeof a;\n",
};

// imports the rules allow: none of these files may appear in a violation
const allowed = [
	{
		file: 'nodes/FinpassEpfo/fixtureAllowed.ts',
		text: "export { operations } from './actions';\nexport { isObject } from '../shared/json';\nexport * from '../shared/transport';\n",
	},
	{
		file: 'nodes/FinpassTrigger/fixtureAllowed.ts',
		text: "export * from '../shared/triggers';\nexport * from './finpassEvent';\n",
	},
	{
		file: 'nodes/shared/wait/fixtureAllowed.ts',
		text: "export * from '../transport';\nexport * from '../json';\n",
	},
	{
		file: 'nodes/FinpassInsights/insights/fixtureAllowed.ts',
		text: "export * from '../../shared/finance';\nexport { createHash } from 'crypto';\n",
	},
];

let copy;
let run;

/** `error <rule>: <from> → <to>` lines of the err-long report: [{ rule, from }] */
const violations = (stdout) =>
	[...stdout.matchAll(/^\s*error (\S+): (\S+) →/gm)].map(([, rule, from]) => ({ rule, from }));

beforeAll(() => {
	copy = fs.mkdtempSync(path.join(os.tmpdir(), 'finpass-architecture-'));
	for (const dir of ['nodes', 'credentials']) {
		fs.cpSync(path.join(root, dir), path.join(copy, dir), { recursive: true });
	}
	for (const file of ['tsconfig.json', '.dependency-cruiser.cjs', 'package.json']) {
		fs.copyFileSync(path.join(root, file), path.join(copy, file));
	}
	fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
	for (const { file, text } of [...broken, cycleB, ...allowed]) {
		fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
		fs.writeFileSync(path.join(copy, file), text);
	}
	// the leaf module made to import something of ours
	const json = path.join(copy, 'nodes/shared/json.ts');
	fs.writeFileSync(json, `export * from './validation/validators';\n${fs.readFileSync(json, 'utf8')}`);

	// exactly `npm run depcheck`, from the copy
	const [command, ...args] = depcheckScript.split(' ');
	expect(command).toBe('depcruise');
	const bin = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');
	run = spawnSync(process.execPath, [bin, ...args], { cwd: copy, encoding: 'utf8' });
});

afterAll(() => {
	if (copy) fs.rmSync(copy, { recursive: true, force: true });
});

test('the check reads the TypeScript sources through tsconfig, not dist/', () => {
	expect(depcheckScript).toMatch(/ nodes credentials$/);
	expect(config.options.tsConfig.fileName).toBe('tsconfig.json');
	expect(config.options.tsPreCompilationDeps).toBe(true);
	expect(run.stdout).not.toMatch(/dist\//);
});

test('a broken import fails the check (non-zero exit)', () => {
	expect(run.error).toBeUndefined();
	expect(run.status).toBeGreaterThan(0);
});

test.each(broken.map(({ rule, file }) => [rule, file]))('%s names the broken import in %s', (rule, file) => {
	expect(violations(run.stdout)).toContainEqual({ rule, from: file });
});

test('json-helpers-are-a-leaf names nodes/shared/json.ts importing something of ours', () => {
	expect(violations(run.stdout)).toContainEqual({
		rule: 'json-helpers-are-a-leaf',
		from: 'nodes/shared/json.ts',
	});
});

test('imports the rules allow are not flagged', () => {
	const flagged = violations(run.stdout).map((v) => v.from);
	for (const { file } of allowed) expect(flagged).not.toContain(file);
});

test('every rule in the config is broken on purpose above', () => {
	const exercised = new Set([...broken.map((b) => b.rule), 'json-helpers-are-a-leaf']);
	expect(config.forbidden.map((r) => r.name).filter((name) => !exercised.has(name))).toEqual([]);
	for (const rule of config.forbidden) expect(rule.severity).toBe('error');
});
