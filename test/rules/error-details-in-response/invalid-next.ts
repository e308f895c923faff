import { NextResponse } from "next/server";
import { createCheckout, listPlans } from "@/lib/billing";

export async function POST(request: Request) {
  try {
    const body = await request.json();
    return NextResponse.json(await createCheckout(body));
  } catch (error: any) {
    return NextResponse.json({ error: error.message }, { status: 500 }); // expect: error-details-in-response
  }
}

export async function GET() {
  try {
    return Response.json(await listPlans());
  } catch (err) {
    return Response.json({ error: String(err), stack: err.stack }, { status: 500 }); // expect: error-details-in-response
  }
}
