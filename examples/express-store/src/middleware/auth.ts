import type { NextFunction, Request, Response } from "express";
import jwt, { type JwtPayload } from "jsonwebtoken";
import { requireEnv } from "../lib/env";

export interface AuthedRequest extends Request {
  user?: { id: string; email: string; role: string };
}

function bearer(req: Request): string | null {
  const header = req.headers.authorization ?? "";
  return header.startsWith("Bearer ") ? header.slice(7) : null;
}

export function requireUser(req: AuthedRequest, res: Response, next: NextFunction) {
  const token = bearer(req);
  if (!token) {
    return res.status(401).json({ error: "Missing token" });
  }
  const claims = jwt.decode(token) as JwtPayload | null;
  if (!claims || typeof claims.sub !== "string") {
    return res.status(401).json({ error: "Invalid token" });
  }
  req.user = { id: claims.sub, email: claims.email, role: claims.role ?? "customer" };
  next();
}

const adminPublicKey = requireEnv("ADMIN_JWT_PUBLIC_KEY");

export function requireAdmin(req: AuthedRequest, res: Response, next: NextFunction) {
  const token = bearer(req);
  if (!token) {
    return res.status(401).json({ error: "Missing token" });
  }
  try {
    const claims = jwt.verify(token, adminPublicKey, { algorithms: ["RS256"] }) as JwtPayload;
    if (claims.role !== "admin") {
      return res.status(403).json({ error: "Forbidden" });
    }
    req.user = { id: String(claims.sub), email: claims.email, role: "admin" };
    next();
  } catch {
    return res.status(401).json({ error: "Invalid token" });
  }
}
