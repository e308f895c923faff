// shipguard-test: no-findings
import { Router } from "express";
import { cache } from "../lib/cache";

export const prefsRouter = Router();

prefsRouter.post("/prefs", async (req, res) => {
  const settings = new Map<string, string>();
  settings.set("theme", req.body.theme);
  await cache.delete(`prefs:${req.user.id}`);
  await cache.update({ key: `prefs:${req.user.id}`, value: req.body });
  res.json(Object.fromEntries(settings));
});
