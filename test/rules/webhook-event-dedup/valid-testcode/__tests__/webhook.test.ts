// shipguard-test: no-findings
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { credit } from "../ledger";

const stripe = new Stripe("sk_test_123");

describe("webhook", () => {
  it("credits", async () => {
    const payload = JSON.stringify({ type: "invoice.paid", data: { object: { customer: "cus_1" } } });
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_x" });
    const event = stripe.webhooks.constructEvent(payload, header, "whsec_x");
    await credit(event.data.object);
    expect(event.type).toBe("invoice.paid");
  });
});
