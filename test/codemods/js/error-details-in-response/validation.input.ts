import { Router } from "express";
import { ZodError } from "zod";
const router = Router();
router.post("/x", async (req, res) => {
  try {
    res.json(schema.parse(req.body));
  } catch (err) {
    if (err instanceof ZodError) return res.status(400).json({ issues: err.issues });
    res.status(500).json({ error: "Internal server error" });
  }
});
