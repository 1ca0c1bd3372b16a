// scripts/check-comments.js (a phase of `npm test`): comments and docs point only inside the
// repository. Each rule is shown failing on a planted line and staying quiet on what is allowed;
// the repository itself is checked by the phase.
const { scanText, commentsOf } = require('../../scripts/check-comments');

const rules = (file, text) => scanText(file, text).map((h) => `${h.line} ${h.rule} ${h.text}`);
// a workspace path, built so that this file itself names none
const WORK = `/${'work'}/`;

describe('what a comment may not name', () => {
	test.each([
		['nodes/shared/x.ts', `// see ${WORK}shared/notes/real-n8n.md`, [`1 machine-path ${WORK}`, '1 outside-folder shared/notes']],
		['test/e2e/x.js', "const home = '/home/alice/.n8n';", ['1 machine-path /home/alice/']],
		['scripts/x.sh', 'cd "$root" # built in /root/cache', ['1 machine-path /root/']],
		['docs/x.md', 'Run it from /Users/bob/repo.', ['1 machine-path /Users/']],
		['nodes/shared/x.ts', '/**\n * Fixed in issue 15.\n */', ['2 issue-number issue 15']],
		['test/x.js', '// Issue #12: billed calls', ['1 issue-number Issue #12']],
		['README.md', 'As issue 7 asked.', ['1 issue-number issue 7']],
		['nodes/shared/x.ts', '// the path is unsure (API README)', ['1 api-readme API README']],
		['packages/simulator/lib/x.js', '// POST per finpass-aa-init.txt:28-29', ['1 vendor-document finpass-aa-init.txt']],
		['nodes/x.ts', '/* README.md:68-69 */', ['1 vendor-document README.md:6']],
		['docs/x.md', 'as on line 12 of the page', ['1 vendor-document line 12 of']],
		['nodes/x.ts', '// see docs/api-contract.md#no-such-section', ['1 doc-anchor docs/api-contract.md#no-such-section']],
		['nodes/x.ts', '// see docs/no-such-file.md#sources', ['1 doc-anchor docs/no-such-file.md#sources']],
	])('%s: %j', (file, text, expected) => {
		expect(rules(file, text)).toEqual(expected);
	});
});

describe('what stays allowed', () => {
	test.each([
		['n8n paths and routes', 'README.md', 'n8n keeps its data in `/home/node/.n8n`; the editor opens /home/credentials/<id>.'],
		['a temporary folder', 'test/x.js', "// writes into /tmp/finpass-run-XXXX\nconst dir = fs.mkdtempSync('/tmp/x');"],
		['an upstream issue link', 'scripts/x.sh', '# npm ci refuses the lock (npm/cli#9846)'],
		['a URL in code', 'nodes/x.ts', `const url = 'http://127.0.0.1${WORK}'; // the simulator`],
		['issue numbers in the changelog', 'CHANGELOG.md', '- Fixed (issue 15): rounding'],
		['the contract page citing its documents', 'docs/api-contract.md', '| x | finpass-aa-init.txt:95-99 |'],
		['the fixture extractor reading the documents', 'test/contract/x.js', "// finpass-aa-init.txt\nconst dir = 'shared/api-docs';"],
		['a vendor file name in code, not in a comment', 'packages/simulator/lib/x.js', "const source = 'finpass-aa-init.txt:95-100';"],
		['a section that exists', 'nodes/x.ts', '// docs/api-contract.md#sources and docs/api-contract.md#assumptions'],
	])('%s', (_, file, text) => {
		expect(rules(file, text)).toEqual([]);
	});
});

test('comments are told from code: line, block, trailing, shell', () => {
	expect(commentsOf("a(); // one\n/* two\n three */ b('//not');\nc('x'); /* four */", 'x.js')).toEqual([
		' one',
		' two',
		' three ',
		' four ',
	]);
	expect(commentsOf('echo "$#" # five\n#!/bin/sh', 'x.sh')).toEqual([' five', '']);
});
