// n8n finds this package's nodes and credentials through the "n8n" block of package.json
// (dist/nodes/..., dist/credentials/...); nothing loads this file, and it is not published
// (package.json "files" holds dist/ only). It lists the built entry points for a reader.
const { n8n } = require('./package.json');

module.exports = { nodes: n8n.nodes, credentials: n8n.credentials };
