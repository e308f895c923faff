import express from "express";

export const app = express();

app.post("/github", express.json(), (req, res) => {
  const event = req.body;
  if (event.type === "push") res.sendStatus(204);
});
