// An Express handler whose dependency fails with a message that holds a secret.
const express = require('express');

const app = express();

async function loadInvoice() {
  throw new Error('upstream https://api.example.com/invoices?api_key=FAKE-sk-9f8e7d6c5b4a returned 500');
}

app.get('/invoices/:id', async (req, res) => {
  try {
    res.json(await loadInvoice(req.params.id));
  } catch (err) {
    res.status(500).json({ error: err.message, requestId: 'req-1' });
  }
});

module.exports = app;
