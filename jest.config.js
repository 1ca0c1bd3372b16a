// Two projects: `unit` (fast, no n8n) and `e2e` (a real n8n driven through test/e2e/harness.js).
// Tests are plain CommonJS and require the compiled package from dist/ (run `npm run build`
// first; `npm test` does). Run one with `jest --selectProjects unit` or `--selectProjects e2e`.
module.exports = {
	projects: [
		{
			displayName: 'unit',
			rootDir: __dirname,
			testMatch: ['<rootDir>/test/unit/**/*.test.js', '<rootDir>/test/contract/**/*.test.js'],
			testEnvironment: 'node',
			transform: {},
		},
		{
			displayName: 'e2e',
			rootDir: __dirname,
			testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.js'],
			testEnvironment: 'node',
			transform: {},
			globalSetup: '<rootDir>/test/e2e/global-setup.js',
			globalTeardown: '<rootDir>/test/e2e/global-teardown.js',
			// kept for the record: jest 30 applies only a top-level testTimeout, so harness.js (loaded
			// below as a setup file) sets the same 300 s with jest.setTimeout
			testTimeout: 300000,
			setupFilesAfterEnv: ['<rootDir>/test/e2e/harness.js'],
		},
	],
};
