import axios from "axios";
import { loyaltyApi } from "../lib/http";

const LOYALTY_WEBHOOK_URL = process.env.LOYALTY_WEBHOOK_URL ?? "https://loyalty.example.com/hooks/purchase";

export async function reportPurchase(userId: string, amountCents: number) {
  await axios.post(LOYALTY_WEBHOOK_URL, { userId, amountCents, at: new Date().toISOString() });
}

export async function pointsBalance(userId: string): Promise<number> {
  const { data } = await loyaltyApi.get(`/members/${encodeURIComponent(userId)}/balance`);
  return data.points;
}
