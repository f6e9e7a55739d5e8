/** @type {import('jest').Config} */
// npm run test:e2e: the browser journeys (test/e2e), one language after the other — each starts a
// bot, two Agents Playgrounds and Chromium, enough for a 2-core machine.
const unit = require('./jest.config.js');

module.exports = {
  ...unit,
  roots: ['<rootDir>/test/e2e'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
  testTimeout: 60000,
};
