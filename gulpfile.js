// Copies what tsc does not emit next to the compiled files in dist/: the node and credential
// icons, and each node's codex file (nodes/<Node>/<Node>.node.json: categories, search aliases and
// documentation links), which n8n reads from beside <Node>.node.js when it loads the package.
const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', function copyStatic() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest(path.resolve('dist')),
	);
});
