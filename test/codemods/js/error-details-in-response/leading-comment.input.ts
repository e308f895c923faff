import express from "express";

const app = express();

app.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {
  // @ts-ignore
  if (err && err.name === "UnauthorizedError") {
    return res.status(401).json({ message: "missing authorization credentials" });
  }
  res.status(500).json({ message: err.message });
});
