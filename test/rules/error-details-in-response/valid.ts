// shipguard-test: no-findings
import express from "express";
import { ZodError } from "zod";
import { NextResponse } from "next/server";
import { AppError } from "./errors";

const app = express();

app.post("/signup", async (req, res) => {
  try {
    res.json(await signup(req.body));
  } catch (err) {
    console.error(err);
    res.status(500).json({ error: "Internal server error" });
  }
});

app.post("/validate", async (req, res) => {
  try {
    res.json(schema.parse(req.body));
  } catch (err) {
    if (err instanceof ZodError) return res.status(400).json({ errors: err.errors });
    res.status(500).json({ error: "Internal server error" });
  }
});

app.post("/transfer", async (req, res, next) => {
  try {
    res.json(await transfer(req.body));
  } catch (err) {
    if (err instanceof AppError) {
      return res.status(err.statusCode).json({ error: err.message });
    }
    next(err);
  }
});

app.get("/status", async (req, res) => {
  try {
    res.json(await status());
  } catch (err) {
    res.status(503).json({ error: "Unavailable", code: err.code });
  }
});

app.use((err, req, res, next) => {
  if (err.expose) return res.status(err.status).json({ error: err.message });
  res.status(500).json({ error: "Internal server error" });
});

export async function POST(request: Request) {
  try {
    return NextResponse.json(await create(await request.json()));
  } catch (error) {
    console.error(error);
    return NextResponse.json({ error: "Something went wrong" }, { status: 500 });
  }
}

async function fetchUpstream(url: string) {
  try {
    const response = await fetch(url);
    return response.json();
  } catch (err) {
    throw new Error(`upstream failed: ${err.message}`);
  }
}

app.get("/joi", (req, res) => {
  const { error } = schema.validate(req.query);
  if (error) return res.status(400).json({ error: error.details[0].message });
  res.json({ ok: true });
});

app.get("/name", async (req, res) => {
  try {
    res.json(await load());
  } catch (err) {
    res.status(500).json({ error: "Failed", type: err.name });
  }
});

export async function teams(req, res) {
  try {
    res.json(await listTeams(req));
  } catch (error: any) {
    console.error(error);
    const message = error.message || "Something went wrong";
    const status = error.status || 500;
    res.status(status).json({ error: { message: status < 500 ? message : "Internal server error" } });
  }
}
