// shipguard-test: no-findings
'use client';

export async function loadCart() {
  const res = await fetch('/api/cart');
  return res.json();
}
