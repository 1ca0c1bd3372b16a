// n8n finds the nodes and credentials through the "n8n" block of package.json; this entry point
// only exists so that `require('n8n-nodes-finpass')` resolves.
module.exports = {};
