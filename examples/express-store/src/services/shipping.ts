import type { Order } from "@prisma/client";
import { shippingApi } from "../lib/http";

const SHIPPING_API_URL = process.env.SHIPPING_API_URL ?? "https://api.shipping.example.com";

export async function createShipment(order: Order) {
  const response = await fetch(`${SHIPPING_API_URL}/shipments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ reference: `order-${order.id}`, items: order.quantity }),
  });
  if (!response.ok) {
    throw new Error(`shipping API answered ${response.status}`);
  }
  return response.json();
}

export async function trackingStatus(trackingId: string) {
  const response = await fetch(`${SHIPPING_API_URL}/tracking/${encodeURIComponent(trackingId)}`, {
    signal: AbortSignal.timeout(5_000),
  });
  return response.ok ? response.json() : null;
}

export async function listCarriers() {
  const { data } = await shippingApi.get("/carriers");
  return data;
}
