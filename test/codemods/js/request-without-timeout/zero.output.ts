import http from 'axios';

export const client = http.create({
  baseURL: process.env.API_URL,
  timeout: 10_000,
});

export const report = (id: string) => http.get(`/reports/${id}`, { timeout: 10_000 });
