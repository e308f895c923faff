import http from 'axios';

export const client = http.create({
  baseURL: process.env.API_URL,
  timeout: 0,
});

export const report = (id: string) => http.get(`/reports/${id}`, { timeout: 0 });
