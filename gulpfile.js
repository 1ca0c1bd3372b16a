// Copies the node and credential icons next to the compiled files in dist/ (tsc copies only .ts output).
const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest(path.resolve('dist')),
	);
});
