const express = require("express");
const router = express.Router();

router.post("/stripe", (req, res) => {
  const { type, data } = JSON.parse(req.body.toString());
  if (type === "customer.subscription.updated") {
    console.log(data.object.status);
  }
  res.end();
});

module.exports = router;
