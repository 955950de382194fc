// Jest globalSetup of the e2e project: the process-level specs start `node dist/main.js`, as
// `npm start` does, so the build must be current.
const { execFileSync } = require('node:child_process');

module.exports = () => {
  execFileSync(process.execPath, ['scripts/ensure-build.mjs'], { stdio: 'inherit' });
};
