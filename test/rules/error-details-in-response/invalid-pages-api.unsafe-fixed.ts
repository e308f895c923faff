import type { NextApiRequest, NextApiResponse } from "next";
import { ApiError } from "@/lib/errors";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  try {
    switch (req.method) {
      case "POST":
        return res.status(201).json({ data: await createTeam(req) });
      default:
        throw new ApiError(405, `Method ${req.method} Not Allowed`);
    }
  } catch (error: any) {
    console.error(error);
    const message = error.message || "Something went wrong";
    const status = error.status || 500;

    res.status(status).json({ error: { message: status < 500 ? message : "Internal server error" } }); // expect: error-details-in-response
  }
}
