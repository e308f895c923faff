const express = require('express');
const db = require('./db');

const app = express();

app.get('/users/:id', async (req, res) => {
  try {
    const user = await db.users.find(req.params.id);
    res.json(user);
  } catch (err) {
    res.status(500).json({ success: false, error: err.toString() }); // expect: error-details-in-response
  }
});

app.post('/reports', function (req, res) {
  generateReport(req.body, function (report) {
    res.json(report);
  }).catch(function (error) {
    const body = { error: 'report_failed' };
    body.detail = error.message;
    res.status(500).send(body); // expect: error-details-in-response
  });
});

app.put('/settings', async (req, res) => {
  try {
    await saveSettings(req.user, req.body);
    res.sendStatus(204);
  } catch (e) {
    res.status(500).send({ message: 'Could not save settings', error: e }); // expect: error-details-in-response
  }
});

app.use(function (err, req, res, next) {
  console.error(err.stack);
  res.status(err.status || 500).json({ error: err.message }); // expect: error-details-in-response
});

module.exports = app;
