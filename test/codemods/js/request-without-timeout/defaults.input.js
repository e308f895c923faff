const axios = require('axios');

axios.defaults.timeout = 10000;

module.exports = (url) => axios.get(url);
