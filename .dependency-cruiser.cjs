// The layering of DEVELOPERS.md as rules: dependencies point inward, no cycles.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports nothing of ours outside itself and no I/O module',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: ['^src/domain/', '^node_modules/zod/'],
      },
    },
    {
      name: 'queries-over-domain-only',
      comment: 'queries are pure over domain (and the data types it defines)',
      severity: 'error',
      from: { path: '^src/queries/' },
      to: { path: '^src/(data|bot|server|cli|storage|cards|nlu|approvals|reminders)/' },
    },
    {
      name: 'bot-never-imports-data-sources',
      severity: 'error',
      from: { path: '^src/bot/' },
      to: { path: ['^src/data/', '^src/server/', '^src/cli/'] },
    },
    {
      name: 'inner-layers-know-no-hosting',
      comment: 'only server/ and cli/ compose the app; nothing imports them',
      severity: 'error',
      from: { pathNot: ['^src/server/', '^src/cli/'] },
      to: { path: ['^src/server/', '^src/cli/'] },
    },
    {
      name: 'sdk-free-core',
      comment: 'the Bot Framework SDK stays in bot/ and server/ so a later move touches few folders',
      severity: 'error',
      from: { path: '^src/(domain|data|queries|nlu|cards|storage|i18n|approvals|audit|reminders)/' },
      to: { path: '^node_modules/(botbuilder|botbuilder-core|botbuilder-dialogs|botframework-[a-z-]+|restify)/' },
    },
    {
      name: 'no-node-io-in-pure-layers',
      severity: 'error',
      from: { path: '^src/(domain|queries)/' },
      to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|dgram|dns|tls)$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|dist)' },
  },
};
