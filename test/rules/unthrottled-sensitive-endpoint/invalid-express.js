const express = require('express');
const { login, register, resetPassword } = require('./controllers/auth');

const app = express();
app.use(express.json());

app.post('/login', login); // expect: unthrottled-sensitive-endpoint
app.post('/api/register', validateBody, register); // expect: unthrottled-sensitive-endpoint
app.put('/account/password', csrfProtection, resetPassword); // expect: unthrottled-sensitive-endpoint
app.post('/checkout', async (req, res) => { // expect: unthrottled-sensitive-endpoint
  res.json(await charge(req.body));
});
app.route('/otp').post(sendOtp); // expect: unthrottled-sensitive-endpoint
app.get('/reports/export', exportCsv); // expect: unthrottled-sensitive-endpoint

app.listen(3000);
