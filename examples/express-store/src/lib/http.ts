import axios from "axios";

export const shippingApi = axios.create({
  baseURL: process.env.SHIPPING_API_URL,
  headers: { "Content-Type": "application/json" },
});

export const loyaltyApi = axios.create({
  baseURL: process.env.LOYALTY_API_URL,
  timeout: 5_000,
});
