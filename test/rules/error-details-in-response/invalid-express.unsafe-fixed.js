const express = require('express');
const db = require('./db');

const app = express();

app.get('/users/:id', async (req, res) => {
  try {
    const user = await db.users.find(req.params.id);
    res.json(user);
  } catch (err) {
    console.error(err);
    res.status(500).json({ success: false, error: 'Internal server error' }); // expect: error-details-in-response
  }
});

app.post('/reports', function (req, res) {
  generateReport(req.body, function (report) {
    res.json(report);
  }).catch(function (error) {
    console.error(error);
    const body = { error: 'report_failed' };
    body.detail = 'Internal server error';
    res.status(500).send(body); // expect: error-details-in-response
  });
});

app.put('/settings', async (req, res) => {
  try {
    await saveSettings(req.user, req.body);
    res.sendStatus(204);
  } catch (e) {
    console.error(e);
    res.status(500).send({ message: 'Could not save settings', error: 'Internal server error' }); // expect: error-details-in-response
  }
});

app.use(function (err, req, res, next) {
  console.error(err.stack);
  res.status(err.status || 500).json({ error: (err.status || 500) < 500 ? err.message : 'Internal server error' }); // expect: error-details-in-response
});

module.exports = app;
