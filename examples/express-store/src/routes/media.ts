import { exec, execFile } from "child_process";
import fs from "fs";
import multer from "multer";
import os from "os";
import path from "path";
import { Router } from "express";
import { logger } from "../lib/logger";
import { uploadLimiter } from "../lib/rateLimit";
import { requireAdmin } from "../middleware/auth";

export const mediaRouter = Router();

const POSTER_DIR = process.env.POSTER_DIR ?? "/var/lib/store/posters";
const upload = multer({ dest: os.tmpdir(), limits: { fileSize: 8 * 1024 * 1024 } });

mediaRouter.post("/events/:id/poster/upload", uploadLimiter, requireAdmin, upload.single("poster"), (req, res) => {
  if (!req.file) {
    return res.status(400).json({ error: "No file" });
  }
  const name = req.file.originalname;
  const target = path.join(POSTER_DIR, name);
  fs.renameSync(req.file.path, target);

  exec(`convert ${target} -resize 1600x1600 -strip ${target}`, (err) => {
    if (err) {
      logger.error({ err }, "poster resize failed");
      return res.status(500).json({ error: "Could not process the image" });
    }
    res.status(201).json({ poster: name });
  });
});

mediaRouter.post("/events/:id/thumbnail", requireAdmin, (req, res) => {
  const poster = path.basename(String(req.body.poster ?? ""));
  const source = path.resolve(POSTER_DIR, poster);
  if (!poster || !source.startsWith(path.resolve(POSTER_DIR) + path.sep)) {
    return res.status(400).json({ error: "Invalid poster name" });
  }
  const thumb = source.replace(/(\.\w+)?$/, "-thumb.jpg");
  execFile("convert", [source, "-thumbnail", "400x400", "-strip", thumb], (err) => {
    if (err) {
      logger.error({ err }, "thumbnail failed");
      return res.status(500).json({ error: "Could not create the thumbnail" });
    }
    res.status(201).json({ thumbnail: path.basename(thumb) });
  });
});
