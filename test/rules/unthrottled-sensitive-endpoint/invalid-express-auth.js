const express = require('express');
const { requireAuth } = require('./middleware/auth');
const { login, uploadFile, exportAll, resetPassword } = require('./controllers/account');

const app = express();
// a guard used after the route does not protect it
app.post('/password/reset', resetPassword); // expect: unthrottled-sensitive-endpoint
app.use(requireAuth);
// behind authentication, storage and heavy work still cost on every call
app.post('/files/upload', uploadFile); // expect: unthrottled-sensitive-endpoint
app.get('/reports/export', exportAll); // expect: unthrottled-sensitive-endpoint

const open = express.Router();
open.post('/login', login); // expect: unthrottled-sensitive-endpoint
