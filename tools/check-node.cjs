// `npm install` / `npm ci` (preinstall): one line when npm runs on a Node older than the tools
// need, instead of npm's engine warnings (hidden by .npmrc's loglevel=error). Plain CommonJS
// so that it runs on any Node. The npm scripts still work there: they use the Node 22 that the
// install fetches (the `node` dev dependency, first on the scripts' PATH).
'use strict';
const agent = /\bnode\/v(\d+)\.(\d+)\.(\d+)/.exec(process.env.npm_config_user_agent || '');
const version = agent ? `${agent[1]}.${agent[2]}.${agent[3]}` : process.versions.node;
const [major, minor] = version.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.warn(
    `Lanemap's tools need Node 22.18 or newer; npm runs on Node ${version}. The npm scripts (npm test, npm start, npm run web...) ` +
      "use the Node 22 this install fetches; for anything else run it through npx or update Node. (npm install --loglevel=warn shows npm's own warnings.)",
  );
}
