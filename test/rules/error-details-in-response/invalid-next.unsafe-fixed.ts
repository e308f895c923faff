import { NextResponse } from "next/server";
import { createCheckout, listPlans } from "@/lib/billing";

export async function POST(request: Request) {
  try {
    const body = await request.json();
    return NextResponse.json(await createCheckout(body));
  } catch (error: any) {
    console.error(error);
    return NextResponse.json({ error: "Internal server error" }, { status: 500 }); // expect: error-details-in-response
  }
}

export async function GET() {
  try {
    return Response.json(await listPlans());
  } catch (err) {
    console.error(err);
    return Response.json({ error: "Internal server error" }, { status: 500 }); // expect: error-details-in-response
  }
}
