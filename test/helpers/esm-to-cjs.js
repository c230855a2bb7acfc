// A jest transform for the few ESM-only packages the app and its tests use (openid-client and
// oidc-provider with theirs): jest runs CommonJS, so their `import`/`export` are compiled to
// `require` with TypeScript's own transpiler. Production (tsx on Node 20.19+) loads them as ESM.
const crypto = require('node:crypto');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  allowJs: true,
  esModuleInterop: true,
  sourceMap: false,
};

module.exports = {
  process(source, fileName) {
    return { code: ts.transpileModule(source, { fileName, compilerOptions }).outputText };
  },
  getCacheKey(source, fileName) {
    return crypto.createHash('sha256').update(`${ts.version}\0${fileName}\0${source}`).digest('hex');
  },
};
