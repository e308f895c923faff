// shipguard-test: no-findings
// the origin is echoed but no cookies are accepted with it
const cors = require('cors');

module.exports = cors({ origin: true, methods: ['GET'] });
